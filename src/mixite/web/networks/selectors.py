"""Reads on network nodes, for one actor, with the role cascade of platform §1.2."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.http import Http404

from mixite.web.networks.models import (
    Membership,
    MembershipStatus,
    NetworkNode,
    NetworkRole,
    NetworkRoleName,
    Visibility,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.db.models import QuerySet

    from mixite.web.accounts.models import User

# Roles that hold on every descendant of the node they are granted on (§1.2).
CASCADING_ROLES = frozenset({NetworkRoleName.LEADER, NetworkRoleName.MODERATOR})


@dataclass(frozen=True, slots=True)
class NodeAccess:
    """A node as one user may see it: her effective roles there (cascade applied)."""

    node: NetworkNode
    roles: frozenset[str]
    is_member: bool  # an active member of the root network

    def has(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    def require(self, *roles: str) -> None:
        if not self.has(*roles):
            raise Http404

    @property
    def role_labels(self) -> list[str]:
        return [
            str(label)
            for value, label in NetworkRoleName.choices
            if value in self.roles
        ]

    @property
    def can_edit(self) -> bool:
        """Leaders edit every node below them; a coordinator edits her chapter's text."""
        return self.has(NetworkRoleName.LEADER, NetworkRoleName.COORDINATOR)

    @property
    def is_leader(self) -> bool:
        return self.has(NetworkRoleName.LEADER)


def effective_roles(user: User | AnonymousUser, node: NetworkNode) -> frozenset[str]:
    if not user.is_authenticated or not user.email_verified:
        return frozenset()
    chain = node.ancestors_and_self()
    roles: set[str] = set()
    for role in NetworkRole.objects.filter(user=user, node__in=chain):
        if role.node_id == node.uuid or role.role in CASCADING_ROLES:
            roles.add(role.role)
    return frozenset(roles)


def active_membership(
    user: User | AnonymousUser, network: NetworkNode
) -> Membership | None:
    if not user.is_authenticated or not user.email_verified:
        return None
    return Membership.objects.filter(
        user=user, network=network, status=MembershipStatus.ACTIVE
    ).first()


def _visible(node: NetworkNode, roles: frozenset[str], is_member: bool) -> bool:
    if roles:
        return True
    chain = node.ancestors_and_self()
    if any(n.visibility == Visibility.HIDDEN for n in chain):
        return False
    if all(n.visibility == Visibility.PUBLIC for n in chain):
        return True
    return is_member


def node_for_user(
    *, network: str, user: User | AnonymousUser, node: str | None = None
) -> NodeAccess:
    """The network ``network`` (a root slug) or its descendant ``node``; 404 if not visible."""
    root = NetworkNode.objects.filter(slug=network, root__isnull=True).first()
    if root is None:
        raise Http404
    target = root
    if node is not None:
        found = (
            NetworkNode.objects.filter(root=root, slug=node)
            .select_related("parent")
            .first()
        )
        if found is None:
            raise Http404
        target = found
    roles = effective_roles(user, target)
    is_member = active_membership(user, root) is not None
    if not _visible(target, roles, is_member):
        raise Http404
    return NodeAccess(node=target, roles=roles, is_member=is_member)


def children_for_node(*, access: NodeAccess) -> QuerySet[NetworkNode]:
    """Sub-networks and chapters directly below, those the actor may see."""
    children = (
        NetworkNode.objects.filter(parent=access.node)
        .prefetch_related("children")
        .order_by("kind", "name")
    )
    if access.roles or access.is_member:
        return (
            children.exclude(visibility=Visibility.HIDDEN)
            if not access.roles
            else children
        )
    return children.filter(visibility=Visibility.PUBLIC)


def networks_for_user(*, user: User) -> list[NetworkNode]:
    """Root networks where she is a member or holds a role."""
    root_ids = set(
        Membership.objects.filter(user=user)
        .exclude(status=MembershipStatus.ENDED)
        .values_list("network_id", flat=True)
    )
    for node in NetworkNode.objects.filter(roles__user=user).only("uuid", "root_id"):
        root_ids.add(node.root_id or node.uuid)
    return list(NetworkNode.objects.filter(uuid__in=root_ids).order_by("name"))


def coordinators_for_node(*, access: NodeAccess) -> QuerySet[NetworkRole]:
    return (
        NetworkRole.objects.filter(
            node=access.node,
            role__in=[NetworkRoleName.LEADER, NetworkRoleName.COORDINATOR],
        )
        .select_related("user")
        .order_by("role", "user__display_name")
    )
