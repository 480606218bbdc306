from django.contrib import admin

from mixite.web.core.admin import AuditedModelAdmin
from mixite.web.orgs.models import Organisation, OrgRole


class OrgRoleInline(admin.TabularInline[OrgRole, Organisation]):
    model = OrgRole
    fk_name = "organisation"
    extra = 0
    autocomplete_fields = ("user",)
    exclude = ("granted_by",)


@admin.register(Organisation)
class OrganisationAdmin(AuditedModelAdmin):
    list_display = ("name", "kind", "siren", "slug")
    search_fields = ("name", "slug", "siren")
    list_filter = ("kind",)
    inlines = [OrgRoleInline]
