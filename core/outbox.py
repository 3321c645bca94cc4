"""Emails go through an outbox table; the worker sends them and retries failures.

Nothing is lost when the mail server is down: a failed send stays in the table with its error
and is tried again later (1, 2, 4… minutes, up to OUTBOX_MAX_ATTEMPTS), and an admin can see it.
Several workers may run at once: on PostgreSQL each claims its emails with SKIP LOCKED.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.utils import timezone

from core.models import OutboxEmail

logger = logging.getLogger(__name__)


@transaction.atomic
def outbox_enqueue(
    *, to: str, subject: str, text: str, html: str = "", headers: dict | None = None
) -> OutboxEmail:
    return OutboxEmail.objects.create(
        to=to, subject=subject[:200], text=text, html=html, headers=headers or {}
    )


def deliver_due(*, limit: int = 50) -> int:
    """Send the emails that are due; returns how many were sent."""
    sent = 0
    for pk in _due_ids(limit):
        sent += _deliver_one(pk)
    return sent


def _due_ids(limit):
    return list(
        OutboxEmail.objects.filter(
            status=OutboxEmail.Status.PENDING, send_after__lte=timezone.now()
        )
        .order_by("send_after", "pk")
        .values_list("pk", flat=True)[:limit]
    )


def _deliver_one(pk) -> int:
    """Claim, send outside any transaction (an SMTP server may be slow: SQLite's write lock must
    not wait for it), then record the outcome."""
    with transaction.atomic():
        queryset = OutboxEmail.objects.filter(
            pk=pk, status=OutboxEmail.Status.PENDING, send_after__lte=timezone.now()
        )
        if connection.features.has_select_for_update_skip_locked:
            queryset = queryset.select_for_update(skip_locked=True)
        email = queryset.first()
        if email is None:  # another worker took it
            return 0
        # Push send_after forward: another worker will not take it while this one sends.
        OutboxEmail.objects.filter(pk=pk).update(send_after=timezone.now() + timedelta(minutes=5))
    message = EmailMultiAlternatives(
        email.subject, email.text, settings.DEFAULT_FROM_EMAIL, [email.to], headers=email.headers
    )
    if email.html:
        message.attach_alternative(email.html, "text/html")
    email.attempts += 1
    try:
        message.send()
    except Exception as error:  # any failure of the mail server: keep it and retry later
        email.last_error = f"{type(error).__name__}: {error}"[:2000]
        if email.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
            email.status = OutboxEmail.Status.FAILED
            logger.error("Giving up on email %s after %s attempts", email.pk, email.attempts)
        else:
            email.send_after = timezone.now() + timedelta(minutes=2 ** (email.attempts - 1))
        email.save()
        return 0
    email.status, email.sent_at, email.last_error = OutboxEmail.Status.SENT, timezone.now(), ""
    email.save()
    return 1


def outbox_purge(now=None) -> int:
    """Periodic task: emails hold personal data; keep sent and abandoned ones 30 days only."""
    limit = (now or timezone.now()) - timedelta(days=settings.OUTBOX_RETENTION_DAYS)
    deleted, _details = (
        OutboxEmail.objects.exclude(status=OutboxEmail.Status.PENDING)
        .filter(created_at__lt=limit)
        .delete()
    )
    return deleted


@transaction.atomic
def outbox_forget(*, email: str) -> int:
    """Delete every email to an address (when its account is deleted)."""
    deleted, _details = OutboxEmail.objects.filter(to__iexact=email).delete()
    return deleted
