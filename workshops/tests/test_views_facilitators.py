import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import OutboxEmail
from tests import factories
from workshops.models import Registration, Workshop
from workshops.tests.conftest import register

pytestmark = pytest.mark.django_db

FORM = {
    "title": "Atelier Mastodon",
    "topic": "reseaux-sociaux",
    "description": "On crée un compte ensemble.",
    "starts_at": "2031-03-12T14:00",
    "ends_at": "2031-03-12T17:00",
    "format": "presentiel",
    "capacity": "12",
    "show_count": "on",
}


@pytest.fixture
def facilitator_client(client, facilitator):
    client.force_login(facilitator)
    return client


def test_members_cannot_reach_facilitator_pages(client, member, workshop):
    client.force_login(member)
    for url in [
        "/ateliers/animer/",
        "/ateliers/nouveau/",
        "/ateliers/lieux/nouveau/",
        reverse("workshops:workshop-edit", args=[workshop.slug]),
        reverse("workshops:participants", args=[workshop.slug]),
        reverse("workshops:participants-csv", args=[workshop.slug]),
        reverse("workshops:participants-message", args=[workshop.slug]),
        reverse("workshops:feedback-results", args=[workshop.slug]),
    ]:
        assert client.get(url).status_code == 403, url
    assert (
        client.post(reverse("workshops:workshop-duplicate", args=[workshop.slug])).status_code
        == 403
    )


def test_another_facilitator_cannot_see_the_participants(client, workshop):
    client.force_login(factories.facilitator())
    assert client.get(reverse("workshops:participants", args=[workshop.slug])).status_code == 403


def test_moderators_see_the_participants(client, moderator, workshop):
    register(workshop, 1)
    client.force_login(moderator)
    html = client.get(reverse("workshops:participants", args=[workshop.slug])).content.decode()
    assert "personne1@example.org" in html


def test_anonymous_visitors_are_sent_to_sign_in(client, workshop):
    response = client.get(reverse("workshops:participants", args=[workshop.slug]))
    assert response.status_code == 302 and "/compte/login/" in response["Location"]


def test_a_facilitator_creates_a_session_from_a_programme(facilitator_client, place):
    from django.core.management import call_command

    call_command("load_content", verbosity=0)
    page = facilitator_client.get("/ateliers/nouveau/?programme=utiliser-facebook")
    assert "Utiliser Facebook en accord avec ses valeurs" in page.content.decode()
    data = {**FORM, "place": place.pk, "programme": page.context["form"].initial["programme"].pk}
    response = facilitator_client.post("/ateliers/nouveau/", {**data, "publish": "1"})
    workshop = Workshop.objects.get()
    assert response.status_code == 302 and response["Location"] == workshop.get_absolute_url()
    assert workshop.status == "published" and workshop.programme.slug == "utiliser-facebook"
    assert timezone.localtime(workshop.starts_at).hour == 14
    assert workshop.starts_at.utcoffset() == timedelta(0)


