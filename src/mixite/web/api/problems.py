"""Errors of the JSON API as RFC 9457 problem details (§15.1, Interfaces I-4)."""

from __future__ import annotations

import functools
import json
import logging
from typing import TYPE_CHECKING, Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from mixite.web.accounts.models import ApiToken
from mixite.web.core.errors import MESSAGES, DomainError, message_for

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.utils.functional import Promise
    from ninja import NinjaAPI

logger = logging.getLogger(__name__)

PROBLEM_CONTENT_TYPE = "application/problem+json"
TYPE_PREFIX = "urn:mixite:problem:"

# HTTP status of each error code; a refusal not listed conflicts with the current state.
STATUS_BY_CODE: dict[str, int] = {
    "api.malformed_json": 400,
    "api.request_invalid": 400,
    "api.token_invalid": 401,
    "api.token_expired": 401,
    "api.scope_missing": 403,
    "permission.denied": 403,
    "auth.otp_required": 403,
    "auth.reauth_required": 403,
    "auth.email_unverified": 403,
    "api.not_found": 404,
    "api.method_not_allowed": 405,
    "api.validation": 422,
    "api.unknown_field": 422,
    "api.scope_not_allowed": 422,
    "api.scope_unknown": 422,
    "api.token_expiry_invalid": 422,
    "org.siren_invalid": 422,
    "org.naf_invalid": 422,
    "api.rate_limited": 429,
    "api.internal_error": 500,
}
DEFAULT_STATUS = 409
UNAUTHORIZED = 401

# Short, occurrence-independent titles; the detail is the code's message.
TITLES: dict[str, Promise] = {
    "api.malformed_json": _("Malformed JSON"),
    "api.request_invalid": _("Invalid request"),
    "api.token_invalid": _("Invalid token"),
    "api.token_expired": _("Expired token"),
    "api.scope_missing": _("Scope missing"),
    "api.scope_not_allowed": _("Scope not allowed"),
    "permission.denied": _("Permission denied"),
    "api.not_found": _("Not found"),
    "api.method_not_allowed": _("Method not allowed"),
    "api.validation": _("Invalid fields"),
    "api.unknown_field": _("Unknown field"),
    "api.rate_limited": _("Too many requests"),
    "api.internal_error": _("Server error"),
}

# ninja's HttpError statuses, as error codes
CODE_BY_HTTP_STATUS: dict[int, str] = {
    400: "api.malformed_json",  # ninja raises it only when the body does not parse
    401: "api.token_invalid",
    403: "permission.denied",
    404: "api.not_found",
    429: "api.rate_limited",
}

PYDANTIC_CODES: dict[str, str] = {
    "missing": "api.field_required",
    "extra_forbidden": "api.unknown_field",
}


class ProblemError(Schema):
    pointer: str
    code: str
    message: str


class Problem(Schema):
    """RFC 9457 problem details, with the error code, request id and field errors."""

    type: str
    title: str
    status: int
    code: str
    detail: str
    instance: str
    request_id: str
    errors: list[ProblemError]


def problems(*statuses: int) -> dict[int, type[Problem]]:
    """The error answers of an operation: ``response={200: Out, **problems(401)}``."""
    return dict.fromkeys(statuses, Problem)


def status_for(code: str) -> int:
    return STATUS_BY_CODE.get(code, DEFAULT_STATUS)


def language_for(request: HttpRequest) -> str:
    """The token owner's language, else the one the request negotiated."""
    auth = getattr(request, "auth", None)
    if isinstance(auth, ApiToken):
        return auth.user.language
    return translation.get_language() or "fr"


