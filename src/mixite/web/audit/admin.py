from django.contrib import admin

from mixite.web.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin[AuditEntry]):
    list_display = ("tenant", "seq", "at", "actor", "action", "object")
    list_filter = ("action",)
    search_fields = ("tenant", "actor", "object")

    def has_change_permission(self, *_args: object, **_kwargs: object) -> bool:
        return False  # append-only (§11.1)

    def has_delete_permission(self, *_args: object, **_kwargs: object) -> bool:
        return False

    def has_add_permission(self, *_args: object, **_kwargs: object) -> bool:
        return False
