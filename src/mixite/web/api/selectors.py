"""Reads behind the API's operations; each is scoped to the token's user."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mixite.web.api.schemas import MeOut, NetworkRoleOut, OrgRolesOut
from mixite.web.networks.models import NetworkRole
from mixite.web.orgs.selectors import orgs_for_user

if TYPE_CHECKING:
    from mixite.web.accounts.models import User


def profile_for_user(*, user: User) -> MeOut:
    """The user, her organisation roles and her network roles (I-11 ``GET /me``)."""
    organisations = [
        OrgRolesOut(
            uuid=access.org.uuid,
            slug=access.org.slug,
            name=access.org.name,
            roles=sorted(access.roles),
        )
        for access in orgs_for_user(user=user)
    ]
    network_roles = sorted(
        (
            NetworkRoleOut(
                node=role.node.slug, network=role.node.network.slug, role=role.role
            )
            for role in NetworkRole.objects.filter(user=user).select_related(
                "node__root"
            )
        ),
        key=lambda out: (out.network, out.node, out.role),
    )
    return MeOut(
        uuid=user.uuid,
        email=user.email,
        display_name=user.display_name,
        language=user.language,
        organisations=organisations,
        network_roles=network_roles,
    )
