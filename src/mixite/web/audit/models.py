"""The append-only audit log: one SHA-256 hash chain per tenant (platform §11)."""

from __future__ import annotations

from django.db import models

from mixite.web.core.models import UUIDModel


class ChainHead(models.Model):
    """The last entry of a tenant's chain; locked while an entry is written."""

    tenant = models.CharField(max_length=60, unique=True)
    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"{self.tenant} @ {self.seq}"


class AuditEntry(UUIDModel):
    tenant = models.CharField(max_length=60)
    seq = models.PositiveBigIntegerField()
    at = models.DateTimeField()
    actor = models.CharField(max_length=60)
    action = models.CharField(max_length=60)
    object = models.CharField(max_length=80, null=True, blank=True)  # noqa: DJ001 - JSON null (§11.1)
    data = models.JSONField(default=dict)
    prev = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "seq"], name="audit_seq_per_tenant"
            )
        ]
        ordering = ["tenant", "seq"]

    def __str__(self) -> str:
        return f"{self.tenant} #{self.seq} {self.action}"
