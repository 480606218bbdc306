"""Organisations (tenants) and the roles people hold in them (platform §1.1)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mixite.web.core.models import UUIDModel
from mixite.web.orgs.validators import validate_naf


class OrgKind(models.TextChoices):
    COMPANY = "company", _("Company")
    SIAE = "siae", _("Inclusive employment structure (SIAE)")
    EA = "ea", _("Adapted enterprise (EA)")
    ESAT = "esat", _("Sheltered work establishment (ESAT)")
    ASSOCIATION = "association", _("Association")
    LOCAL_AUTHORITY = "local_authority", _("Local authority")
    PUBLIC_BODY = "public_body", _("Public body")
    CONSULTANCY = "consultancy", _("Consultancy")


class OrgRoleName(models.TextChoices):
    OWNER = "owner", _("Owner")
    ANALYST = "analyst", _("Analyst")
    HR = "hr", _("HR")
    MEMBER = "member", _("Member")
    GUEST = "guest", _("Guest")


# What an owner edits on the settings page (§1.1); the rest is set at creation.
SETTINGS_FIELDS = (
    "name",
    "siren",
    "naf",
    "commune",
    "legal_headcount",
    "has_cse",
    "has_union_delegates",
    "require_2fa_for",
    "share_dashboards_with_members",
    "employee_data_retention_years",
)


class Organisation(UUIDModel):
    slug = models.SlugField(_("short name in addresses"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=OrgKind.choices)
    siren = models.CharField(_("SIREN"), max_length=9, blank=True)
    naf = models.CharField(
        _("NAF code"), max_length=6, blank=True, validators=[validate_naf]
    )
    commune = models.CharField(_("commune (INSEE code)"), max_length=5, blank=True)
    legal_headcount = models.PositiveIntegerField(
        _("legal headcount"), null=True, blank=True
    )
    has_cse = models.BooleanField(_("has a works council (CSE)"), default=False)
    has_union_delegates = models.BooleanField(_("has union delegates"), default=False)
    is_demo = models.BooleanField(default=False)
    # Settings (§1.1).
    require_2fa_for = models.JSONField(
        _("roles that must use two-factor"), default=list, blank=True
    )
    share_dashboards_with_members = models.BooleanField(
        _("share dashboards with members"), default=False
    )
    employee_data_retention_years = models.PositiveSmallIntegerField(
        _("years employee-level data is kept"), default=3
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("organisation")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(employee_data_retention_years__gte=1)
                & models.Q(employee_data_retention_years__lte=6),
                name="orgs_retention_1_to_6_years",
            )
        ]

    def __str__(self) -> str:
        return self.name


class OrgRole(UUIDModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="org_roles"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(max_length=10, choices=OrgRoleName.choices)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    granted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="orgs_one_role_row"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.role} @ {self.organisation}"
