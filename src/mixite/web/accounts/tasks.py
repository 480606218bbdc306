"""Nightly account housekeeping (platform §1.3, §10.1)."""

from __future__ import annotations

from django_tasks import task

from mixite.web.accounts.services import delete_unconfirmed_accounts


@task()
def purge_unconfirmed_accounts() -> int:
    return delete_unconfirmed_accounts()
