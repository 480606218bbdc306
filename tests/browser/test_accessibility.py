"""A11Y-01 (the pages that exist so far): axe-core finds no WCAG 2.1 A/AA violation."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from axe_playwright_python.sync_playwright import Axe

from mixite.web.core.tests.factories import (
    TEST_PASSWORD,
    NetworkFactory,
    NetworkRoleFactory,
    OrgRoleFactory,
    make_child,
)

if TYPE_CHECKING:
    from playwright.sync_api import Page
    from pytest_django.live_server_helper import LiveServer

WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
PUBLIC_PAGES = ["/", "/login/", "/signup/", "/password/reset/", "/accessibility/"]
OWNER_PAGES = [
    "/",
    "/o/valmont/",
    "/o/valmont/people/",
    "/o/valmont/settings/",
    "/o/valmont/audit/",
    "/organisations/new/",
    "/me/",
    "/me/security/",
    "/me/security/totp/",
    "/me/tokens/",
    "/n/elles/",
    "/n/elles/chapters/quimper/",
    "/n/elles/chapters/quimper/edit/",
    "/n/elles/people/",
]


def violations(page: Page) -> str:
    results = Axe().run(page, options=WCAG_AA)
    return "" if results.violations_count == 0 else results.generate_report()


def sign_in(page: Page, base: str, email: str) -> None:
    page.goto(f"{base}/login/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(f"{base}/")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["fr", "en"])
def test_A11Y_01_pages_have_no_violation(
    page: Page, live_server: LiveServer, language: str
) -> None:
    owner = OrgRoleFactory.create(organisation__slug="valmont", role="owner").user
    network = NetworkFactory.create(slug="elles", visibility="public")
    make_child(make_child(network, slug="bretagne", kind="sub_network"), slug="quimper")
    NetworkRoleFactory.create(user=owner, node=network, role="network_leader")
    base = live_server.url
    failures = {}
    for path in PUBLIC_PAGES:
        page.goto(base + path)
        failures[path] = violations(page)
    sign_in(page, base, owner.email)
    if language == "en":
        page.get_by_role("button", name="English").click()
    for path in OWNER_PAGES:
        page.goto(base + path)
        assert page.locator("html").get_attribute("lang") == language
        failures[f"{path} (signed in)"] = violations(page)
    assert {path: report for path, report in failures.items() if report} == {}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_A11Y_01_error_summary_page_has_no_violation(
    page: Page, live_server: LiveServer
) -> None:
    page.goto(f"{live_server.url}/signup/")
    page.get_by_role("button", name="Créer mon compte").click()
    assert page.get_by_role("alert").is_visible()
    assert violations(page) == ""


@pytest.mark.browser
def test_axe_negative_control_catches_a_bad_page(page: Page) -> None:
    page.set_content('<html><body><img src="x.png"><input type="text"></body></html>')
    report = violations(page)
    assert "image-alt" in report
    assert "label" in report
