"""Reads on invitations, scoped to the tenant they belong to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q
from django.http import Http404

from mixite.web.invitations.models import Invitation
from mixite.web.orgs.models import OrgRoleName

if TYPE_CHECKING:
    from uuid import UUID

    from django.db.models import QuerySet

    from mixite.web.networks.selectors import NodeAccess
    from mixite.web.orgs.selectors import OrgAccess


def invitations_for_org(*, access: OrgAccess) -> QuerySet[Invitation]:
    access.require(OrgRoleName.OWNER)
    return Invitation.objects.filter(organisation=access.org).order_by("-created_at")


def invitation_for_org(*, access: OrgAccess, uuid: UUID | str) -> Invitation:
    invitation = invitations_for_org(access=access).filter(uuid=uuid).first()
    if invitation is None:
        raise Http404
    return invitation


def invitations_for_node(*, access: NodeAccess) -> QuerySet[Invitation]:
    if not access.can_edit:
        raise Http404
    return Invitation.objects.filter(node=access.node).order_by("-created_at")


def invitation_for_node(*, access: NodeAccess, uuid: UUID | str) -> Invitation:
    invitation = invitations_for_node(access=access).filter(uuid=uuid).first()
    if invitation is None:
        raise Http404
    return invitation


def invitation_node_in_network(*, network: str, uuid: UUID) -> str | None:
    """The slug of the node of ``network`` an invitation targets (``None``: the root).

    Only the slug comes back: the caller checks the actor's rights on that node (through
    ``node_for_user``) before reading the invitation itself.
    """
    row = (
        Invitation.objects.filter(uuid=uuid, node__isnull=False)
        .filter(
            Q(node__slug=network, node__root__isnull=True) | Q(node__root__slug=network)
        )
        .values_list("node__slug", "node__root_id")
        .first()
    )
    if row is None:
        raise Http404
    slug, root_id = row
    return str(slug) if root_id is not None else None
