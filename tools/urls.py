from django.urls import path

from tools import views

app_name = "tools"
urlpatterns = [
    path("", views.tool_list, name="tool-list"),
    path("remplacer/", views.service_list, name="service-list"),
    path("remplacer/<slug:slug>/", views.service_detail, name="service-detail"),
    path("hebergeurs/", views.hoster_list, name="hoster-list"),
    path("hebergeurs/<slug:slug>/", views.hoster_detail, name="hoster-detail"),
    path("a-verifier/", views.stale_list, name="stale-list"),
    path("<slug:slug>/", views.tool_detail, name="tool-detail"),
]