def test_the_form_refuses_an_end_before_the_start_and_keeps_the_input(facilitator_client, place):
    data = {**FORM, "place": place.pk, "ends_at": "2031-03-12T13:00"}
    response = facilitator_client.post("/ateliers/nouveau/", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "La fin doit venir après le début." in html and 'value="Atelier Mastodon"' in html
    assert not Workshop.objects.exists()


def test_a_time_that_does_not_exist_in_paris_is_refused(facilitator_client, place):
    # 30 March 2031, 02:30 does not exist in Paris (clocks jump from 02:00 to 03:00).
    data = {
        **FORM,
        "place": place.pk,
        "starts_at": "2031-03-30T02:30",
        "ends_at": "2031-03-30T05:00",
    }
    response = facilitator_client.post("/ateliers/nouveau/", data)
    assert response.status_code == 400 and not Workshop.objects.exists()


def test_capacity_below_confirmed_is_refused_in_the_form(facilitator_client, workshop):
    for n in range(3):
        register(workshop, n)
    url = reverse("workshops:workshop-edit", args=[workshop.slug])
    data = {**FORM, "place": workshop.place_id, "capacity": "1"}
    response = facilitator_client.post(url, data)
    assert (
        response.status_code == 400 and "3 personnes déjà confirmées" in response.content.decode()
    )


def test_edit_notifies_a_move(facilitator_client, workshop):
    register(workshop, 1)
    url = reverse("workshops:workshop-edit", args=[workshop.slug])
    data = {**FORM, "place": workshop.place_id, "capacity": "3"}
    assert facilitator_client.post(url, data).status_code == 302
    assert "Changement" in OutboxEmail.objects.filter(to="personne1@example.org").last().subject


def test_publish_duplicate_cancel(facilitator_client, make_workshop):
    draft = make_workshop(status="draft")
    facilitator_client.post(reverse("workshops:workshop-publish", args=[draft.slug]))
    draft.refresh_from_db()
    assert draft.status == "published"
    response = facilitator_client.post(reverse("workshops:workshop-duplicate", args=[draft.slug]))
    copy = Workshop.objects.exclude(pk=draft.pk).get()
    assert response["Location"] == reverse("workshops:workshop-edit", args=[copy.slug])
    assert (
        facilitator_client.get(reverse("workshops:workshop-cancel", args=[draft.slug])).status_code
        == 200
    )
    facilitator_client.post(
        reverse("workshops:workshop-cancel", args=[draft.slug]), {"reason": "Pluie"}
    )
    draft.refresh_from_db()
    assert draft.status == "cancelled"
    assert (
        facilitator_client.get(reverse("workshops:workshop-publish", args=[draft.slug])).status_code
        == 405
    )


def test_participants_attendance_csv_and_message(facilitator_client, workshop):
    first = register(workshop, 1)
    register(workshop, 2)
    Registration.objects.filter(pk=first.pk).update(name="=HYPERLINK(1)")
    url = reverse("workshops:participants", args=[workshop.slug])
    assert "personne2@example.org" in facilitator_client.get(url).content.decode()
    facilitator_client.post(url, {"present": [str(first.pk)]})
    assert Registration.objects.get(pk=first.pk).attended is True
    assert Registration.objects.get(email="personne2@example.org").attended is False
    response = facilitator_client.get(reverse("workshops:participants-csv", args=[workshop.slug]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "nom" and len(rows) == 3
    assert rows[1][0] == "'=HYPERLINK(1)"
    message_url = reverse("workshops:participants-message", args=[workshop.slug])
    assert facilitator_client.post(message_url, {"subject": "", "text": ""}).status_code == 400
    facilitator_client.post(message_url, {"subject": "Salle 2", "text": "Rendez-vous salle 2."})
    assert OutboxEmail.objects.filter(subject__startswith="Salle 2").count() == 2


def test_hide_the_count(facilitator_client, workshop):
    url = reverse("workshops:participants", args=[workshop.slug])
    facilitator_client.post(url, {"show_count": "0"})
    workshop.refresh_from_db()
    assert workshop.show_count is False


def test_approval_buttons(facilitator_client, make_workshop):
    workshop = make_workshop(requires_approval=True)
    registration = register(workshop, 1)
    url = reverse(
        "workshops:registration-manage", args=[workshop.slug, registration.pk, "accepter"]
    )
    facilitator_client.post(url)
    assert Registration.objects.get(pk=registration.pk).status == "confirmed"
    bad = reverse(
        "workshops:registration-manage", args=[workshop.slug, registration.pk, "n-importe"]
    )
    assert facilitator_client.post(bad).status_code == 404


def test_dashboard_shows_demand_by_topic(facilitator_client, member):
    from workshops import services

    services.topic_propose(author=member, title="Sujet A", topic="visibilite")
    html = facilitator_client.get("/ateliers/animer/").content.decode()
    assert "Demande par thème" in html and "Visibilité" in html


def test_feedback_results_show_aggregates(facilitator_client, workshop):
    from workshops import services

    registration = register(workshop, 1)
    Workshop.objects.filter(pk=workshop.pk).update(
        starts_at=timezone.now() - timedelta(hours=4), ends_at=timezone.now() - timedelta(hours=1)
    )
    services.feedback_create(registration=registration, rating=5, useful="Tout")
    html = facilitator_client.get(
        reverse("workshops:feedback-results", args=[workshop.slug])
    ).content.decode()
    assert "1 réponse, note moyenne 5,0 sur 5." in html and "personne1" not in html


def test_report_page_is_created_in_the_wiki(facilitator_client, workshop):
    facilitator_client.post(reverse("workshops:workshop-report", args=[workshop.slug]))
    workshop.refresh_from_db()
    assert workshop.report is not None and workshop.report.slug.startswith("compte-rendu-")
    html = facilitator_client.get(workshop.get_absolute_url()).content.decode()
    assert workshop.report.get_absolute_url() in html


def test_a_facilitator_adds_a_place(facilitator_client):
    response = facilitator_client.post(
        "/ateliers/lieux/nouveau/",
        {"name": "Salle des fêtes", "city": "Pau", "step_free_access": "on"},
    )
    assert response.status_code == 302
    from workshops.models import Place

    assert Place.objects.get().step_free_access is True
