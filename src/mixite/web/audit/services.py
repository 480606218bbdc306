"""Writing and verifying the audit hash chains (platform §11.1)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from mixite.web.audit.models import AuditEntry, ChainHead

GENESIS = "0" * 64


def canonical_json(entry: dict[str, Any]) -> str:
    """Keys sorted, no insignificant whitespace, non-ASCII written as is (§11.1)."""
    return json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def entry_hash(entry: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(entry).encode("utf-8")).hexdigest()


def format_at(at: dt.datetime) -> str:
    return at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def entry_fields(entry: AuditEntry) -> dict[str, Any]:
    """The hashed content of an entry: every field but ``hash``."""
    return {
        "action": entry.action,
        "actor": entry.actor,
        "at": format_at(entry.at),
        "data": entry.data,
        "object": entry.object,
        "prev": entry.prev,
        "seq": entry.seq,
        "tenant": entry.tenant,
    }


def record(
    *,
    tenant: str,
    actor: str,
    action: str,
    object: str | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append an entry to the tenant's chain; the chain head is locked meanwhile."""
    with transaction.atomic():
        ChainHead.objects.get_or_create(tenant=tenant)
        head = ChainHead.objects.select_for_update().get(tenant=tenant)
        entry = AuditEntry(
            tenant=tenant,
            seq=head.seq + 1,
            at=timezone.now().replace(microsecond=0),
            actor=actor,
            action=action,
            object=object,
            data=data or {},
            prev=head.hash,
        )
        entry.hash = entry_hash(entry_fields(entry))
        entry.save()
        head.seq, head.hash = entry.seq, entry.hash
        head.save(update_fields=["seq", "hash"])
    return entry


@dataclass(frozen=True, slots=True)
class BrokenLink:
    tenant: str
    seq: int


def verify_chain(tenant: str) -> BrokenLink | None:
    """The first entry whose hash or link does not hold, or ``None`` when intact.

    Entry 1 must point to the genesis hash, and the chain must end where its head row says
    (entries removed from the end are missing ones). A chain starting after 1 is a pruned one
    (§11.1): its first link is taken as it is.
    """
    prev = None
    expected_seq = None
    for entry in AuditEntry.objects.filter(tenant=tenant).order_by("seq").iterator():
        if expected_seq is not None and entry.seq != expected_seq:
            return BrokenLink(tenant, expected_seq)
        if prev is None and entry.seq == 1:
            prev = GENESIS
        if prev is not None and entry.prev != prev:
            return BrokenLink(tenant, entry.seq)
        if entry_hash(entry_fields(entry)) != entry.hash:
            return BrokenLink(tenant, entry.seq)
        prev, expected_seq = entry.hash, entry.seq + 1
    return _check_head(tenant, last_seq=(expected_seq or 1) - 1, last_hash=prev)


def _check_head(
    tenant: str, *, last_seq: int, last_hash: str | None
) -> BrokenLink | None:
    """The chain ends where its head row says, with the same hash."""
    head = ChainHead.objects.filter(tenant=tenant).first()
    if head is None:
        return None
    if head.seq > last_seq:  # the entries after the last one are gone
        return BrokenLink(tenant, last_seq + 1)
    if head.seq == last_seq and last_hash is not None and head.hash != last_hash:
        return BrokenLink(tenant, last_seq)  # the last entry was rewritten
    return None


def actor_ref(user: Any) -> str:
    """``user:<uuid>`` for a signed-in person, ``system`` otherwise."""
    return f"user:{user.uuid}" if getattr(user, "uuid", None) else "system"
