"""Guards for views: signed in with a confirmed e-mail; recently re-authenticated."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse

from mixite.web.accounts.services import recently_authenticated

if TYPE_CHECKING:
    from mixite.web.accounts.models import User

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def signed_in_user(request: HttpRequest) -> User:
    """The user of a request that passed the guards below (typed as such)."""
    user = request.user
    if not user.is_authenticated:  # the guards keep visitors out: not reached
        raise PermissionDenied
    return user


def _to(name: str, request: HttpRequest) -> HttpResponseBase:
    return redirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")


def verified_login_required(view: View) -> View:
    """Signed in, and the e-mail confirmed before any tenant access (§1.3)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return _to("accounts:login", request)
        if not request.user.email_verified:
            return redirect("accounts:confirm-pending")
        return view(request, *args, **kwargs)

    return wrapper  # type: ignore[return-value]


def reauth_required(view: View) -> View:
    """The last authentication is less than 15 minutes old, or ask again (§1.3)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return _to("accounts:login", request)
        if not recently_authenticated(request):
            return _to("accounts:reauth", request)
        return view(request, *args, **kwargs)

    return wrapper  # type: ignore[return-value]
