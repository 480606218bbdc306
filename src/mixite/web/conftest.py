"""Fixtures shared by the app tests beside the code (factories in core/tests/factories.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.test import Client

if TYPE_CHECKING:
    from mixite.web.accounts.models import User


def signed_in_client(user: User) -> Client:
    """A client signed in as ``user`` with a fresh authentication stamp."""
    client = Client()
    client.force_login(user, backend="mixite.web.accounts.backends.EmailBackend")
    session = client.session
    from django.utils import timezone  # noqa: PLC0415

    session["mixite_authenticated_at"] = timezone.now().timestamp()
    session.save()
    return client
