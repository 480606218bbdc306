"""Sign-in rate limit (platform §1.3), counted in a small table by keyed hash.

django-axes counts by plain username and IP and cannot express "attempts refused during a
lockout neither count nor extend it" together with two independent limits, so the rule is
written here: a key is locked for ``lock_minutes`` from the failure that made it reach its
limit within ``window_minutes``; failures are only recorded while the key is not locked.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import math
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from mixite.web.accounts.models import LoginFailure, normalise_email
from mixite.web.audit.services import record


def keyed_hash(kind: str, value: str) -> str:
    """HMAC-SHA-256 with the instance secret: the plain e-mail or address is never stored."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True, slots=True)
class Lock:
    until: dt.datetime

    def minutes_left(self, now: dt.datetime) -> int:
        return max(1, math.ceil((self.until - now).total_seconds() / 60))


def _limit(kind: str) -> int:
    limits = settings.MIXITE_LOGIN_LIMITS
    return int(limits["email_failures"] if kind == "email" else limits["ip_failures"])


def _keys(email: str, ip: str) -> list[tuple[str, str]]:
    keys = [
        (LoginFailure.Kind.EMAIL.value, keyed_hash("email", normalise_email(email)))
    ]
    if ip:
        keys.append((LoginFailure.Kind.IP.value, keyed_hash("ip", ip)))
    return keys


def _lock_for(kind: str, key_hash: str, now: dt.datetime) -> Lock | None:
    limits = settings.MIXITE_LOGIN_LIMITS
    window = dt.timedelta(minutes=limits["window_minutes"])
    lock = dt.timedelta(minutes=limits["lock_minutes"])
    limit = _limit(kind)
    times = list(
        LoginFailure.objects.filter(
            kind=kind, key_hash=key_hash, at__gt=now - window - lock
        )
        .order_by("at")
        .values_list("at", flat=True)
    )
    for last in range(limit - 1, len(times)):
        first = times[last - limit + 1]
        if times[last] - first < window and times[last] + lock > now:
            return Lock(until=times[last] + lock)
    return None


def current_lock(*, email: str, ip: str, now: dt.datetime | None = None) -> Lock | None:
    """The lock that refuses this attempt, if any (the later one when both apply)."""
    now = now or timezone.now()
    locks = [
        lock for kind, key in _keys(email, ip) if (lock := _lock_for(kind, key, now))
    ]
    return max(locks, key=lambda lock: lock.until) if locks else None


def record_failure(*, email: str, ip: str, now: dt.datetime | None = None) -> None:
    """Count a failure; a key that reaches its limit now is locked, and that is audited."""
    now = now or timezone.now()
    keys = _keys(email, ip)
    LoginFailure.objects.bulk_create(
        LoginFailure(kind=kind, key_hash=key, at=now) for kind, key in keys
    )
    LoginFailure.objects.filter(at__lt=now - dt.timedelta(days=1)).delete()
    lock = dt.timedelta(minutes=settings.MIXITE_LOGIN_LIMITS["lock_minutes"])
    for kind, key in keys:
        found = _lock_for(kind, key, now)
        if found is not None and found.until == now + lock:  # this failure locked it
            # §11.1: sign-in lockouts are audited; never the e-mail or address (AUD-04).
            record(
                tenant="instance",
                actor="system",
                action="auth.locked",
                data={"kind": kind},
            )


def clear_failures(*, email: str) -> None:
    """After a successful sign-in, the e-mail's failures no longer count."""
    kind, key = _keys(email, "")[0]
    LoginFailure.objects.filter(kind=kind, key_hash=key).delete()
