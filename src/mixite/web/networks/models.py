"""Networks, sub-networks and chapters (a tree), their roles and memberships (§1.1)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mixite.web.core.models import UUIDModel

MAX_DEPTH = 4  # platform §1.1: a network tree is at most 4 levels deep


class NodeKind(models.TextChoices):
    NETWORK = "network", _("Network")
    SUB_NETWORK = "sub_network", _("Sub-network")
    CHAPTER = "chapter", _("Chapter")


class Axis(models.TextChoices):
    SECTOR = "sector", _("Sector")
    REGION = "region", _("Region")
    COUNTRY = "country", _("Country")
    SITE = "site", _("Site")
    OTHER = "other", _("Other")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members only")
    HIDDEN = "hidden", _("Hidden")


class NetworkRoleName(models.TextChoices):
    LEADER = "network_leader", _("Network leader")
    COORDINATOR = "chapter_coordinator", _("Chapter coordinator")
    MODERATOR = "moderator", _("Moderator")
    MENTOR = "mentor", _("Mentor")
    MENTEE = "mentee", _("Mentee")
    MEMBER = "member", _("Member")
    GUEST = "guest", _("Guest")


class ChapterStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    DORMANT = "dormant", _("Dormant")
    ARCHIVED = "archived", _("Archived")


class NetworkNode(UUIDModel):
    """A network (root), a sub-network or a chapter. Slugs are unique within a root."""

    slug = models.SlugField(_("short name in addresses"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=NodeKind.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    root = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="descendants",
    )  # null on the root itself
    depth = models.PositiveSmallIntegerField(default=1)
    axis = models.CharField(_("axis"), max_length=10, choices=Axis.choices, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, default="Europe/Paris")
    visibility = models.CharField(
        _("visibility"),
        max_length=8,
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
    )
    description = models.TextField(_("presentation"), blank=True)
    organisation = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="networks",
    )
    # Chapter fields (§4.5): a commune in France, or a country and a city abroad.
    commune = models.CharField(_("commune (INSEE code)"), max_length=5, blank=True)
    country = models.CharField(_("country (ISO 3166-1)"), max_length=2, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=ChapterStatus.choices,
        default=ChapterStatus.ACTIVE,
    )
    meeting_rhythm = models.CharField(_("meeting rhythm"), max_length=200, blank=True)
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("network node")
        constraints = [
            models.UniqueConstraint(
                fields=["slug"],
                condition=models.Q(root__isnull=True),
                name="networks_root_slug_unique",
            ),
            models.UniqueConstraint(
                fields=["root", "slug"],
                condition=models.Q(root__isnull=False),
                name="networks_slug_unique_in_root",
            ),
            models.CheckConstraint(
                condition=models.Q(depth__gte=1) & models.Q(depth__lte=MAX_DEPTH),
                name="networks_depth_at_most_4",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def network(self) -> NetworkNode:
        """The root network of this node."""
        return self.root or self

    def ancestors_and_self(self) -> list[NetworkNode]:
        chain: list[NetworkNode] = []
        node: NetworkNode | None = self
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain


class NetworkRole(UUIDModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_roles"
    )
    node = models.ForeignKey(
        NetworkNode, on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(max_length=20, choices=NetworkRoleName.choices)
    granted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "node", "role"], name="networks_one_role_row"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.role} @ {self.node}"


class MembershipStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    ENDED = "ended", _("Ended")


class Membership(UUIDModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    network = models.ForeignKey(
        NetworkNode, on_delete=models.CASCADE, related_name="memberships"
    )
    status = models.CharField(
        max_length=10,
        choices=MembershipStatus.choices,
        default=MembershipStatus.PENDING,
    )
    home_chapter = models.ForeignKey(
        NetworkNode, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    joined_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "network"], name="networks_one_membership"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.network} ({self.status})"
