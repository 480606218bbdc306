"""An owner manages roles and invitations: with htmx the block updates in place."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from mixite.web.core.tests.factories import TEST_PASSWORD, OrgRoleFactory, UserFactory
from mixite.web.orgs.models import OrgRole

if TYPE_CHECKING:
    from playwright.sync_api import Page
    from pytest_django.live_server_helper import LiveServer


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_owner_removes_a_role_without_leaving_the_page(
    page: Page, live_server: LiveServer
) -> None:
    owner = OrgRoleFactory.create(organisation__slug="valmont", role="owner")
    hr = OrgRoleFactory.create(
        organisation=owner.organisation,
        role="hr",
        user=UserFactory.create(display_name="Sandrine Collet"),
    )
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Adresse e-mail").fill(owner.user.email)
    page.get_by_label("Mot de passe").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.goto(f"{live_server.url}/o/valmont/people/")
    page.evaluate("window.stillTheSamePage = true")
    page.get_by_role("button", name="Retirer le rôle RH de Sandrine Collet").click()
    expect(page.get_by_role("status")).to_have_text("Le rôle est retiré.")
    expect(
        page.get_by_role("button", name="Retirer le rôle RH de Sandrine Collet")
    ).to_have_count(0)
    expect(
        page.get_by_role("heading", name="Rôles tenus dans cette organisation")
    ).to_be_focused()
    assert page.evaluate("window.stillTheSamePage") is True  # swapped, not reloaded
    assert not OrgRole.objects.filter(uuid=hr.uuid).exists()
    # The last owner cannot go: the refusal is shown in the same place.
    page.get_by_role("button", name="Retirer le rôle Propriétaire").click()
    expect(page.get_by_role("status")).to_contain_text(
        "au moins une personne propriétaire"
    )
    assert OrgRole.objects.filter(uuid=owner.uuid).exists()
