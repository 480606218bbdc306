"""Guards for views: signed in with a confirmed e-mail; recently re-authenticated."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from mixite.web.accounts.services import recently_authenticated

View = TypeVar("View", bound=Callable[..., HttpResponse])


def _to(name: str, request: HttpRequest) -> HttpResponse:
    return redirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")


def verified_login_required(view: View) -> View:
    """Signed in, and the e-mail confirmed before any tenant access (§1.3)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return _to("accounts:login", request)
        if not request.user.email_verified:
            return redirect("accounts:confirm-pending")
        return view(request, *args, **kwargs)

    return wrapper  # type: ignore[return-value]


def reauth_required(view: View) -> View:
    """The last authentication is less than 15 minutes old, or ask again (§1.3)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return _to("accounts:login", request)
        if not recently_authenticated(request):
            return _to("accounts:reauth", request)
        return view(request, *args, **kwargs)

    return wrapper  # type: ignore[return-value]
