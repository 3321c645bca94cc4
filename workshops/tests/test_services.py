from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from core.models import OutboxEmail
from core.site import SiteReadOnly, site_settings_save
from tests import factories
from workshops import notifications, services
from workshops.models import Feedback, Registration, Workshop
from workshops.tests.conftest import make_fields, register

pytestmark = pytest.mark.django_db


def emails_to(address):
    return list(OutboxEmail.objects.filter(to=address).order_by("pk"))


def test_a_visitor_takes_a_seat_only_once_the_email_is_confirmed(workshop):
    registration = services.registration_create(
        workshop=workshop, name="Léa", email="lea@example.org", consent_data=True
    )
    assert registration.status == Registration.Status.UNCONFIRMED
    assert workshop.registrations.confirmed().count() == 0
    [email] = emails_to("lea@example.org")
    assert notifications.url_for(registration, "confirm") in email.text
    assert notifications.url_for(registration, "cancel") in email.text
    assert "Confirmez" in email.subject and "<a href=" in email.html
    services.registration_confirm(registration=registration)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert "confirmée" in emails_to("lea@example.org")[-1].subject


def test_a_member_registers_in_one_step(workshop, member):
    registration = services.registration_create(
        workshop=workshop, user=member, name="", email="", consent_data=True
    )
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.email == member.email


def test_capacity_is_never_exceeded_and_the_rest_waits_in_order(workshop):
    registrations = [register(workshop, n) for n in range(5)]
    assert [r.status for r in registrations] == ["confirmed"] * 3 + ["waiting"] * 2
    assert list(workshop.registrations.waiting()) == registrations[3:]


def test_a_cancellation_promotes_the_first_waiting_and_tells_them(workshop):
    registrations = [register(workshop, n) for n in range(5)]
    services.registration_cancel(registration=registrations[1])
    statuses = [Registration.objects.get(pk=r.pk).status for r in registrations]
    assert statuses == ["confirmed", "cancelled", "confirmed", "confirmed", "waiting"]
    assert "place s’est libérée" in emails_to("personne3@example.org")[-1].subject


def test_the_same_email_twice_is_refused(workshop):
    register(workshop, 1)
    with pytest.raises(services.WorkshopError, match="déjà inscrite"):
        services.registration_create(
            workshop=workshop, name="Autre", email="PERSONNE1@example.org", consent_data=True
        )


def test_an_unconfirmed_registration_asked_again_resends_the_link(workshop):
    first = services.registration_create(
        workshop=workshop, name="A", email="a@example.org", consent_data=True
    )
    again = services.registration_create(
        workshop=workshop, name="A", email="a@example.org", consent_data=True
    )
    assert again.pk == first.pk
    assert len(emails_to("a@example.org")) == 2


def test_registration_without_consent_is_refused(workshop):
    with pytest.raises(services.WorkshopError) as error:
        services.registration_create(
            workshop=workshop, name="A", email="a@example.org", consent_data=False
        )
    assert error.value.field == "consent_data"
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"status": "cancelled"}, "annulée"),
        ({"registration_closes_at": timezone.now() - timedelta(hours=1)}, "closes"),
        ({"registration_opens_at": timezone.now() + timedelta(days=1)}, "pas encore ouvertes"),
    ],
)
def test_registration_outside_the_window_is_refused(workshop, change, message):
    Workshop.objects.filter(pk=workshop.pk).update(**change)
    workshop.refresh_from_db()
    with pytest.raises(services.WorkshopError, match=message):
        services.registration_create(
            workshop=workshop, name="A", email="a@example.org", consent_data=True
        )
    assert not Registration.objects.exists()


def test_a_confirmation_after_closing_is_refused(workshop):
    registration = services.registration_create(
        workshop=workshop, name="A", email="a@example.org", consent_data=True
    )
    Workshop.objects.filter(pk=workshop.pk).update(status="cancelled")
    with pytest.raises(services.WorkshopError):
        services.registration_confirm(registration=registration)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.UNCONFIRMED


def test_end_before_start_is_refused(facilitator, place):
    start = timezone.now() + timedelta(days=3)
    fields = make_fields(starts_at=start, ends_at=start - timedelta(hours=1), place=place)
    with pytest.raises(services.WorkshopError) as error:
        services.workshop_create(fields=fields, author=facilitator)
    assert error.value.field == "ends_at"
    assert not Workshop.objects.exists()


def test_in_person_needs_a_place(facilitator):
    with pytest.raises(services.WorkshopError, match="lieu"):
        services.workshop_create(fields=make_fields(place=None), author=facilitator)


def test_capacity_below_the_confirmed_count_is_refused_with_the_reason(workshop):
    for n in range(3):
        register(workshop, n)
    fields = services.fields_of(workshop)
    fields.capacity = 2
    with pytest.raises(services.WorkshopError, match="aux 3 personnes déjà confirmées"):
        services.workshop_update(workshop=workshop, fields=fields)
    workshop.refresh_from_db()
    assert workshop.capacity == 3


