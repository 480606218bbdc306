"""The scheduler enqueues each run once, even with two schedulers (platform §0.9)."""

from __future__ import annotations

import datetime as dt

import pytest

from mixite.web.core.models import ScheduledRun
from mixite.web.core.scheduler import enqueue_due, jobs_due

pytestmark = pytest.mark.django_db

PARIS_2AM_WINTER = dt.datetime(2026, 11, 24, 1, 0, 30, tzinfo=dt.UTC)  # 02:00 in Paris


def test_a_run_is_enqueued_once_per_minute() -> None:
    calls: list[str] = []
    jobs = {"job": lambda: calls.append("job")}
    now = dt.datetime(2026, 11, 23, 10, 15, 7, tzinfo=dt.UTC)
    assert enqueue_due(now, jobs) == ["job"]
    assert enqueue_due(now + dt.timedelta(seconds=30), jobs) == []  # a second scheduler
    assert enqueue_due(now + dt.timedelta(minutes=1), jobs) == ["job"]
    assert calls == ["job", "job"]
    assert ScheduledRun.objects.count() == 2


def test_nightly_housekeeping_is_due_at_two_in_paris() -> None:
    assert "nightly_housekeeping" in jobs_due(PARIS_2AM_WINTER)
    assert "nightly_housekeeping" not in jobs_due(
        PARIS_2AM_WINTER + dt.timedelta(minutes=1)
    )
    assert "send_outbox" in jobs_due(PARIS_2AM_WINTER + dt.timedelta(minutes=1))
