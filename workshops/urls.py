from django.urls import path

from workshops import calendars, views

app_name = "workshops"
urlpatterns = [
    path("", views.workshop_list, name="list"),
    path("passes/", views.workshop_past, name="past"),
    path("agenda.ics", views.agenda_ics, name="agenda-ics"),
    path("agenda/<str:token>.ics", views.private_ics, name="private-ics"),
    path("atom/", calendars.NewWorkshopsFeed(), name="atom"),
    path("programmes/", views.programme_list, name="programme-list"),
    path("programmes/<slug:slug>/", views.programme_detail, name="programme-detail"),
    path("sujets/", views.topic_list, name="topic-list"),
    path("sujets/proposer/", views.topic_propose, name="topic-propose"),
    path("sujets/<int:pk>/interet/", views.topic_interest, name="topic-interest"),
    path("mes-inscriptions/", views.my_registrations, name="mine"),
    path("mes-inscriptions/calendrier/", views.calendar_feed, name="calendar-feed"),
    path(
        "inscription/confirmer/<str:token>/",
        views.registration_confirm,
        name="registration-confirm",
    ),
    path("inscription/annuler/<str:token>/", views.registration_cancel, name="registration-cancel"),
    path("avis/<str:token>/", views.feedback, name="feedback"),
    path("animer/", views.facilitator_home, name="facilitator"),
    path("nouveau/", views.workshop_create, name="create"),
    path("lieux/nouveau/", views.place_create, name="place-create"),
    path("<slug:slug>/", views.workshop_detail, name="workshop-detail"),
    path("<slug:slug>/agenda.ics", views.workshop_ics, name="workshop-ics"),
    path("<slug:slug>/inscription/", views.registration_new, name="registration-new"),
    path("<slug:slug>/desinscription/", views.registration_withdraw, name="registration-withdraw"),
    path("<slug:slug>/modifier/", views.workshop_edit, name="workshop-edit"),
    path("<slug:slug>/publier/", views.workshop_publish, name="workshop-publish"),
    path("<slug:slug>/dupliquer/", views.workshop_duplicate, name="workshop-duplicate"),
    path("<slug:slug>/annuler/", views.workshop_cancel, name="workshop-cancel"),
    path("<slug:slug>/compte-rendu/", views.workshop_report, name="workshop-report"),
    path("<slug:slug>/participants/", views.participants, name="participants"),
    path("<slug:slug>/participants.csv", views.participants_csv, name="participants-csv"),
    path(
        "<slug:slug>/participants/<int:pk>/<slug:action>/",
        views.registration_manage,
        name="registration-manage",
    ),
    path("<slug:slug>/message/", views.participants_message, name="participants-message"),
    path("<slug:slug>/avis/", views.feedback_results, name="feedback-results"),
]
