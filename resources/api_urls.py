from django.urls import path

from resources import api

urlpatterns = [
    path("resources/", api.article_collection, name="api-resources"),
    path("resources/<slug:slug>/", api.article_detail, name="api-resource"),
    path("resources/<slug:slug>/revisions/", api.article_revisions, name="api-resource-revisions"),
    path(
        "resources/<slug:slug>/revisions/<int:number>/",
        api.article_revision,
        name="api-resource-revision",
    ),
]