def test_a_larger_capacity_lets_the_waiting_list_in(workshop):
    registrations = [register(workshop, n) for n in range(5)]
    fields = services.fields_of(workshop)
    fields.capacity = 4
    services.workshop_update(workshop=workshop, fields=fields)
    assert Registration.objects.get(pk=registrations[3].pk).status == "confirmed"
    assert Registration.objects.get(pk=registrations[4].pk).status == "waiting"


def test_a_move_tells_the_people_registered(workshop):
    register(workshop, 1)
    fields = services.fields_of(workshop)
    fields.starts_at += timedelta(days=1)
    fields.ends_at += timedelta(days=1)
    services.workshop_update(workshop=workshop, fields=fields)
    last = emails_to("personne1@example.org")[-1]
    assert "Changement" in last.subject
    assert last.html and "annuler" in last.text.lower()


def test_a_cancelled_session_tells_everyone(workshop):
    for n in range(4):
        register(workshop, n)
    services.workshop_cancel(workshop=workshop, reason="Animatrice malade.")
    subjects = [emails_to(f"personne{n}@example.org")[-1].subject for n in range(4)]
    assert all("annulée" in s for s in subjects)
    assert "Animatrice malade." in emails_to("personne3@example.org")[-1].text


def test_approval_keeps_registrations_pending_until_a_facilitator_accepts(make_workshop):
    workshop = make_workshop(requires_approval=True, capacity=1)
    first, second = register(workshop, 1), register(workshop, 2)
    assert first.status == second.status == "pending"
    services.registration_approve(registration=first)
    services.registration_approve(registration=second)
    assert Registration.objects.get(pk=first.pk).status == "confirmed"
    assert Registration.objects.get(pk=second.pk).status == "waiting"
    services.registration_cancel(registration=Registration.objects.get(pk=first.pk))
    assert Registration.objects.get(pk=second.pk).status == "confirmed"


def test_duplicate_makes_a_draft_a_week_later(workshop, facilitator):
    register(workshop, 1)
    copy = services.workshop_duplicate(workshop=workshop, author=facilitator)
    assert copy.status == "draft" and copy.slug != workshop.slug
    assert copy.starts_at == workshop.starts_at + timedelta(days=7)
    assert not copy.registrations.exists()
    assert facilitator in copy.facilitators.all()


def test_reminder_the_day_before_only_for_a_session_still_there(make_workshop):
    now = timezone.now()
    tomorrow = make_workshop(starts_at=now + timedelta(hours=20))
    moved = make_workshop(starts_at=now + timedelta(hours=20), title="Déplacé")
    cancelled = make_workshop(starts_at=now + timedelta(hours=20), title="Annulé")
    for n, w in enumerate([tomorrow, moved, cancelled]):
        register(w, n)
    fields = services.fields_of(moved)
    fields.starts_at += timedelta(days=7)
    fields.ends_at += timedelta(days=7)
    services.workshop_update(workshop=moved, fields=fields)
    services.workshop_cancel(workshop=cancelled)
    assert notifications.send_reminders(now) == 1
    assert "Rappel" in emails_to("personne0@example.org")[-1].subject
    assert "Rappel" not in emails_to("personne1@example.org")[-1].subject
    assert "Rappel" not in emails_to("personne2@example.org")[-1].subject
    assert notifications.send_reminders(now) == 0  # once only
    # The moved session is reminded the day before its new date.
    assert notifications.send_reminders(now + timedelta(days=7)) == 1
    assert "Rappel" in emails_to("personne1@example.org")[-1].subject


def test_feedback_is_requested_after_the_session_from_those_who_accepted(make_workshop):
    workshop = make_workshop()
    yes, no = register(workshop, 1, feedback=True), register(workshop, 2)
    Workshop.objects.filter(pk=workshop.pk).update(
        starts_at=timezone.now() - timedelta(hours=5), ends_at=timezone.now() - timedelta(hours=2)
    )
    assert notifications.send_feedback_requests() == 1
    email = emails_to("personne1@example.org")[-1]
    assert notifications.url_for(yes, "feedback") in email.text
    assert "avis" not in emails_to("personne2@example.org")[-1].subject
    services.feedback_create(registration=yes, rating=4, useful="Le jeu de rôle")
    with pytest.raises(services.WorkshopError):
        services.feedback_create(registration=yes, rating=5)
    assert no.feedback_given is False
    feedback = Feedback.objects.get()
    assert not hasattr(feedback, "registration")
    summary = services.feedback_summary(workshop)
    assert (
        summary["count"] == 1 and summary["mean"] == 4 and summary["useful"] == ["Le jeu de rôle"]
    )


