"""The JSON API, version 1. Each domain app contributes its own `api_urls` module."""

from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView

from core.api import api_not_found, api_root
from core.search_views import search_api

urlpatterns = [
    path("", api_root, name="api-root"),
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="api-schema"),
    path("search/", search_api, name="api-search"),
    path("", include("accounts.api_urls")),
    path("", include("charter.api_urls")),
    path("", include("resources.api_urls")),
    path("", include("tools.api_urls")),
    path("", include("workshops.api_urls")),
    path("<path:rest>", api_not_found),
]
