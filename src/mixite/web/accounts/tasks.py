"""Nightly account housekeeping (platform §1.3, §10.1)."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from mixite.web.accounts.services import delete_unconfirmed_accounts
from mixite.web.accounts.tokens import forget_old_calls


@task()
def nightly_housekeeping() -> dict[str, int]:
    """Unconfirmed accounts past 7 days (§1.3); API call counts past a day (§15.1)."""
    now = timezone.now()
    return {
        "unconfirmed_accounts": delete_unconfirmed_accounts(now=now),
        "api_call_counts": forget_old_calls(now),
    }
