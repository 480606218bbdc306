"""Reads on organisations, always for one actor: what is not hers answers 404 (§0.1)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.http import Http404

from mixite.web.orgs.models import Organisation, OrgRole, OrgRoleName

if TYPE_CHECKING:
    from uuid import UUID

    from django.contrib.auth.models import AnonymousUser
    from django.db.models import QuerySet

    from mixite.web.accounts.models import User


@dataclass(frozen=True, slots=True)
class OrgAccess:
    """An organisation as one user may see it, with the roles she holds there."""

    org: Organisation
    roles: frozenset[str]

    def has(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    def require(self, *roles: str) -> None:
        """404 unless she holds one of ``roles`` (never 403: existence is not revealed)."""
        if not self.has(*roles):
            raise Http404

    @property
    def role_labels(self) -> list[str]:
        """The roles as words, in the order of the spec's table (§1.2)."""
        return [
            str(label) for value, label in OrgRoleName.choices if value in self.roles
        ]

    @property
    def is_owner(self) -> bool:
        return OrgRoleName.OWNER in self.roles

    @property
    def needs_second_factor(self) -> bool:
        return bool(self.roles.intersection(self.org.require_2fa_for))


def roles_of(user: User | AnonymousUser, org: Organisation) -> frozenset[str]:
    if not user.is_authenticated or not user.email_verified:
        return frozenset()
    return frozenset(
        OrgRole.objects.filter(user=user, organisation=org).values_list(
            "role", flat=True
        )
    )


def org_for_user(*, slug: str, user: User | AnonymousUser) -> OrgAccess:
    org = Organisation.objects.filter(slug=slug).first()
    if org is None:
        raise Http404
    roles = roles_of(user, org)
    if not roles:
        raise Http404
    return OrgAccess(org=org, roles=roles)


def orgs_for_user(*, user: User) -> list[OrgAccess]:
    by_org: dict[Organisation, set[str]] = {}
    for role in OrgRole.objects.filter(user=user).select_related("organisation"):
        by_org.setdefault(role.organisation, set()).add(role.role)
    return sorted(
        (OrgAccess(org=org, roles=frozenset(roles)) for org, roles in by_org.items()),
        key=lambda access: access.org.name,
    )


def roles_for_org(*, access: OrgAccess) -> QuerySet[OrgRole]:
    access.require(OrgRoleName.OWNER)
    return (
        OrgRole.objects.filter(organisation=access.org)
        .select_related("user")
        .order_by("user__display_name", "role")
    )


def role_for_org(*, access: OrgAccess, uuid: UUID | str) -> OrgRole:
    role = roles_for_org(access=access).filter(uuid=uuid).first()
    if role is None:
        raise Http404
    return role
