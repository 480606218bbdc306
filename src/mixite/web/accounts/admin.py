from django.contrib import admin

from mixite.web.accounts.models import ApiToken, User
from mixite.web.core.admin import AuditedModelAdmin


@admin.register(User)
class UserAdmin(AuditedModelAdmin):
    list_display = (
        "email",
        "display_name",
        "language",
        "email_verified_at",
        "is_staff",
    )
    search_fields = ("email", "display_name")
    list_filter = ("is_staff", "language")
    exclude = ("password", "user_permissions", "groups")
    readonly_fields = ("last_login", "created_at")


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "expires_at", "revoked_at")
    exclude = ("token_hash",)
    readonly_fields = ("prefix", "last_used_at")
