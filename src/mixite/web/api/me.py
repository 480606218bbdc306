"""``GET /api/v1/me``: who the token speaks for (Interfaces I-11)."""

from __future__ import annotations

from django.http import HttpRequest  # noqa: TC002 - ninja reads the signature
from ninja import Router

from mixite.web.api.auth import TokenAuth, token_of
from mixite.web.api.problems import problems
from mixite.web.api.schemas import MeOut
from mixite.web.api.selectors import profile_for_user

router = Router(tags=["profile"])


@router.get(
    "/me",
    auth=TokenAuth("profile:read"),
    response={200: MeOut, **problems(401, 403)},
    operation_id="getMe",
    summary="The token's user, her language and roles",
    description=(
        "The user the token belongs to: e-mail, display name, preferred language, "
        "roles in organisations and in networks. Scope: `profile:read`."
    ),
)
def get_me(request: HttpRequest) -> MeOut:
    return profile_for_user(user=token_of(request).user)
