"""Reads on invitations, scoped to the tenant they belong to."""

from __future__ import annotations

from typing import TYPE_CHECKING

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
