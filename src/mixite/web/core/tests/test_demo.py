"""The demo (platform "Demo data"): idempotent, every login works, the 2FA analyst too."""

from __future__ import annotations

import datetime as dt

import pyotp
import pytest
from django.core.management import call_command
from django.test import Client

from mixite.web.accounts.models import User
from mixite.web.demo.data import DEMO_PASSWORD, DEMO_TOTP_SECRET, PEOPLE
from mixite.web.demo.loader import demo_recovery_codes, load_demo
from mixite.web.networks.models import NetworkNode
from mixite.web.orgs.models import Organisation

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 23)


def counts() -> tuple[int, int, int]:
    return (
        User.objects.count(),
        Organisation.objects.count(),
        NetworkNode.objects.count(),
    )


def test_demo_is_idempotent_and_complete() -> None:
    first = load_demo(today=TODAY)
    assert first.created["organisations"] == 4
    before = counts()
    second = load_demo(today=TODAY)
    assert second.created == {}
    assert counts() == before
    territories = NetworkNode.objects.get(slug="elles-entreprennent", root__isnull=True)
    chapters = NetworkNode.objects.filter(root=territories, kind="chapter")
    assert chapters.count() == 40  # acceptance example E-1
    assert chapters.filter(status="dormant").count() == 3
    assert (
        NetworkNode.objects.filter(root=territories, kind="sub_network").count() == 14
    )


@pytest.mark.sqlite
def test_every_demo_login_works() -> None:
    load_demo(today=TODAY)
    for email, *_ in PEOPLE:
        client = Client()
        response = client.post("/login/", {"email": email, "password": DEMO_PASSWORD})
        assert response.status_code == 302, email
        if email == "securite@valmont.example":
            assert response["Location"] == "/login/otp/"
            code = pyotp.TOTP(DEMO_TOTP_SECRET).now()
            response = client.post("/login/otp/", {"code": code})
            assert response.status_code == 302
        assert client.get("/").context["user"].email == email


def test_printed_recovery_codes_work() -> None:
    load_demo(today=TODAY)
    client = Client()
    client.post(
        "/login/", {"email": "securite@valmont.example", "password": DEMO_PASSWORD}
    )
    response = client.post("/login/otp/", {"code": demo_recovery_codes()[0]})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_command_refuses_without_force_and_prints_logins_with_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from django.core.management.base import CommandError  # noqa: PLC0415

    with pytest.raises(CommandError, match="--force"):
        call_command("load_demo")
    call_command("load_demo", force=True, print_logins=True, today=TODAY)
    out = capsys.readouterr().out
    assert DEMO_PASSWORD in out
    assert all(email in out for email, *_ in PEOPLE)
    assert DEMO_TOTP_SECRET in out
