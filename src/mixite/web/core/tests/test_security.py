"""SEC-01, SEC-02 and the production settings' deploy check (platform §14)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet
from django.test import Client

from mixite.web.conftest import signed_in_client
from mixite.web.core.tests.factories import OrgRoleFactory, UserFactory
from mixite.web.orgs.models import OrgRole

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/login/",
    "/signup/",
    "/accessibility/",
    "/password/reset/",
    "/api/v1/docs",
]


@pytest.mark.parametrize("path", PAGES)
def test_SEC_01_strict_headers(path: str) -> None:
    response = Client().get(path)
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    script_src = next(part for part in csp.split(";") if "script-src" in part)
    assert "unsafe-inline" not in script_src
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_SEC_01_signed_in_pages_have_the_headers_too() -> None:
    role = OrgRoleFactory.create(role="owner")
    client = signed_in_client(role.user)
    for path in (
        f"/o/{role.organisation.slug}/",
        f"/o/{role.organisation.slug}/people/",
        "/me/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_SEC_02_post_without_csrf_token_is_refused() -> None:
    role = OrgRoleFactory.create(role="owner")
    other = OrgRoleFactory.create(organisation=role.organisation, role="hr")
    client = Client(enforce_csrf_checks=True)
    client.force_login(role.user, backend="mixite.web.accounts.backends.EmailBackend")
    url = f"/o/{role.organisation.slug}/people/{other.uuid}/revoke/"
    response = client.post(url)
    assert response.status_code == 403
    assert OrgRole.objects.filter(uuid=other.uuid).exists()


def test_public_pages_set_no_cookie() -> None:
    response = Client().get("/")
    assert not response.cookies


def test_unverified_account_has_no_tenant_access() -> None:
    role = OrgRoleFactory.create(
        role="owner", user=UserFactory.create(email_verified_at=None)
    )
    response = signed_in_client(role.user).get(f"/o/{role.organisation.slug}/")
    assert response.status_code == 302
    assert response["Location"] == "/confirm/"


def test_check_deploy_is_clean_with_production_settings(tmp_path: object) -> None:
    # The suite sets DJANGO_ALLOW_ASYNC_UNSAFE for Playwright (RECIPES §4); production does not.
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "mixite.web.settings.production",
        "MIXITE_SECRET_KEY": Fernet.generate_key().decode() * 2,
        "MIXITE_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "MIXITE_ALLOWED_HOSTS": '["mixite.example"]',
        "MIXITE_DATA_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_secrets(tmp_path: object) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MIXITE_SECRET")}
    env |= {
        "DJANGO_SETTINGS_MODULE": "mixite.web.settings.production",
        "MIXITE_DATA_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-m", "django", "check"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "MIXITE_SECRET_KEY" in result.stderr


def test_migrations_are_up_to_date() -> None:
    from django.core.management import call_command  # noqa: PLC0415

    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
