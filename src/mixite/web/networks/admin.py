from django.contrib import admin

from mixite.web.core.admin import AuditedModelAdmin
from mixite.web.networks.models import Membership, NetworkNode, NetworkRole


class NetworkRoleInline(admin.TabularInline[NetworkRole, NetworkNode]):
    model = NetworkRole
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(NetworkNode)
class NetworkNodeAdmin(AuditedModelAdmin):
    list_display = ("name", "kind", "slug", "parent", "visibility", "status")
    search_fields = ("name", "slug")
    list_filter = ("kind", "visibility", "status")
    inlines = [NetworkRoleInline]


@admin.register(Membership)
class MembershipAdmin(AuditedModelAdmin):
    list_display = ("user", "network", "status", "joined_at")
    list_filter = ("status",)
    autocomplete_fields = ("user",)
