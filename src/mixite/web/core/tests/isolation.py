"""The tenant-isolation matrix (platform §0.1): every URL × every role × another tenant.

The URL configuration is walked, not listed: a new page with an object in its address is
enrolled by itself, and fails until this module knows how to build an object of another
tenant for each of its address parameters (:data:`OTHER_TENANT`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from mixite.web.core.tests.factories import (
    MembershipFactory,
    NetworkFactory,
    NetworkRoleFactory,
    OrganisationFactory,
    OrgRoleFactory,
    UserFactory,
    make_child,
)
from mixite.web.invitations.models import Invitation

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from mixite.web.accounts.models import User
    from mixite.web.networks.models import NetworkNode
    from mixite.web.orgs.models import Organisation, OrgRole

# Addresses whose parameter is a capability (a secret reaching one person), not a tenant
# object: holding the link is the permission. Each is tested on its own.
CAPABILITY_ROUTES = {
    "accounts:confirm-email",  # signed e-mail confirmation link (ACC-01)
    "accounts:password-reset-confirm",  # Django's signed reset link
    "invitations:accept",  # the invitation token (ACC-06/07)
}
# The Django admin is the instance administrator's, outside the tenants (§0.11). API routes
# are walked too: one with an object in its path answers 401 to a session, which fails here
# until this matrix also probes it with each actor's token.
SKIPPED_PREFIXES = ("admin/",)


@dataclass(frozen=True)
class Route:
    name: str
    pattern: str
    params: tuple[str, ...]


def walk(
    resolver: URLResolver | None = None, prefix: str = "", namespace: str = ""
) -> Iterator[Route]:
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            yield from walk(
                entry,
                prefix + str(entry.pattern),
                f"{namespace}:{ns}".strip(":") if ns else namespace,
            )
        elif isinstance(entry, URLPattern):
            pattern = prefix + str(entry.pattern)
            name = f"{namespace}:{entry.name}".strip(":") if entry.name else pattern
            params = (
                tuple(entry.pattern.converters)
                if hasattr(entry.pattern, "converters")
                else ()
            )
            yield Route(name=name, pattern=pattern, params=params)


@dataclass
class World:
    """Tenant A, where the actors hold their roles, and tenant B, whose objects they probe."""

    org_a: Organisation
    org_b: Organisation
    network_a: NetworkNode
    network_b: NetworkNode
    chapter_a: NetworkNode
    chapter_b: NetworkNode
    role_b: OrgRole
    invitation_b: Invitation
    token_b: Any
    actors: dict[str, User | None]


def build_world() -> World:
    org_a, org_b = (
        OrganisationFactory.create(slug="tenant-a"),
        OrganisationFactory.create(slug="tenant-b"),
    )
    network_a = NetworkFactory.create(slug="network-a", visibility="public")
    network_b = NetworkFactory.create(
        slug="network-b", visibility="members"
    )  # not public
    chapter_a = make_child(network_a, slug="chapter-a")
    chapter_b = make_child(network_b, slug="chapter-b")
    owner_b = UserFactory.create()
    role_b = OrgRoleFactory.create(user=owner_b, organisation=org_b, role="owner")
    NetworkRoleFactory.create(user=owner_b, node=network_b, role="network_leader")
    invitation_b = Invitation.objects.create(
        organisation=org_b,
        email="someone@example.org",
        roles=["hr"],
        token_hash="b" * 64,
        created_by=owner_b,
        expires_at=timezone.now() + dt.timedelta(days=7),
    )
    from mixite.web.accounts.models import ApiToken  # noqa: PLC0415

    token_b = ApiToken.objects.create(
        user=owner_b,
        name="b",
        prefix="mxt_bbbb",
        token_hash="c" * 64,
        scopes=["profile:read"],
        expires_at=timezone.now() + dt.timedelta(days=7),
    )
    actors: dict[str, User | None] = {
        "anonymous": None,
        "staff": UserFactory.create(is_staff=True, is_superuser=True),
    }
    for role in ("owner", "analyst", "hr", "member", "guest"):
        actors[f"org:{role}"] = OrgRoleFactory.create(
            organisation=org_a, role=role
        ).user
    for role, node in (
        ("network_leader", network_a),
        ("chapter_coordinator", chapter_a),
        ("moderator", network_a),
        ("guest", network_a),
    ):
        actors[f"network:{role}"] = NetworkRoleFactory.create(node=node, role=role).user
    actors["network:member"] = MembershipFactory.create(
        network=network_a, home_chapter=chapter_a
    ).user
    return World(
        org_a,
        org_b,
        network_a,
        network_b,
        chapter_a,
        chapter_b,
        role_b,
        invitation_b,
        token_b,
        actors,
    )


# For each address parameter: the value naming an object of tenant B.
OTHER_TENANT: dict[str, Callable[[World], str]] = {
    "org": lambda w: w.org_b.slug,
    "network": lambda w: w.network_b.slug,
    "chapter": lambda w: w.chapter_b.slug,
    "role": lambda w: str(w.role_b.uuid),
    "invitation": lambda w: str(w.invitation_b.uuid),
    "token": lambda w: str(w.token_b.uuid),
}


def fill(route: Route, world: World) -> str:
    path = route.pattern
    for param in route.params:
        if param not in OTHER_TENANT:
            raise LookupError(
                f"{route.name}: no object of another tenant for <{param}>; add one to "
                "OTHER_TENANT in core/tests/isolation.py"
            )
        start = path.index("<")
        end = path.index(">", start)
        path = path[:start] + OTHER_TENANT[param](world) + path[end + 1 :]
    return "/" + path


def reveals_nothing(response: Any, *, anonymous: bool) -> bool:
    """404; or, for a visitor, the sign-in page asked before any lookup."""
    if response.status_code == 404:
        return True
    redirect = response.status_code == 302 and response["Location"].startswith(
        "/login/"
    )
    return anonymous and redirect


def isolation_failures(world: World) -> list[str]:
    """Every (route, actor, method) that did not answer "not found" for tenant B's object."""
    failures: list[str] = []
    for route in walk():
        if not route.params or route.name in CAPABILITY_ROUTES:
            continue
        if route.pattern.startswith(SKIPPED_PREFIXES):
            continue
        try:
            url = fill(route, world)
        except LookupError as error:
            failures.append(str(error))
            continue
        for actor_name, actor in world.actors.items():
            client = Client()
            if actor is not None:
                client.force_login(
                    actor, backend="mixite.web.accounts.backends.EmailBackend"
                )
            get, post = client.get(url), client.post(url, {})
            post_ok = reveals_nothing(post, anonymous=actor is None)
            if not post_ok:
                failures.append(
                    f"{route.name} POST {url} as {actor_name}: {post.status_code}"
                )
            # A POST-only action refuses GET before any lookup (405): that reveals nothing.
            get_ok = reveals_nothing(get, anonymous=actor is None) or (
                get.status_code == 405 and post_ok
            )
            if not get_ok:
                failures.append(
                    f"{route.name} GET {url} as {actor_name}: {get.status_code}"
                )
    return failures
