from django.urls import path

from resources import views

app_name = "resources"
urlpatterns = [
    path("", views.article_list, name="article-list"),
    path("nouvelle/", views.article_create, name="article-create"),
    path("images/", views.image_upload, name="image-upload"),
    path("export.zip", views.wiki_download, name="wiki-download"),
    path("desabonnement/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("etiquettes/<slug:tag>/suivre/", views.tag_follow, name="tag-follow"),
    path("<slug:slug>/", views.article_detail, name="article-detail"),
    path("<slug:slug>/modifier/", views.article_edit, name="article-edit"),
    path("<slug:slug>/historique/", views.article_history, name="article-history"),
    path("<slug:slug>/diff/", views.article_diff, name="article-diff"),
    path("<slug:slug>/version/<int:number>/", views.article_revision, name="article-revision"),
    path("<slug:slug>/restaurer/<int:number>/", views.article_revert, name="article-revert"),
    path("<slug:slug>/proteger/", views.article_protect, name="article-protect"),
    path("<slug:slug>/discussion/", views.article_talk, name="article-talk"),
    path(
        "<slug:slug>/discussion/<int:pk>/moderer/",
        views.comment_moderate,
        name="comment-moderate",
    ),
    path("<slug:slug>/suivre/", views.article_follow, name="article-follow"),
]
