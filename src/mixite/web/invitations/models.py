"""Invitations to an organisation or a network node, by e-mail (platform §1.4)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone

from mixite.web.core.models import UUIDModel

if TYPE_CHECKING:
    import datetime as dt


class Invitation(UUIDModel):
    organisation = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
    )
    node = models.ForeignKey(
        "networks.NetworkNode",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
    )
    email = models.EmailField()
    roles = models.JSONField(default=list)
    token_hash = models.CharField(max_length=64, unique=True)  # SHA-256 of the token
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(organisation__isnull=False, node__isnull=True)
                    | models.Q(organisation__isnull=True, node__isnull=False)
                ),
                name="invitations_one_target",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation or self.node}"

    def state(self, now: dt.datetime) -> str:
        """``pending``, ``used``, ``revoked`` or ``expired``."""
        if self.accepted_at is not None:
            return "used"
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at <= now:
            return "expired"
        return "pending"
