"""The scheduler loop beside the worker: the backport has no periodic tasks (§0.9)."""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone

from mixite.web.core.models import ScheduledRun

if TYPE_CHECKING:
    import threading
    from collections.abc import Callable

logger = logging.getLogger(__name__)


def every_minute() -> dict[str, Callable[[], object]]:
    """The jobs enqueued each minute (retries of the outbox)."""
    from mixite.web.outbox.tasks import send_outbox  # noqa: PLC0415

    return {"send_outbox": send_outbox.enqueue}


def enqueue_due(now: dt.datetime, jobs: dict[str, Callable[[], object]]) -> list[str]:
    """Enqueue each job once for the minute of ``now``; returns the names enqueued."""
    due_at = now.replace(second=0, microsecond=0)
    enqueued = []
    for name, enqueue in jobs.items():
        try:
            with transaction.atomic():
                ScheduledRun.objects.create(name=name, due_at=due_at)
                enqueue()
        except IntegrityError:
            continue  # another scheduler already enqueued this run
        enqueued.append(name)
    ScheduledRun.objects.filter(due_at__lt=due_at - dt.timedelta(days=1)).delete()
    return enqueued


def run_forever(stop: threading.Event) -> None:
    while not stop.is_set():
        enqueue_due(timezone.now(), every_minute())
        stop.wait(60 - timezone.now().second)
