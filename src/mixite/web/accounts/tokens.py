"""Personal access tokens for the JSON API (platform §15.1).

A token is ``mxt_`` followed by 40 base32 characters, shown once. Only its SHA-256
and its first 8 characters are stored. Its rights are its scopes *and* the user's
current roles.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import math
import secrets
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import F, Min, Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mixite.web.accounts.models import ApiToken, ApiTokenUse, User
from mixite.web.audit.services import record
from mixite.web.core.errors import DomainError
from mixite.web.orgs.models import OrgRole, OrgRoleName

if TYPE_CHECKING:
    from uuid import UUID

    from django.db.models import QuerySet
    from django.utils.functional import Promise

TOKEN_PREFIX = "mxt_"  # noqa: S105 - a marker, not a secret
TOKEN_BYTES = 25  # 25 bytes = 200 bits = exactly 40 base32 characters, no padding
TOKEN_LENGTH = len(TOKEN_PREFIX) + 40
SHOWN_PREFIX_LENGTH = 8  # what the token list shows (and stores) of a token
DEFAULT_DAYS = 90  # platform §15.1
MAX_DAYS = 365  # platform §15.1
ANALYST_SCOPE = "diagnostics:analyst"  # only for analysts somewhere (§15.1)
# §15.1: 120 calls per rolling minute and 10,000 per rolling day, per token.
RATE_LIMITS = ((dt.timedelta(minutes=1), 120), (dt.timedelta(days=1), 10_000))

SCOPES: tuple[tuple[str, Promise], ...] = (
    ("profile:read", _("Read my profile and roles")),
    ("events:read", _("Read events")),
    ("events:write", _("Register, cancel and accept offers for myself")),
    ("events:manage", _("Organise events")),
    ("chapters:read", _("Read networks and chapters")),
    ("mutual_aid:read", _("Read mutual aid")),
    ("mutual_aid:write", _("Take part in mutual aid")),
    ("mentoring:read", _("Read mentoring")),
    ("mentoring:write", _("Take part in mentoring")),
    ("diagnostics:read", _("Read diagnostics (shared view)")),
    ("diagnostics:analyst", _("Read diagnostics (analyst view)")),
    ("diagnostics:write", _("Upload data and compute diagnostics")),
    ("plans:read", _("Read action plans")),
    ("plans:write", _("Edit action plans")),
    ("audit:read", _("Read the audit log")),
    ("gdpr:export", _("Export my personal data")),
)
SCOPE_CODES: tuple[str, ...] = tuple(code for code, _label in SCOPES)


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def new_raw_token() -> str:
    return TOKEN_PREFIX + base64.b32encode(secrets.token_bytes(TOKEN_BYTES)).decode(
        "ascii"
    )


def is_analyst_somewhere(user: User) -> bool:
    return OrgRole.objects.filter(user=user, role=OrgRoleName.ANALYST).exists()


def _checked_scopes(*, user: User, scopes: list[str]) -> list[str]:
    """The requested scopes in the canonical order, each once; refused ones raise."""
    wanted = set(scopes)
    if not wanted or not wanted <= set(SCOPE_CODES):
        raise DomainError("api.scope_unknown")
    if ANALYST_SCOPE in wanted and not is_analyst_somewhere(user):
        raise DomainError("api.scope_not_allowed")
    return [code for code in SCOPE_CODES if code in wanted]


@transaction.atomic
def create_token(
    *, user: User, name: str, scopes: list[str], days: int = DEFAULT_DAYS
) -> tuple[ApiToken, str]:
    """A new token and its raw value, which the caller shows once and never stores."""
    if not 1 <= days <= MAX_DAYS:
        raise DomainError("api.token_expiry_invalid")
    checked = _checked_scopes(user=user, scopes=scopes)
    raw = new_raw_token()
    now = timezone.now()
    token = ApiToken.objects.create(
        user=user,
        name=name.strip(),
        prefix=raw[:SHOWN_PREFIX_LENGTH],
        token_hash=hash_token(raw),
        scopes=checked,
        created_at=now,
        expires_at=now + dt.timedelta(days=days),
    )
    record(
        tenant="instance",
        actor=f"user:{user.uuid}",
        action="api.token_created",
        object=f"token:{token.uuid}",
        data={"scopes": checked},
    )
    return token, raw


@transaction.atomic
def revoke_token(*, token: ApiToken, by: User) -> None:
    """Revoke at once; revoking a revoked token changes nothing."""
    now = timezone.now()
    updated = ApiToken.objects.filter(uuid=token.uuid, revoked_at__isnull=True).update(
        revoked_at=now
    )
    if not updated:
        return
    token.revoked_at = now
    record(
        tenant="instance",
        actor=f"user:{by.uuid}",
        action="api.token_revoked",
        object=f"token:{token.uuid}",
        data={"scopes": list(token.scopes)},
    )


def authenticate_token(raw: str, now: dt.datetime) -> ApiToken:
    """The usable token for ``raw``; records its use to the minute."""
    if len(raw) != TOKEN_LENGTH or not raw.startswith(TOKEN_PREFIX):
        raise DomainError("api.token_invalid")
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=hash_token(raw))
        .first()
    )
    if token is None or token.revoked_at is not None or not token.user.is_active:
        raise DomainError("api.token_invalid")
    if token.expires_at <= now:
        raise DomainError("api.token_expired")
    minute = now.replace(second=0, microsecond=0)
    if token.last_used_at != minute:  # one write per minute at most
        ApiToken.objects.filter(uuid=token.uuid).update(last_used_at=minute)
        token.last_used_at = minute
    return token


def tokens_for_user(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at", "uuid")


def token_for_user(*, user: User, uuid: UUID) -> ApiToken:
    """One of the user's own tokens; 404 for anyone else's (§0.1)."""
    return get_object_or_404(ApiToken, user=user, uuid=uuid)


def count_call(token: ApiToken, now: dt.datetime) -> None:
    """Count one call, or refuse it with 429 ``api.rate_limited`` and when to retry.

    Calls are summed per second; a refused call is not counted, so waiting is enough.
    """
    uses = ApiTokenUse.objects.filter(token=token)
    for window, limit in RATE_LIMITS:
        recent = uses.filter(second__gt=now - window).aggregate(
            n=Sum("n_calls"), first=Min("second")
        )
        if (recent["n"] or 0) >= limit:
            wait = recent["first"] + window - now
            raise DomainError(
                "api.rate_limited", retry_after=max(1, math.ceil(wait.total_seconds()))
            )
    second = now.replace(microsecond=0)
    row, _created = ApiTokenUse.objects.get_or_create(token=token, second=second)
    ApiTokenUse.objects.filter(pk=row.pk).update(n_calls=F("n_calls") + 1)


def forget_old_calls(now: dt.datetime) -> int:
    """Nightly: the per-second counts older than the longest window are not needed."""
    longest = max(window for window, _limit in RATE_LIMITS)
    n_deleted, _ = ApiTokenUse.objects.filter(second__lte=now - longest).delete()
    return n_deleted
