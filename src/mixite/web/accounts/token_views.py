"""The "API tokens" page: list, create (after re-authentication) and revoke (§15.1)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from mixite.web.accounts import tokens
from mixite.web.accounts.decorators import reauth_required, verified_login_required
from mixite.web.accounts.forms import ApiTokenForm
from mixite.web.core.errors import DomainError

if TYPE_CHECKING:
    from uuid import UUID

    from django.http import HttpRequest, HttpResponse

    from mixite.web.accounts.models import User

# session key: the raw token, until shown once
NEW_TOKEN = "mixite_new_api_token"  # noqa: S105 - a key name, not a secret


@never_cache  # the page may show a new token: keep it out of every cache
@verified_login_required
@reauth_required
def tokens_view(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _token, raw = tokens.create_token(
                user=user,
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
                days=form.cleaned_data["days"],
            )
        except DomainError as error:
            form.add_error("scopes", error.message)
        else:
            request.session[NEW_TOKEN] = raw
            return redirect("accounts:tokens")
    context = {
        "form": form,
        "new_token": request.session.pop(NEW_TOKEN, None),
        "tokens": tokens.tokens_for_user(user=user),
        "now": timezone.now(),
    }
    return render(request, "accounts/tokens.html", context)


@require_POST
@verified_login_required
def token_revoke_view(request: HttpRequest, token: UUID) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    api_token = tokens.token_for_user(user=user, uuid=token)  # 404 unless hers
    tokens.revoke_token(token=api_token, by=user)
    messages.success(
        request, _("The token “%(name)s” is revoked.") % {"name": api_token.name}
    )
    return redirect("accounts:tokens")
