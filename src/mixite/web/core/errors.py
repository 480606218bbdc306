"""Error codes shared by forms, pages and the API, with their translated messages (§0.7)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import Promise

MESSAGES: dict[str, Promise] = {
    "auth.locked": _(
        "Too many sign-in attempts. Try again in %(minutes)s minute(s), or reset your password."
    ),
    "auth.invalid": _("E-mail or password incorrect."),
    "auth.otp_invalid": _(
        "This code is not valid. Enter the current code or a recovery code."
    ),
    "auth.otp_required": _(
        "This organisation requires two-factor authentication for your role."
    ),
    "auth.reauth_required": _("Confirm your password to continue."),
    "auth.email_unverified": _(
        "Confirm your e-mail address first: follow the link we sent."
    ),
    "invite.invalid": _(
        "This invitation link is not valid. It may have been mistyped or replaced by a newer "
        "one: ask for the invitation to be sent again."
    ),
    "invite.expired": _(
        "This invitation has expired. Ask the person who invited you to resend it."
    ),
    "invite.used": _("This invitation has already been used."),
    "invite.revoked": _("This invitation was withdrawn by the person who sent it."),
    "invite.email_mismatch": _(
        "This invitation was sent to another address. Sign in with the invited address."
    ),
    "org.last_owner": _(
        "An organisation keeps at least one owner: name another owner before removing this one."
    ),
    "org.siren_invalid": _(
        "A SIREN is 9 digits with a valid check digit (e.g. 812 345 676)."
    ),
    "org.naf_invalid": _("A NAF code looks like 49.41A."),
    "api.token_invalid": _("The API token is missing, unknown or revoked."),
    "api.token_expired": _("The API token has expired: create a new one."),
    "api.scope_missing": _("The API token lacks the scope this operation needs."),
    "api.scope_not_allowed": _(
        "You cannot grant this scope to a token with your current roles."
    ),
    "api.malformed_json": _("The request body is not valid JSON."),
    "api.unknown_field": _("The request has a field this operation does not know."),
    "api.not_found": _("Not found."),
    "api.validation": _("Some fields are not valid."),
    "api.field_required": _("This field is required."),
    "api.field_invalid": _("This value is not valid for this field."),
    "api.scope_unknown": _("This scope does not exist."),
    "api.token_expiry_invalid": _("A token lasts between 1 and 365 days."),
    "api.rate_limited": _(
        "Too many requests with this token: wait a little and try again."
    ),
    "api.request_invalid": _("The request cannot be processed."),
    "api.method_not_allowed": _("This address does not accept this HTTP method."),
    "api.internal_error": _(
        "Something went wrong on our side. Quote the request id if you report it."
    ),
    "permission.denied": _("Your current roles do not allow this."),
}


def message_for(code: str, **params: Any) -> str:
    message = str(MESSAGES.get(code, code))
    return message % params if params else message


class DomainError(Exception):
    """A rule refused the action; ``code`` is one of :data:`MESSAGES`."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    @property
    def message(self) -> str:
        return message_for(self.code, **self.params)
