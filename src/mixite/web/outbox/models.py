"""Outgoing mail, written in the transaction that causes it and sent by a task (§0.8)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from mixite.web.core.models import UUIDModel

RETRY_MINUTES = (1, 5, 30, 120, 720)  # platform §0.8, then the mail is failed


class MailState(models.TextChoices):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


class OutboxMail(UUIDModel):
    dedup_key = models.CharField(max_length=200, unique=True)
    to = models.EmailField()
    subject = models.CharField(max_length=250)
    body = models.TextField()
    html_body = models.TextField(blank=True)
    headers = models.JSONField(default=dict)
    state = models.CharField(
        max_length=8, choices=MailState.choices, default=MailState.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["state", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject} ({self.state})"
