"""The Django admin's changes go to the instance audit chain (platform §11.1)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin

from mixite.web.audit.services import record

if TYPE_CHECKING:
    from django.db.models import Model, QuerySet
    from django.http import HttpRequest


def _audit(request: HttpRequest, obj: Model, verb: str) -> None:
    meta = obj._meta
    record(
        tenant="instance",
        actor=f"user:{request.user.pk}",
        action=f"admin.{verb}",
        object=f"{meta.app_label}.{meta.model_name}:{obj.pk}",
    )


class AuditedModelAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """A ModelAdmin whose additions, changes and deletions are audited."""

    def log_addition(self, request: HttpRequest, obj: Model, message: Any) -> Any:
        _audit(request, obj, "added")
        return super().log_addition(request, obj, message)

    def log_change(self, request: HttpRequest, obj: Model, message: Any) -> Any:
        _audit(request, obj, "changed")
        return super().log_change(request, obj, message)

    def log_deletions(self, request: HttpRequest, queryset: QuerySet[Any]) -> Any:
        for obj in queryset:
            _audit(request, obj, "deleted")
        return super().log_deletions(request, queryset)
