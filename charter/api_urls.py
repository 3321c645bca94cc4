from django.urls import path

from charter import api

urlpatterns = [
    path("diagnostic/questionnaire/", api.questionnaire_current, name="api-questionnaire"),
    path(
        "diagnostic/questionnaire/<int:version>/",
        api.questionnaire_version,
        name="api-questionnaire-version",
    ),
    path("diagnostic/score/", api.diagnostic_score, name="api-diagnostic-score"),
]
