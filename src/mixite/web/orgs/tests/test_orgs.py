"""Organisations: owners, roles and settings (platform §1.1, §1.2, ACC-09, ACC-10)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError

from mixite.web.audit.models import AuditEntry
from mixite.web.conftest import signed_in_client
from mixite.web.core.errors import DomainError, message_for
from mixite.web.core.tests.factories import (
    OrganisationFactory,
    OrgRoleFactory,
    UserFactory,
)
from mixite.web.orgs import services
from mixite.web.orgs.models import Organisation, OrgRole
from mixite.web.orgs.validators import luhn_valid, normalise_siren, validate_naf

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

BAD_SIRENS = [
    "812345678",
    "81234567",
    "000000000",
    "81234567A",
    "８１２３４５６７６",
    "",
]


@pytest.fixture
def owner_role(db: None) -> OrgRole:
    role: OrgRole = OrgRoleFactory.create(role="owner", organisation__slug="valmont")
    return role


def settings_form(org: Organisation, **changes: Any) -> dict[str, Any]:
    """The settings form as the page shows it for ``org``, with ``changes`` typed in."""
    data: dict[str, Any] = {
        "name": org.name,
        "siren": org.siren,
        "naf": org.naf,
        "commune": org.commune,
        "legal_headcount": "" if org.legal_headcount is None else org.legal_headcount,
        "require_2fa_for": list(org.require_2fa_for),
        "employee_data_retention_years": org.employee_data_retention_years,
    }
    for flag in ("has_cse", "has_union_delegates", "share_dashboards_with_members"):
        if getattr(org, flag):
            data[flag] = "on"
    data.update(changes)
    return data


def post_settings(role: OrgRole, **changes: Any) -> Response:
    org = role.organisation
    return signed_in_client(role.user).post(
        f"/o/{org.slug}/settings/", settings_form(org, **changes)
    )


def field_codes(response: Response, field: str) -> list[str]:
    return [
        error.code or "" for error in response.context["form"].errors.as_data()[field]
    ]


def org_actions(org: Organisation) -> list[str]:
    return list(
        AuditEntry.objects.filter(tenant=f"org:{org.uuid}").values_list(
            "action", flat=True
        )
    )


# ACC-09


def test_ACC_09_the_last_owner_cannot_remove_her_role(owner_role: OrgRole) -> None:
    org = owner_role.organisation
    client = signed_in_client(owner_role.user)
    response = client.post(f"/o/{org.slug}/people/{owner_role.uuid}/revoke/")
    assert response["Location"] == f"/o/{org.slug}/people/"
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        message_for("org.last_owner")
    ]
    assert OrgRole.objects.filter(uuid=owner_role.uuid).exists()
    assert org_actions(org) == []

    with pytest.raises(DomainError) as raised:
        services.revoke_role(role=owner_role, by=owner_role.user)
    assert raised.value.code == "org.last_owner"
    assert OrgRole.objects.filter(uuid=owner_role.uuid).exists()


def test_ACC_09_other_roles_do_not_count_as_owners(owner_role: OrgRole) -> None:
    org = owner_role.organisation
    OrgRoleFactory.create(organisation=org, user=owner_role.user, role="analyst")
    OrgRoleFactory.create(organisation=org, role="hr")
    with pytest.raises(DomainError):
        services.revoke_role(role=owner_role, by=owner_role.user)
    other_org_owner = OrgRoleFactory.create(role="owner")
    assert other_org_owner.organisation != org
    with pytest.raises(DomainError):
        services.revoke_role(role=owner_role, by=owner_role.user)


def test_ACC_09_an_owner_goes_when_another_stays(owner_role: OrgRole) -> None:
    org = owner_role.organisation
    second = OrgRoleFactory.create(organisation=org, role="owner")
    client = signed_in_client(owner_role.user)
    response = client.post(f"/o/{org.slug}/people/{second.uuid}/revoke/")
    assert response.status_code == 302
    assert not OrgRole.objects.filter(uuid=second.uuid).exists()
    assert org_actions(org) == ["org.role_revoked"]
    entry = AuditEntry.objects.get(tenant=f"org:{org.uuid}")
    assert entry.object == f"user:{second.user.uuid}"
    assert entry.data == {"role": "owner"}

    # Now she is the last one again.
    with pytest.raises(DomainError):
        services.revoke_role(role=owner_role, by=owner_role.user)


def test_roles_of_another_organisation_are_404(owner_role: OrgRole) -> None:
    foreign = OrgRoleFactory.create(role="analyst")
    client = signed_in_client(owner_role.user)
    org = owner_role.organisation
    assert (
        client.post(f"/o/{org.slug}/people/{foreign.uuid}/revoke/").status_code == 404
    )
    assert client.get(f"/o/{foreign.organisation.slug}/people/").status_code == 404
    assert OrgRole.objects.filter(uuid=foreign.uuid).exists()


def test_only_owners_see_people_settings_and_audit(owner_role: OrgRole) -> None:
    org = owner_role.organisation
    hr = OrgRoleFactory.create(organisation=org, role="hr").user
    client = signed_in_client(hr)
    assert client.get(f"/o/{org.slug}/").status_code == 200
    for page in ("people", "settings", "audit"):
        assert client.get(f"/o/{org.slug}/{page}/").status_code == 404
        assert (
            signed_in_client(owner_role.user).get(f"/o/{org.slug}/{page}/").status_code
            == 200
        )


def test_grant_role_is_audited_once(owner_role: OrgRole) -> None:
    org = owner_role.organisation
    person = UserFactory.create()
    services.grant_role(org=org, user=person, role="hr", by=owner_role.user)
    services.grant_role(org=org, user=person, role="hr", by=owner_role.user)
    assert OrgRole.objects.filter(organisation=org, user=person).count() == 1
    assert org_actions(org) == ["org.role_granted"]


# ACC-10


def test_ACC_10_siren_normalised() -> None:
    assert normalise_siren("812 345 676") == "812345676"
    assert normalise_siren(" 812\u00a0345\u202f676 ") == "812345676"
    assert luhn_valid("812345676")
    assert not luhn_valid("812345678")


@pytest.mark.parametrize("raw", BAD_SIRENS)
def test_ACC_10_siren_refused(raw: str) -> None:
    with pytest.raises(ValidationError) as raised:
        normalise_siren(raw)
    assert raised.value.code == "org.siren_invalid"


def test_ACC_10_siren_accepted_through_the_settings_form(owner_role: OrgRole) -> None:
    response = post_settings(owner_role, siren="812 345 676")
    assert response.status_code == 302, response.context["form"].errors
    owner_role.organisation.refresh_from_db()
    assert owner_role.organisation.siren == "812345676"


@pytest.mark.parametrize("raw", BAD_SIRENS[:-1])
def test_ACC_10_siren_refused_through_the_settings_form(
    owner_role: OrgRole, raw: str
) -> None:
    response = post_settings(owner_role, siren=raw, name="Nouveau nom")
    assert response.status_code == 200
    assert field_codes(response, "siren") == ["org.siren_invalid"]
    assert f'value="{raw}"' in response.content.decode()  # what she typed is kept
    org = Organisation.objects.get(uuid=owner_role.organisation.uuid)
    assert (org.siren, org.name) == ("", owner_role.organisation.name)
    assert org_actions(org) == []


def test_ACC_10_siren_can_be_cleared(owner_role: OrgRole) -> None:
    Organisation.objects.filter(uuid=owner_role.organisation.uuid).update(
        siren="812345676"
    )
    owner_role.organisation.refresh_from_db()
    assert post_settings(owner_role, siren="").status_code == 302
    owner_role.organisation.refresh_from_db()
    assert owner_role.organisation.siren == ""


@pytest.mark.parametrize("naf", ["49.41A", "01.11Z"])
def test_ACC_10_naf_accepted(owner_role: OrgRole, naf: str) -> None:
    validate_naf(naf)
    assert post_settings(owner_role, naf=naf).status_code == 302
    owner_role.organisation.refresh_from_db()
    assert owner_role.organisation.naf == naf


@pytest.mark.parametrize("naf", ["4941A", "49.41", "49.411", "A9.41A", "49.41AB"])
def test_ACC_10_naf_refused(owner_role: OrgRole, naf: str) -> None:
    with pytest.raises(ValidationError) as raised:
        validate_naf(naf)
    assert raised.value.code == "org.naf_invalid"
    response = post_settings(owner_role, naf=naf)
    assert response.status_code == 200
    assert "org.naf_invalid" in field_codes(response, "naf")


def test_settings_change_is_audited(owner_role: OrgRole) -> None:
    org = owner_role.organisation
    response = post_settings(
        owner_role,
        siren="812345676",
        require_2fa_for=["analyst", "owner"],
        employee_data_retention_years=5,
        has_cse="on",
    )
    assert response["Location"] == f"/o/{org.slug}/settings/"
    org.refresh_from_db()
    assert sorted(org.require_2fa_for) == ["analyst", "owner"]
    assert (org.employee_data_retention_years, org.has_cse) == (5, True)
    entry = AuditEntry.objects.get(tenant=f"org:{org.uuid}")
    assert entry.action == "org.settings_changed"
    assert entry.actor == f"user:{owner_role.user.uuid}"
    assert entry.data == {
        "fields": [
            "employee_data_retention_years",
            "has_cse",
            "require_2fa_for",
            "siren",
        ]
    }

    assert (
        post_settings(owner_role).status_code == 302
    )  # nothing changed: nothing recorded
    assert org_actions(org) == ["org.settings_changed"]


@pytest.mark.parametrize("years", [0, 7])
def test_retention_outside_1_to_6_years_is_refused(
    owner_role: OrgRole, years: int
) -> None:
    response = post_settings(owner_role, employee_data_retention_years=years)
    assert response.status_code == 200
    assert field_codes(response, "employee_data_retention_years") == [
        "org.retention_invalid"
    ]


def test_a_non_owner_cannot_change_settings(owner_role: OrgRole) -> None:
    org = owner_role.organisation
    analyst = OrgRoleFactory.create(organisation=org, role="analyst")
    assert post_settings(analyst, name="Pris").status_code == 404
    org.refresh_from_db()
    assert org.name != "Pris"


@pytest.mark.django_db
def test_an_organisation_of_no_role_is_404() -> None:
    org = OrganisationFactory.create()
    assert (
        signed_in_client(UserFactory.create()).get(f"/o/{org.slug}/").status_code == 404
    )
    assert (
        signed_in_client(UserFactory.create()).get("/o/no-such-org/").status_code == 404
    )
