"""Abstract bases shared by every app."""

from __future__ import annotations

import uuid

from django.db import models


class UUIDModel(models.Model):
    """A model whose primary key is a random UUID: no integer key reaches a URL (§0.2)."""

    uuid = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)

    class Meta:
        abstract = True


class ScheduledRun(models.Model):
    """One row per periodic job and due time: two schedulers enqueue a run once (§0.9)."""

    name = models.CharField(max_length=60)
    due_at = models.DateTimeField()
    enqueued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["name", "due_at"], name="core_one_run_per_due_time"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} @ {self.due_at:%Y-%m-%d %H:%M}"