def problem_response(
    request: HttpRequest,
    *,
    code: str,
    status: int | None = None,
    params: dict[str, Any] | None = None,
    errors: list[dict[str, str]] | None = None,
) -> HttpResponse:
    status = status or status_for(code)
    with translation.override(language_for(request)):
        detail = message_for(code, **(params or {}))
        title = str(TITLES[code]) if code in TITLES else detail
        body = {
            "type": f"{TYPE_PREFIX}{code}",
            "title": title,
            "status": status,
            "code": code,
            "detail": detail,
            "instance": request.path,
            "request_id": getattr(request, "request_id", "-"),
            "errors": [
                {**error, "message": message_for(error["code"])}
                for error in errors or []
            ],
        }
        language = translation.get_language()
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False),
        status=status,
        content_type=PROBLEM_CONTENT_TYPE,
    )
    response.headers["Content-Language"] = language
    if status == UNAUTHORIZED:  # RFC 6750 §3: no error code when no token was sent
        sent = "Authorization" in request.headers
        challenge = 'Bearer realm="mixite", error="invalid_token"' if sent else "Bearer"
        response.headers["WWW-Authenticate"] = challenge
    return response


def json_pointer(loc: tuple[Any, ...] | list[Any]) -> str:
    """RFC 6901 pointer of a location such as ``("capacity",)`` or ``("items", 0)``."""
    parts = (str(part).replace("~", "~0").replace("/", "~1") for part in loc)
    return "/" + "/".join(parts)


def field_error(error: dict[str, Any]) -> dict[str, str]:
    """A pydantic error (``pointer`` set by the API, else ``loc``) as an I-4 item."""
    kind = str(error.get("type", ""))
    code = kind if kind in MESSAGES else PYDANTIC_CODES.get(kind, "api.field_invalid")
    pointer = error.get("pointer") or json_pointer(tuple(error.get("loc", ()))[1:])
    return {"pointer": pointer, "code": code}


def on_domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    response = problem_response(request, code=exc.code, params=exc.params)
    if "retry_after" in exc.params:  # RFC 9110 §10.2.3, with 429 (RFC 6585)
        response.headers["Retry-After"] = str(exc.params["retry_after"])
    return response


def on_authentication_error(
    request: HttpRequest, _exc: AuthenticationError
) -> HttpResponse:
    return problem_response(request, code="api.token_invalid", status=401)


def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    code = CODE_BY_HTTP_STATUS.get(exc.status_code, "api.request_invalid")
    return problem_response(request, code=code, status=exc.status_code)


def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [field_error(error) for error in exc.errors]
    unknown_only = bool(errors) and all(
        e["code"] == "api.unknown_field" for e in errors
    )
    code = "api.unknown_field" if unknown_only else "api.validation"
    return problem_response(request, code=code, status=422, errors=errors)


def on_not_found(request: HttpRequest, _exc: Http404) -> HttpResponse:
    return problem_response(request, code="api.not_found", status=404)


def on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("API error on %s", request.path, exc_info=exc)
    return problem_response(request, code="api.internal_error", status=500)


HANDLERS: dict[type[Exception], Callable[[HttpRequest, Any], HttpResponse]] = {
    DomainError: on_domain_error,
    AuthenticationError: on_authentication_error,
    HttpError: on_http_error,  # ninja's: the body does not parse, throttled…
    ValidationError: on_validation_error,
    Http404: on_not_found,
    Exception: on_unexpected,  # JSON, not the HTML error page; logged with its trace
}


def install_problem_handlers(api: NinjaAPI) -> None:
    for exc_class, handler in HANDLERS.items():
        api.add_exception_handler(exc_class, handler)


def with_problem_405(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """ninja answers a wrong method with plain text: answer a problem instead."""

    @functools.wraps(view)  # keeps csrf_exempt
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseNotAllowed):
            problem = problem_response(request, code="api.method_not_allowed")
            problem.headers["Allow"] = response.headers["Allow"]
            return problem
        return response

    return wrapper


def not_found_view(request: HttpRequest) -> HttpResponse:
    """Any other address under the API: a problem, not the HTML 404 page."""
    return problem_response(request, code="api.not_found", status=404)
