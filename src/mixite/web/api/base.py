"""The API object: problem details, field pointers, scopes in the OpenAPI document."""

from __future__ import annotations

from inspect import iscoroutinefunction
from typing import TYPE_CHECKING, Any

from django.urls import URLPattern, URLResolver, path, re_path
from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema

from mixite.web.api.auth import SECURITY_SCHEME, TokenAuth
from mixite.web.api.problems import (
    PROBLEM_CONTENT_TYPE,
    install_problem_handlers,
    json_pointer,
    not_found_view,
    with_problem_405,
)

if TYPE_CHECKING:
    from ninja.errors import ValidationError, ValidationErrorContext
    from ninja.operation import Operation

CLIENT_ERROR = 400  # the first status answered with problem details


def with_problem_405_pattern(
    pattern: URLResolver | URLPattern,
) -> URLResolver | URLPattern:
    if not isinstance(pattern, URLPattern) or iscoroutinefunction(pattern.callback):
        return pattern
    return URLPattern(
        pattern.pattern,
        with_problem_405(pattern.callback),
        pattern.default_args,
        pattern.name,
    )


class MixiteOpenAPISchema(OpenAPISchema):
    """ninja's document, with each operation's scope and problem+json errors."""

    def operation_security(self, operation: Operation) -> list[dict[str, Any]] | None:
        requirements: list[dict[str, Any]] = []
        for auth in operation.auth_callbacks:
            # OpenAPI 3.1 allows a list of role names (here scopes) for any scheme
            if isinstance(auth, TokenAuth):
                requirements.append({SECURITY_SCHEME: [auth.scope]})
                self.securitySchemes[SECURITY_SCHEME] = auth.openapi_security_schema
        others = super().operation_security(operation) or []
        requirements += [r for r in others if "TokenAuth" not in r]
        self.securitySchemes.pop("TokenAuth", None)
        return requirements or None

    def responses(self, operation: Operation) -> dict[int, dict[str, Any]]:
        result = super().responses(operation)
        for status, details in result.items():
            content = details.get("content")
            if int(status) >= CLIENT_ERROR and content and len(content) == 1:
                details["content"] = {
                    PROBLEM_CONTENT_TYPE: next(iter(content.values()))
                }
        return result


class MixiteAPI(NinjaAPI):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        install_problem_handlers(self)

    def get_openapi_schema(
        self,
        *,
        path_prefix: str | None = None,
        path_params: dict[str, Any] | None = None,
    ) -> OpenAPISchema:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        return MixiteOpenAPISchema(self, path_prefix)

    def validation_error_from_error_contexts(
        self, error_contexts: list[ValidationErrorContext[Any]]
    ) -> ValidationError:
        """ninja's errors, each with the RFC 6901 ``pointer`` of its field."""
        exc = super().validation_error_from_error_contexts(error_contexts)
        single_body = {
            getattr(context.model, "__read_from_single_attr__", None)
            for context in error_contexts
            if context.model.__ninja_param_source__ == "body"
        }
        for error in exc.errors:
            loc = tuple(error["loc"])[1:]  # without the source: body, query, path…
            if loc and loc[0] in single_body:  # the body parameter's name, not a field
                loc = loc[1:]
            error["pointer"] = json_pointer(loc)
        return exc

    @property
    def urls(self) -> tuple[list[URLResolver | URLPattern], str, str]:
        """ninja's addresses; the root and any unknown address answer a problem 404."""
        patterns, app_name, namespace = super().urls
        patterns = [
            with_problem_405_pattern(p)
            for p in patterns
            if getattr(p, "name", None) != "api-root"
        ]
        return (
            [
                *patterns,
                path("", not_found_view, name="api-root"),  # ninja reverses this name
                re_path(r"", not_found_view, name="not-found"),
            ],
            app_name,
            namespace,
        )
