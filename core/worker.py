"""The background worker: sends the outbox and runs the periodic tasks apps register."""

import logging
import time

from django.db import transaction
from django.utils import timezone

from core import outbox, registry
from core.models import TaskRun

logger = logging.getLogger(__name__)


def run_due_tasks(now=None) -> list[str]:
    """Run every periodic task whose interval has passed; returns their names."""
    now = now or timezone.now()
    ran = []
    for name, every, task in registry.periodic_tasks:
        with transaction.atomic():
            run, created = TaskRun.objects.select_for_update().get_or_create(
                name=name, defaults={"last_run_at": now}
            )
            if not created and (now - run.last_run_at).total_seconds() < every:
                continue
            run.last_run_at = now
            run.save()
        try:
            task(now)
        except Exception:  # one failing task must not stop the others, nor the worker
            logger.exception("Periodic task %s failed", name)
            continue
        ran.append(name)
    return ran


def run_once() -> dict:
    return {"sent": outbox.deliver_due(), "tasks": run_due_tasks()}


def run_forever(*, interval: float = 5.0, stop=lambda: False) -> None:
    while not stop():
        try:
            run_once()
        except Exception:  # the database may be briefly unavailable: try again next round
            logger.exception("Worker round failed")
        time.sleep(interval)
