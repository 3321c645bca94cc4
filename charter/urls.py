from django.urls import path

from charter import views

app_name = "charter"
urlpatterns = [
    path("charte/", views.charter, name="charter"),
    path("diagnostic/", views.diagnostic, name="diagnostic"),
    path("diagnostic/questions/<slug:theme>/", views.diagnostic_theme, name="diagnostic-theme"),
    path("diagnostic/resultat/", views.diagnostic_result, name="diagnostic-result"),
    path(
        "diagnostic/resultat/themes/<slug:theme>/",
        views.diagnostic_result_theme,
        name="diagnostic-result-theme",
    ),
    path("diagnostic/resultat.json", views.diagnostic_result_json, name="diagnostic-result-json"),
    path("diagnostic/enregistrer/", views.diagnostic_save, name="diagnostic-save"),
    path("diagnostic/lien-revoque/", views.diagnostic_revoked, name="diagnostic-revoked"),
    path("diagnostic/mes-resultats/", views.diagnostic_mine, name="diagnostic-mine"),
    path("diagnostic/resultats/<slug:token>/", views.diagnostic_detail, name="diagnostic-detail"),
    path(
        "diagnostic/resultats/<slug:token>/themes/<slug:theme>/",
        views.diagnostic_detail_theme,
        name="diagnostic-detail-theme",
    ),
    path(
        "diagnostic/resultats/<slug:token>.json",
        views.diagnostic_detail_json,
        name="diagnostic-detail-json",
    ),
    path(
        "diagnostic/resultats/<slug:token>/revoquer/",
        views.diagnostic_revoke,
        name="diagnostic-revoke",
    ),
    path(
        "diagnostic/resultats/<slug:token>/garder/",
        views.diagnostic_attach,
        name="diagnostic-attach",
    ),
    path(
        "diagnostic/resultats/<slug:token>/publier/",
        views.diagnostic_publish,
        name="diagnostic-publish",
    ),
    path(
        "diagnostic/resultats/<slug:token>/depublier/",
        views.diagnostic_unpublish,
        name="diagnostic-unpublish",
    ),
    path("diagnostic/publics/", views.published_list, name="published-list"),
    path("diagnostic/publics/<slug:slug>/", views.published_detail, name="published-detail"),
]
