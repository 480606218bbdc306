"""factory_boy factories for the platform's models.

Call ``XFactory.create(...)`` (typed: returns the model) rather than ``XFactory(...)``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from django.utils import timezone

from mixite.web.accounts.models import User
from mixite.web.networks.models import (
    Membership,
    MembershipStatus,
    NetworkNode,
    NetworkRole,
    NodeKind,
    Visibility,
)
from mixite.web.orgs.models import Organisation, OrgKind, OrgRole

TEST_PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Personne {n}")
    language = "fr"
    email_verified_at = factory.LazyFunction(timezone.now)
    password = factory.django.Password(TEST_PASSWORD)


class OrganisationFactory(factory.django.DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation

    slug = factory.Sequence(lambda n: f"org-{n}")
    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrgKind.COMPANY


class OrgRoleFactory(factory.django.DjangoModelFactory[OrgRole]):
    class Meta:
        model = OrgRole

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "owner"


class NetworkFactory(factory.django.DjangoModelFactory[NetworkNode]):
    class Meta:
        model = NetworkNode

    slug = factory.Sequence(lambda n: f"network-{n}")
    name = factory.Sequence(lambda n: f"Réseau {n}")
    kind = NodeKind.NETWORK
    visibility = Visibility.MEMBERS
    depth = 1


def make_child(parent: NetworkNode, **fields: Any) -> NetworkNode:
    """A sub-network or chapter below ``parent`` (root, depth filled in)."""
    fields.setdefault("kind", NodeKind.CHAPTER)
    fields.setdefault("slug", f"{parent.slug}-{NetworkNode.objects.count() + 1}")
    fields.setdefault("name", fields["slug"].replace("-", " ").title())
    return NetworkNode.objects.create(
        parent=parent, root=parent.network, depth=parent.depth + 1, **fields
    )


class NetworkRoleFactory(factory.django.DjangoModelFactory[NetworkRole]):
    class Meta:
        model = NetworkRole

    user = factory.SubFactory(UserFactory)
    node = factory.SubFactory(NetworkFactory)
    role = "network_leader"


class MembershipFactory(factory.django.DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    network = factory.SubFactory(NetworkFactory)
    status = MembershipStatus.ACTIVE
    joined_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=30))
