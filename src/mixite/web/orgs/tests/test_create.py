"""Creating an organisation: the creator is its first owner."""

from __future__ import annotations

import pytest

from mixite.web.audit.models import AuditEntry
from mixite.web.conftest import signed_in_client
from mixite.web.core.tests.factories import OrganisationFactory, UserFactory
from mixite.web.orgs.models import Organisation, OrgRole

pytestmark = pytest.mark.django_db


def test_creator_becomes_owner_and_slug_is_unique() -> None:
    OrganisationFactory.create(slug="transports-valmont")
    user = UserFactory.create()
    response = signed_in_client(user).post(
        "/organisations/new/",
        {
            "name": "Transports Valmont",
            "kind": "company",
            "siren": "812 345 676",
            "naf": "",
        },
    )
    org = Organisation.objects.get(name="Transports Valmont")
    assert response["Location"] == f"/o/{org.slug}/"
    assert org.slug == "transports-valmont-2"
    assert org.siren == "812345676"
    assert OrgRole.objects.filter(user=user, organisation=org, role="owner").exists()
    assert AuditEntry.objects.filter(
        tenant=f"org:{org.uuid}", action="org.created"
    ).exists()


def test_bad_siren_is_refused_and_nothing_is_created() -> None:
    response = signed_in_client(UserFactory.create()).post(
        "/organisations/new/", {"name": "X", "kind": "company", "siren": "812345678"}
    )
    assert response.status_code == 200
    assert "siren" in response.context["form"].errors
    assert not Organisation.objects.filter(name="X").exists()
