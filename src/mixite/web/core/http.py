"""Request types for views that only signed-in, verified users reach."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from mixite.web.accounts.models import User


class AuthedRequest(HttpRequest):
    """A request behind ``verified_login_required``: ``user`` is a real account."""

    user: User
