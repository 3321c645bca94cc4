from django.urls import path

from tools import choose, editing, opendata, views

app_name = "tools"
urlpatterns = [
    path("", views.tool_list, name="tool-list"),
    path("remplacer/", views.service_list, name="service-list"),
    path("remplacer/<slug:slug>/", views.service_detail, name="service-detail"),
    path("hebergeurs/", views.hoster_list, name="hoster-list"),
    path("hebergeurs/<slug:slug>/", views.hoster_detail, name="hoster-detail"),
    path("a-verifier/", views.stale_list, name="stale-list"),
    path("proposer/", editing.tool_propose, name="tool-propose"),
    path("trouver/", choose.tool_finder, name="tool-finder"),
    path("comparer/", choose.tool_compare, name="tool-compare"),
    path("donnees/outils.json", opendata.directory_json, name="directory-json"),
    path("donnees/outils.csv", opendata.directory_csv, name="directory-csv"),
    path("<slug:slug>/", views.tool_detail, name="tool-detail"),
    path("<slug:slug>/modifier/", editing.tool_edit, name="tool-edit"),
    path("<slug:slug>/historique/", editing.tool_history, name="tool-history"),
    path("<slug:slug>/diff/", editing.tool_diff, name="tool-diff"),
    path("<slug:slug>/restaurer/<int:number>/", editing.tool_revert, name="tool-revert"),
]
