"""Network pages: role cascade (ACC-12), visibility, who edits what (platform §1.2)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from mixite.web.audit.models import AuditEntry
from mixite.web.conftest import signed_in_client
from mixite.web.core.tests.factories import (
    MembershipFactory,
    NetworkFactory,
    NetworkRoleFactory,
    make_child,
)

if TYPE_CHECKING:
    from mixite.web.networks.models import NetworkNode

pytestmark = pytest.mark.django_db


@pytest.fixture
def territories() -> dict[str, NetworkNode]:
    root = NetworkFactory.create(
        slug="elles", name="Elles Entreprennent", visibility="public"
    )
    bretagne = make_child(
        root, slug="bretagne", kind="sub_network", visibility="public"
    )
    return {
        "root": root,
        "bretagne": bretagne,
        "quimper": make_child(bretagne, slug="quimper", visibility="public"),
        "rennes": make_child(bretagne, slug="rennes", visibility="public"),
    }


def test_ACC_12_leader_edits_any_chapter_below(
    territories: dict[str, NetworkNode],
) -> None:
    leader = NetworkRoleFactory.create(
        node=territories["root"], role="network_leader"
    ).user
    client = signed_in_client(leader)
    response = client.post(
        "/n/elles/chapters/quimper/edit/",
        {
            "name": "Coordination Quimper",
            "description": "Rencontres mensuelles",
            "visibility": "public",
            "time_zone": "Europe/Paris",
            "meeting_rhythm": "Le premier mardi",
        },
    )
    assert response.status_code == 302
    territories["quimper"].refresh_from_db()
    assert territories["quimper"].meeting_rhythm == "Le premier mardi"
    entry = AuditEntry.objects.get(action="network.node_changed")
    assert entry.tenant == f"network:{territories['root'].uuid}"


def test_ACC_12_coordinator_cannot_edit_another_chapter(
    territories: dict[str, NetworkNode],
) -> None:
    coordinator = NetworkRoleFactory.create(
        node=territories["quimper"], role="chapter_coordinator"
    ).user
    client = signed_in_client(coordinator)
    assert client.get("/n/elles/chapters/rennes/edit/").status_code == 404
    assert (
        client.post("/n/elles/chapters/rennes/edit/", {"description": "x"}).status_code
        == 404
    )
    # Her own chapter: its texts only (§1.2 "own chapter text only").
    page = client.get("/n/elles/chapters/quimper/edit/")
    assert page.status_code == 200
    assert set(page.context["form"].fields) == {"description", "meeting_rhythm"}


def test_members_only_network_is_hidden_from_visitors() -> None:
    network = NetworkFactory.create(slug="interne", visibility="members")
    member = MembershipFactory.create(network=network).user
    assert signed_in_client(member).get("/n/interne/").status_code == 200
    from django.test import Client  # noqa: PLC0415

    assert Client().get("/n/interne/").status_code == 404


def test_public_network_shows_its_chapters_to_visitors(
    territories: dict[str, NetworkNode],
) -> None:
    from django.test import Client  # noqa: PLC0415

    page = Client().get("/n/elles/")
    assert page.status_code == 200
    assert "Bretagne" in page.content.decode()


def test_coordinator_withdraws_her_chapter_invitation(
    territories: dict[str, NetworkNode],
) -> None:
    from mixite.web.invitations.services import invite  # noqa: PLC0415

    coordinator = NetworkRoleFactory.create(
        node=territories["quimper"], role="chapter_coordinator"
    ).user
    invitation, _token = invite(
        by=coordinator,
        email="new@example.org",
        roles=["member"],
        node=territories["quimper"],
    )
    other = NetworkRoleFactory.create(
        node=territories["rennes"], role="chapter_coordinator"
    )
    url = f"/n/elles/invitations/{invitation.uuid}/revoke/"
    assert signed_in_client(other.user).post(url).status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None
    response = signed_in_client(coordinator).post(url)
    assert response["Location"] == "/n/elles/chapters/quimper/people/"
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
