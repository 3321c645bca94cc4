from django.urls import path

from revisions import views
from revisions.feeds import RecentChangesFeed

app_name = "revisions"
urlpatterns = [
    path("modifications-recentes/", views.recent_changes, name="recent-changes"),
    path("modifications-recentes/atom/", RecentChangesFeed(), name="recent-changes-feed"),
    path("moderation/", views.moderation, name="moderation"),
    path("moderation/<int:pk>/", views.moderation_decide, name="moderation-decide"),
    path("moderation/bloquer/<int:pk>/", views.account_block, name="account-block"),
    path("moderation/debloquer/<int:pk>/", views.account_unblock, name="account-unblock"),
]
