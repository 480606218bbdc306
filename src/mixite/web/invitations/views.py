"""The page behind an invitation link (platform §1.4)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from mixite.web.accounts import services as account_services
from mixite.web.accounts.decorators import signed_in_user
from mixite.web.accounts.forms import SignUpForm
from mixite.web.accounts.models import User
from mixite.web.core.errors import DomainError
from mixite.web.invitations import services
from mixite.web.networks.services import node_url

if TYPE_CHECKING:
    from typing import Any

    from django.http import HttpRequest, HttpResponse

    from mixite.web.invitations.models import Invitation


def _destination(invitation: Invitation) -> str:
    if invitation.organisation is not None:
        return f"/o/{invitation.organisation.slug}/"
    assert invitation.node is not None  # noqa: S101 - check constraint
    return node_url(invitation.node)


def _refused(request: HttpRequest, error: DomainError) -> HttpResponse:
    return render(
        request,
        "invitations/refused.html",
        {"code": error.code, "message": error.message},
        status=400 if error.code != "invite.email_mismatch" else 403,
    )


def accept_view(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = services.invitation_for_token(token)
    except DomainError as error:
        return _refused(request, error)
    context: dict[str, Any] = {
        "invitation": invitation,
        "target": invitation.organisation or invitation.node,
    }
    if request.user.is_authenticated:
        return _accept_signed_in(request, token, invitation, context)
    if User.objects.filter(email=invitation.email).exists():
        context["must_sign_in"] = True
        return render(request, "invitations/accept.html", context)
    return _sign_up_and_accept(request, token, invitation, context)


def _accept_signed_in(
    request: HttpRequest, token: str, invitation: Invitation, context: dict[str, Any]
) -> HttpResponse:
    if request.method != "POST":
        return render(request, "invitations/accept.html", context)
    try:
        services.accept(token=token, user=signed_in_user(request))
    except DomainError as error:
        return _refused(request, error)
    messages.success(request, _("Welcome! Your roles are active."))
    return redirect(_destination(invitation))


def _sign_up_and_accept(
    request: HttpRequest, token: str, invitation: Invitation, context: dict[str, Any]
) -> HttpResponse:
    """No account yet: sign up with the invited address, locked (§1.4)."""
    form = SignUpForm(
        request.POST or None,
        locked_email=invitation.email,
        initial={"language": request.LANGUAGE_CODE},
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = services.sign_up_and_accept(
                token=token,
                password=form.cleaned_data["password"],
                display_name=form.cleaned_data["display_name"],
                language=form.cleaned_data["language"],
            )
        except DomainError as error:
            return _refused(request, error)
        login(request, user, backend="mixite.web.accounts.backends.EmailBackend")
        account_services.stamp_authentication(request)
        messages.success(
            request, _("Welcome! Your account is created and your roles are active.")
        )
        return redirect(_destination(invitation))
    return render(request, "invitations/accept.html", {**context, "form": form})
