"""Home, language switch, accessibility statement, error pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.views.decorators.http import require_http_methods

from mixite.web.accounts.services import change_language
from mixite.web.networks.models import NetworkNode, Visibility
from mixite.web.networks.selectors import networks_for_user
from mixite.web.orgs.selectors import orgs_for_user

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse


def home_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and request.user.email_verified:
        return render(
            request,
            "core/dashboard.html",
            {
                "orgs": orgs_for_user(user=request.user),
                "networks": networks_for_user(user=request.user),
            },
        )
    public_networks = NetworkNode.objects.filter(
        root__isnull=True, visibility=Visibility.PUBLIC
    ).order_by("name")
    return render(request, "core/landing.html", {"public_networks": public_networks})


@require_http_methods(["GET", "POST"])
def set_language_view(request: HttpRequest) -> HttpResponse:
    """GET for visitors (no CSRF token on public pages), POST for signed-in users (§12.1)."""
    data = request.POST if request.method == "POST" else request.GET
    language = data.get("language", "")
    target = data.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    response = redirect(target)
    if not check_for_language(language) or language not in dict(settings.LANGUAGES):
        return response
    if request.user.is_authenticated:
        if request.method != "POST":
            return response  # a signed-in preference changes only through the POST form
        change_language(user=request.user, language=language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=settings.LANGUAGE_COOKIE_SECURE,
    )
    return response


def accessibility_view(request: HttpRequest) -> HttpResponse:
    return render(
        request, "core/accessibility.html", {"statement": settings.MIXITE_ACCESSIBILITY}
    )


def error_404_view(request: HttpRequest, exception: Exception) -> HttpResponse:
    del exception
    return render(request, "404.html", status=404)


def error_500_view(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)


def error_403_view(request: HttpRequest, exception: Exception) -> HttpResponse:
    del exception
    return render(request, "403.html", status=403)


def csrf_failure_view(request: HttpRequest, reason: str = "") -> HttpResponse:
    del reason
    return render(request, "403_csrf.html", status=403)
