"""The scheduler loop beside the worker: the backport has no periodic tasks (§0.9)."""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.utils import timezone

from mixite.web.core.models import ScheduledRun

if TYPE_CHECKING:
    import threading
    from collections.abc import Callable, Mapping

logger = logging.getLogger(__name__)


NIGHTLY_AT = dt.time(2, 0)  # platform §0.9: nightly work at 02:00 Europe/Paris
NIGHTLY_ZONE = ZoneInfo("Europe/Paris")


def jobs_due(now: dt.datetime) -> dict[str, Callable[[], object]]:
    """The jobs due at the minute of ``now``: the outbox every minute, housekeeping nightly."""
    from mixite.web.accounts.tasks import nightly_housekeeping  # noqa: PLC0415
    from mixite.web.outbox.tasks import send_outbox  # noqa: PLC0415

    jobs: dict[str, Callable[[], object]] = {"send_outbox": send_outbox.enqueue}
    local = now.astimezone(NIGHTLY_ZONE)
    if (local.hour, local.minute) == (NIGHTLY_AT.hour, NIGHTLY_AT.minute):
        jobs["nightly_housekeeping"] = nightly_housekeeping.enqueue
    return jobs


def enqueue_due(
    now: dt.datetime, jobs: Mapping[str, Callable[[], object]]
) -> list[str]:
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
        now = timezone.now()
        enqueue_due(now, jobs_due(now))
        stop.wait(60 - timezone.now().second)
