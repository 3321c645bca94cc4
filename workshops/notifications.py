"""Emails to participants, all through the outbox (retried, never lost), in French, plain text
and HTML, each with the link to cancel the registration. Links carry signed tokens: a changed
token is refused, and the confirmation link expires."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.outbox import outbox_enqueue

SALTS = {
    "confirm": "workshops.registration.confirm",
    "cancel": "workshops.registration.cancel",
    "feedback": "workshops.registration.feedback",
}


def token_for(registration, purpose: str) -> str:
    return signing.dumps(registration.pk, salt=SALTS[purpose])


def registration_from_token(token: str, purpose: str):
    """(registration or None, problem) where problem is '', 'expired' or 'invalid'."""
    from workshops.models import Registration

    max_age = None
    if purpose == "confirm":
        max_age = timedelta(hours=settings.WORKSHOPS_CONFIRMATION_HOURS)
    try:
        pk = signing.loads(token, salt=SALTS[purpose], max_age=max_age)
    except signing.SignatureExpired:
        return None, "expired"
    except signing.BadSignature:
        return None, "invalid"
    registration = Registration.objects.select_related("workshop").filter(pk=pk).first()
    return registration, "" if registration else "invalid"


def url_for(registration, purpose: str) -> str:
    names = {
        "confirm": "workshops:registration-confirm",
        "cancel": "workshops:registration-cancel",
        "feedback": "workshops:feedback",
    }
    with translation.override("fr"):
        path = reverse(names[purpose], args=[token_for(registration, purpose)])
    return settings.SITE_URL + path


def subject_for(kind: str, workshop, extra: dict) -> str:
    subjects = {
        "confirm_request": _("Confirm your registration: %(title)s"),
        "confirmed": _("Registration confirmed: %(title)s"),
        "waiting": _("On the waiting list: %(title)s"),
        "pending": _("Registration received, waiting for approval: %(title)s"),
        "promoted": _("A seat is free for you: %(title)s"),
        "declined": _("Registration not accepted: %(title)s"),
        "cancelled": _("Registration cancelled: %(title)s"),
        "changed": _("Change to the session: %(title)s"),
        "workshop_cancelled": _("Session cancelled: %(title)s"),
        "reminder": _("Reminder, tomorrow: %(title)s"),
        "feedback": _("Your opinion on the session: %(title)s"),
    }
    if kind == "message":
        return f"{extra['subject']} — {workshop.title}"
    return subjects[kind] % {"title": workshop.title}


def send(registration, kind: str, **extra) -> None:
    """Queue one email of `kind` to the person registered (templates workshops/email/<kind>)."""
    workshop = registration.workshop
    with translation.override("fr"):
        context = {
            "registration": registration,
            "workshop": workshop,
            "kind": kind,
            "site_url": settings.SITE_URL,
            "workshop_url": settings.SITE_URL + workshop.get_absolute_url(),
            "ics_url": settings.SITE_URL + reverse("workshops:workshop-ics", args=[workshop.slug]),
            "cancel_url": url_for(registration, "cancel"),
            "confirm_url": url_for(registration, "confirm") if kind == "confirm_request" else "",
            "feedback_url": url_for(registration, "feedback") if kind == "feedback" else "",
            # The online link goes to confirmed participants only (not to those waiting).
            "show_link": registration.status == "confirmed"
            and kind in ("confirmed", "promoted", "changed", "reminder", "message"),
            "confirmation_hours": settings.WORKSHOPS_CONFIRMATION_HOURS,
            "erase_days": settings.WORKSHOPS_ERASE_AFTER_DAYS,
            **extra,
        }
        outbox_enqueue(
            to=registration.email,
            subject=subject_for(kind, workshop, extra),
            text=render_to_string("workshops/email/message.txt", context),
            html=render_to_string("workshops/email/message.html", context),
        )


def send_reminders(now=None) -> int:
    """Periodic task: the reminder the day before, to the confirmed participants of sessions
    starting in the next 26 hours (not in the next 2: too late to be useful). A session that
    moved is reminded before its new date only (the reminder was reset when it moved); a
    cancelled one is not reminded at all."""
    from workshops.models import Registration

    now = now or timezone.now()
    due = Registration.objects.filter(
        status=Registration.Status.CONFIRMED,
        reminded_at__isnull=True,
        workshop__status="published",
        workshop__starts_at__gt=now + timedelta(hours=2),
        workshop__starts_at__lte=now + timedelta(hours=26),
    ).select_related("workshop", "workshop__place")
    return _send_each(due, "reminder", "reminded_at", now)


def send_feedback_requests(now=None) -> int:
    """Periodic task: after a session, ask the participants who accepted it for their opinion."""
    from workshops.models import Registration

    now = now or timezone.now()
    due = (
        Registration.objects.filter(
            status=Registration.Status.CONFIRMED,
            consent_feedback=True,
            feedback_requested_at__isnull=True,
            workshop__status="published",
            workshop__ends_at__lte=now,
            workshop__ends_at__gt=now - timedelta(days=14),
        )
        .exclude(attended=False)
        .select_related("workshop")
    )
    return _send_each(due, "feedback", "feedback_requested_at", now)


def _send_each(registrations, kind, stamp, now) -> int:
    count = 0
    for registration in registrations:
        with transaction.atomic():
            setattr(registration, stamp, now)
            registration.save(update_fields=[stamp])
            send(registration, kind)
        count += 1
    return count
