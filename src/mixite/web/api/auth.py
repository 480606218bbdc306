"""Bearer authentication with personal access tokens, and scope checks (§15.1)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone, translation
from ninja.security import HttpBearer

from mixite.web.accounts.models import ApiToken
from mixite.web.accounts.tokens import SCOPE_CODES, authenticate_token, count_call
from mixite.web.core.errors import DomainError

if TYPE_CHECKING:
    from django.http import HttpRequest

SECURITY_SCHEME = "ApiToken"  # its name in the OpenAPI document


class TokenAuth(HttpBearer):
    """``Authorization: Bearer mxt_…`` holding ``scope``; one instance per scope.

    A missing or unknown token answers 401 ``api.token_invalid``, an expired one 401
    ``api.token_expired``, a valid one without the scope 403 ``api.scope_missing``.
    """

    openapi_description = (
        "A personal access token (mxt_…), created on the “API tokens” page."
    )

    def __init__(self, scope: str) -> None:
        if scope not in SCOPE_CODES:
            msg = f"unknown scope {scope!r}"
            raise ValueError(msg)
        super().__init__()
        self.scope = scope

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken:
        api_token = authenticate_token(token, timezone.now())
        request.auth = api_token  # type: ignore[attr-defined]  # errors below speak her language
        translation.activate(api_token.user.language)
        require_scope(api_token, self.scope)
        count_call(api_token, timezone.now())
        return api_token


def require_scope(token: ApiToken, scope: str) -> None:
    """Refuse with 403 ``api.scope_missing`` unless the token holds ``scope``."""
    if scope not in token.scopes:
        raise DomainError("api.scope_missing")


def token_of(request: HttpRequest) -> ApiToken:
    """The authenticated token of an operation protected by :class:`TokenAuth`."""
    token = getattr(request, "auth", None)
    if not isinstance(token, ApiToken):
        raise DomainError("api.token_invalid")
    return token
