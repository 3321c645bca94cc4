import socket

import pytest
from django.core import mail
from django.utils import timezone

from core import outbox, registry, worker
from core.models import OutboxEmail, TaskRun
from tests.smtp import SMTPServer

pytestmark = pytest.mark.django_db


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_an_enqueued_email_is_sent_by_the_worker():
    outbox.outbox_enqueue(
        to="camille@example.org", subject="Bonjour", text="Texte", html="<p>Texte</p>"
    )
    assert outbox.deliver_due() == 1
    assert mail.outbox[0].to == ["camille@example.org"]
    assert mail.outbox[0].alternatives[0][1] == "text/html"
    assert OutboxEmail.objects.get().status == OutboxEmail.Status.SENT


def test_no_email_is_lost_when_the_mail_server_is_down(settings):
    """Down: the email stays, with its error, and is retried later. Back up: it goes out."""
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
    settings.EMAIL_TIMEOUT = 2
    outbox.outbox_enqueue(
        to="dominique@example.org", subject="Confirmation", text="Votre inscription"
    )
    assert outbox.deliver_due() == 0
    email = OutboxEmail.objects.get()
    assert email.status == OutboxEmail.Status.PENDING and email.attempts == 1
    assert email.last_error and email.send_after > timezone.now()
    assert outbox.deliver_due() == 0  # not due yet: no hammering of a broken server
    OutboxEmail.objects.update(send_after=timezone.now())
    with SMTPServer(port) as server:
        assert outbox.deliver_due() == 1
    assert "Votre inscription" in server.messages[0]
    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.SENT and email.attempts == 2


def test_an_email_is_given_up_after_the_maximum_attempts(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = (
        "127.0.0.1",
        free_port(),
        False,
    )
    settings.OUTBOX_MAX_ATTEMPTS = 2
    outbox.outbox_enqueue(to="x@example.org", subject="s", text="t")
    for _ in range(2):
        OutboxEmail.objects.update(send_after=timezone.now())
        outbox.deliver_due()
    assert OutboxEmail.objects.get().status == OutboxEmail.Status.FAILED


def test_periodic_tasks_run_once_per_interval(monkeypatch):
    calls = []
    monkeypatch.setattr(registry, "periodic_tasks", [("test.task", 3600, calls.append)])
    now = timezone.now()
    assert worker.run_due_tasks(now) == ["test.task"]
    assert worker.run_due_tasks(now + timezone.timedelta(minutes=10)) == []
    assert worker.run_due_tasks(now + timezone.timedelta(hours=2)) == ["test.task"]
    assert len(calls) == 2
    assert TaskRun.objects.get(name="test.task").last_run_at == now + timezone.timedelta(hours=2)


def test_the_worker_command_runs_one_round(capsys):
    from django.core.management import call_command

    outbox.outbox_enqueue(to="a@example.org", subject="s", text="t")
    call_command("run_worker", "--once")
    assert "'sent': 1" in capsys.readouterr().out
