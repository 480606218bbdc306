"""Writes on organisations: roles and settings, audited (platform §1, §11)."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.text import slugify

from mixite.web.audit.services import record
from mixite.web.core.errors import DomainError
from mixite.web.orgs.models import SETTINGS_FIELDS, Organisation, OrgRole, OrgRoleName

if TYPE_CHECKING:
    from mixite.web.accounts.models import User


def _tenant(org: Organisation) -> str:
    return f"org:{org.uuid}"


@transaction.atomic
def grant_role(*, org: Organisation, user: User, role: str, by: User | None) -> OrgRole:
    row, created = OrgRole.objects.get_or_create(
        user=user, organisation=org, role=role, defaults={"granted_by": by}
    )
    if created:
        record(
            tenant=_tenant(org),
            actor=f"user:{by.uuid}" if by else "system",
            action="org.role_granted",
            object=f"user:{user.uuid}",
            data={"role": role},
        )
    return row


@transaction.atomic
def revoke_role(*, role: OrgRole, by: User) -> None:
    """Remove one role; the last owner cannot go (``org.last_owner``)."""
    org = Organisation.objects.select_for_update().get(uuid=role.organisation_id)
    if role.role == OrgRoleName.OWNER:
        n_owners = OrgRole.objects.filter(
            organisation=org, role=OrgRoleName.OWNER
        ).count()
        if n_owners <= 1:
            raise DomainError("org.last_owner")
    role.delete()
    record(
        tenant=_tenant(org),
        actor=f"user:{by.uuid}",
        action="org.role_revoked",
        object=f"user:{role.user_id}",
        data={"role": role.role},
    )


@transaction.atomic
def update_organisation(
    *, org: Organisation, by: User, changes: dict[str, Any]
) -> Organisation:
    changed = sorted(
        f for f in SETTINGS_FIELDS if f in changes and getattr(org, f) != changes[f]
    )
    for field in changed:
        setattr(org, field, changes[field])
    if changed:
        org.save(update_fields=changed)
        record(
            tenant=_tenant(org),
            actor=f"user:{by.uuid}",
            action="org.settings_changed",
            object=f"org:{org.uuid}",
            data={"fields": changed},
        )
    return org


@transaction.atomic
def create_organisation(*, by: User, fields: dict[str, Any]) -> Organisation:
    """A new organisation whose creator is its first owner (§1.1: one owner at all times)."""
    org = Organisation.objects.create(slug=unique_slug(fields["name"]), **fields)
    OrgRole.objects.create(
        user=by, organisation=org, role=OrgRoleName.OWNER, granted_by=by
    )
    record(
        tenant=_tenant(org),
        actor=f"user:{by.uuid}",
        action="org.created",
        object=f"org:{org.uuid}",
        data={"kind": org.kind},
    )
    return org


def unique_slug(name: str) -> str:
    base = slugify(unidecode_ascii(name))[:50] or "organisation"
    slug, n = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def unidecode_ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
