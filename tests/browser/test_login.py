"""Browser journeys in Debian's Chromium (platform I-12 addresses)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

from mixite.web.core.tests.factories import TEST_PASSWORD, OrgRoleFactory, UserFactory

if TYPE_CHECKING:
    from pytest_django.live_server_helper import LiveServer

# pytest-playwright empties test-results/ at start; screenshots go beside it.
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_sign_in_leads_to_my_spaces(page: Page, live_server: LiveServer) -> None:
    user = UserFactory.create(
        email="rh@valmont.example", display_name="Sandrine Collet"
    )
    OrgRoleFactory.create(
        user=user, organisation__name="Transports Valmont SA", role="hr"
    )
    page.goto(f"{live_server.url}/login/")
    expect(page).to_have_title("Se connecter — Mixité")
    page.get_by_label("Adresse e-mail").fill("rh@valmont.example")
    page.get_by_label("Mot de passe").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bonjour Sandrine Collet")
    expect(page.get_by_role("link", name="Transports Valmont SA")).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "login-home.png"), full_page=True)
    page.get_by_role("link", name="Transports Valmont SA").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Transports Valmont SA")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_wrong_password_shows_the_error_summary(
    page: Page, live_server: LiveServer
) -> None:
    UserFactory.create(email="camille@example.org")
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Adresse e-mail").fill("camille@example.org")
    page.get_by_label("Mot de passe").fill("not-the-password")
    page.get_by_role("button", name="Se connecter").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Adresse e-mail ou mot de passe incorrect")
    expect(summary).to_be_focused()
    expect(page.get_by_label("Adresse e-mail")).to_have_value("camille@example.org")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_visitor_switches_to_english_and_back(
    page: Page, live_server: LiveServer
) -> None:
    page.goto(f"{live_server.url}/login/")
    page.get_by_role("button", name="English").click()
    expect(page).to_have_title("Sign in — Mixité")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("button", name="Français").click()
    expect(page).to_have_title("Se connecter — Mixité")
