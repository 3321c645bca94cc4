from django.urls import path

from tools import api

urlpatterns = [
    path("tools/", api.tool_collection, name="api-tools"),
    path("tools/<slug:slug>/", api.tool_detail, name="api-tool"),
]