def test_personal_data_is_erased_n_days_after_the_session(make_workshop, settings):
    settings.WORKSHOPS_ERASE_AFTER_DAYS = 90
    workshop = make_workshop()
    recent = make_workshop(title="Récent")
    for n in range(4):
        register(workshop, n)
    register(recent, 9)
    services.attendance_mark(workshop=workshop, present={workshop.registrations.first().pk})
    end = timezone.now() - timedelta(days=91)
    Workshop.objects.filter(pk=workshop.pk).update(starts_at=end - timedelta(hours=3), ends_at=end)
    from core.worker import run_due_tasks

    assert "workshops.erase-personal-data" in run_due_tasks()
    workshop.refresh_from_db()
    assert not workshop.registrations.exists()
    assert (workshop.final_confirmed, workshop.final_attended) == (3, 1)
    assert workshop.erased_at is not None
    assert recent.registrations.count() == 1
    assert not Registration.objects.filter(email="personne1@example.org").exists()


def test_tokens_cannot_be_forged_and_confirmation_links_expire(workshop, settings):
    registration = services.registration_create(
        workshop=workshop, name="A", email="a@example.org", consent_data=True
    )
    token = notifications.token_for(registration, "confirm")
    assert notifications.registration_from_token(token + "x", "confirm") == (None, "invalid")
    assert notifications.registration_from_token(token, "cancel") == (None, "invalid")
    settings.WORKSHOPS_CONFIRMATION_HOURS = 0
    import time

    time.sleep(1.1)
    assert notifications.registration_from_token(token, "confirm") == (None, "expired")


def test_the_read_only_switch_stops_registrations(workshop):
    site_settings_save(read_only=True)
    with pytest.raises(SiteReadOnly):
        services.registration_create(
            workshop=workshop, name="A", email="a@example.org", consent_data=True
        )


def test_participants_message_goes_to_the_confirmed_only(workshop, facilitator):
    for n in range(4):
        register(workshop, n)
    count = services.participants_message(
        workshop=workshop, subject="Salle changée", text="Rendez-vous salle 2.", author=facilitator
    )
    assert count == 3
    assert "Rendez-vous salle 2." in emails_to("personne0@example.org")[-1].text
    assert "Salle changée" not in emails_to("personne3@example.org")[-1].subject


def test_emails_go_through_the_outbox_and_are_sent_by_the_worker(workshop):
    register(workshop, 1)
    from core import outbox

    assert outbox.deliver_due() >= 2
    assert {m.to[0] for m in mail.outbox} == {"personne1@example.org"}
    assert all(m.alternatives for m in mail.outbox)


def test_topics_and_interest(member):
    other = factories.UserFactory()
    proposal = services.topic_propose(
        author=member, title="Mastodon pour débuter", topic="reseaux-sociaux"
    )
    services.topic_interest_set(proposal=proposal, user=other, interested=True)
    assert proposal.interested.count() == 2
    services.topic_interest_set(proposal=proposal, user=other, interested=False)
    assert proposal.interested.count() == 1


def test_personal_data_export_lists_registrations(workshop, member):
    services.registration_create(
        workshop=workshop, user=member, name="", email="", consent_data=True
    )
    from accounts.services import personal_data_export

    data = personal_data_export(user=member)
    assert data["workshops"]["registrations"][0]["session"] == workshop.title


def test_demo_fills_upcoming_sessions_with_fictitious_registrations():
    from django.core.management import call_command

    call_command("load_content", verbosity=0)
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)  # idempotent
    workshops = Workshop.objects.upcoming()
    assert workshops.count() == 3
    registrations = Registration.objects.filter(workshop__in=workshops)
    assert registrations.count() > 20
    assert all(r.email.endswith("@example.org") and "fictif" in r.name for r in registrations)
    assert registrations.filter(status="waiting").exists()
    assert not OutboxEmail.objects.filter(to__startswith="demo-participant-").exists()


def test_deleting_an_account_deletes_its_registrations_and_frees_the_seat(workshop, member):
    from accounts.services import account_delete

    registration = services.registration_create(
        workshop=workshop, user=member, name="", email="", consent_data=True
    )
    waiting = [register(workshop, n) for n in range(3)][-1]
    assert waiting.status == "waiting"
    proposal = services.topic_propose(author=member, title="Sujet", topic="visibilite")
    account_delete(user=member)
    assert not Registration.objects.filter(pk=registration.pk).exists()
    assert Registration.objects.get(pk=waiting.pk).status == "confirmed"
    assert not OutboxEmail.objects.filter(to=member.email).exists()
    proposal.refresh_from_db()
    assert proposal.author.public_name == "Compte supprimé"


def test_the_online_link_is_emailed_to_confirmed_participants_only(make_workshop):
    workshop = make_workshop(
        format="en-ligne", place=None, online_url="https://visio.example.org/z", capacity=1
    )
    register(workshop, 1)
    register(workshop, 2)
    assert "visio.example.org/z" in emails_to("personne1@example.org")[-1].text
    assert all("visio.example.org" not in e.text for e in emails_to("personne2@example.org"))


def test_links_of_erased_registrations_stop_working(workshop):
    registration = register(workshop, 1)
    token = notifications.token_for(registration, "cancel")
    services.registrations_erase(workshop=workshop)
    assert notifications.registration_from_token(token, "cancel") == (None, "invalid")
