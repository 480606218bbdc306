"""ACC-01, ACC-04 and ACC-06 as a person lives them, in Chromium."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pyotp
import pytest
from playwright.sync_api import expect

from mixite.web.accounts.models import User
from mixite.web.audit.models import AuditEntry
from mixite.web.core.tests.factories import (
    TEST_PASSWORD,
    OrganisationFactory,
    OrgRoleFactory,
    UserFactory,
)
from mixite.web.orgs.models import OrgRole
from mixite.web.outbox.models import OutboxMail

if TYPE_CHECKING:
    from playwright.sync_api import Page
    from pytest_django.live_server_helper import LiveServer

PASSWORD = "une phrase assez longue"  # 12 characters at least (§1.3)


def link_in_mail(to: str) -> str:
    """The path of the link in the latest mail to ``to`` (its host is the instance's)."""
    body = OutboxMail.objects.filter(to=to).order_by("-created_at").first()
    assert body is not None, f"no mail to {to}"
    url = re.search(r"https?://\S+", body.body)
    assert url is not None
    return urlsplit(url.group(0)).path


def sign_in(page: Page, base: str, email: str, password: str = TEST_PASSWORD) -> None:
    page.goto(f"{base}/login/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Se déconnecter").click()


@pytest.mark.browser
@pytest.mark.sqlite
@pytest.mark.django_db(transaction=True)
def test_ACC_01_sign_up_and_confirm(page: Page, live_server: LiveServer) -> None:
    base = live_server.url
    org = OrganisationFactory.create(slug="valmont")
    page.goto(f"{base}/signup/")
    page.get_by_label("Nom affiché aux autres").fill("Camille Martin")
    page.get_by_label("Adresse e-mail").fill("camille@example.org")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Confirmez votre adresse e-mail"
    )
    camille = User.objects.get(email="camille@example.org")
    OrgRole.objects.create(user=camille, organisation=org, role="hr")  # as if invited
    page.goto(f"{base}/o/valmont/")  # no organisation page before confirming
    expect(page).to_have_url(f"{base}/confirm/")
    link = link_in_mail("camille@example.org")
    page.goto(base + link)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Adresse e-mail confirmée"
    )
    page.goto(base + link)  # a second time: no error
    expect(page.get_by_role("heading", level=1)).to_have_text("Déjà confirmée")
    page.goto(f"{base}/o/valmont/")
    expect(page.get_by_role("heading", level=1)).to_have_text(org.name)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_ACC_04_totp_enrolment_and_recovery(
    page: Page, live_server: LiveServer
) -> None:
    base = live_server.url
    user = UserFactory.create(email="securite@valmont.example")
    sign_in(page, base, user.email)
    page.goto(f"{base}/me/security/")
    page.get_by_role("link", name="Activer la double authentification").click()
    secret = page.locator("#totp-secret").inner_text().strip()
    page.get_by_label("Code à 6 chiffres").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Activer", exact=True).click()
    expect(page.get_by_role("status")).to_have_text(
        "La double authentification est activée."
    )
    codes = page.locator("#recovery-codes li").all_inner_texts()
    assert len(codes) == 10
    sign_out(page)
    sign_in(page, base, user.email)
    expect(page).to_have_url(f"{base}/login/otp/")
    page.get_by_label("Code de votre application").fill(codes[0])
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bonjour")
    sign_out(page)
    sign_in(page, base, user.email)
    page.get_by_label("Code de votre application").fill(codes[0])  # used already
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("alert")).to_contain_text("Ce code n'est pas valide")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_ACC_06_invitation_accepted(page: Page, live_server: LiveServer) -> None:
    base = live_server.url
    owner = OrgRoleFactory.create(organisation__slug="valmont", role="owner")
    sign_in(page, base, owner.user.email)
    page.goto(f"{base}/o/valmont/people/")
    page.get_by_label("Adresse e-mail de la personne invitée").fill(
        "nouvelle.analyste@valmont.example"
    )
    page.get_by_label("Analyste").check()
    page.get_by_role("button", name="Envoyer l'invitation").click()
    expect(page.get_by_role("status")).to_have_text("L'invitation est envoyée.")
    link = link_in_mail("nouvelle.analyste@valmont.example")
    sign_out(page)
    page.goto(base + link)
    email = page.get_by_label("Adresse e-mail")
    expect(email).to_have_value("nouvelle.analyste@valmont.example")
    expect(email).to_be_disabled()
    page.get_by_label("Nom affiché aux autres").fill("Nouvelle Analyste")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Créer mon compte et accepter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(owner.organisation.name)
    analyst = User.objects.get(email="nouvelle.analyste@valmont.example")
    assert OrgRole.objects.filter(user=analyst, role="analyst").exists()
    actions = set(
        AuditEntry.objects.filter(tenant=f"org:{owner.organisation.uuid}").values_list(
            "action", flat=True
        )
    )
    assert {"org.invitation_sent", "org.invitation_accepted"} <= actions
    page.goto(base + link)  # the link works once
    expect(page.get_by_role("alert")).to_contain_text("déjà été utilisée")
