"""Two-factor authentication: TOTP and recovery codes (platform §1.3, ACC-04, ACC-05)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from unittest.mock import patch

import pyotp
import pytest
from django.test import Client

from mixite.web.accounts import otp
from mixite.web.accounts.models import RecoveryCode, TotpDevice
from mixite.web.audit.models import AuditEntry
from mixite.web.conftest import signed_in_client
from mixite.web.core.tests.factories import (
    TEST_PASSWORD,
    OrganisationFactory,
    OrgRoleFactory,
    UserFactory,
)

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response
    from time_machine import TimeMachineFixture

    from mixite.web.accounts.models import User

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
STEP = dt.timedelta(seconds=30)


@pytest.fixture
def user(db: None) -> User:
    person: User = UserFactory.create()
    return person


def code_at(secret: str, when: dt.datetime) -> str:
    return pyotp.TOTP(secret).at(when)


def field_codes(response: Response, field: str) -> list[str]:
    return [
        error.code or "" for error in response.context["form"].errors.as_data()[field]
    ]


def enrol(user: User, time_machine: TimeMachineFixture) -> tuple[str, list[str]]:
    """Enrol through the pages, as she would; returns the secret and the recovery codes."""
    time_machine.move_to(START, tick=False)
    client = signed_in_client(user)
    page = client.get("/me/security/totp/")
    secret: str = page.context["secret"]
    assert secret in page.content.decode()  # shown with the QR code
    response = client.post("/me/security/totp/", {"code": code_at(secret, START)})
    assert response["Location"] == "/me/security/"
    security = client.get("/me/security/")
    codes: list[str] = security.context["recovery_codes"]
    return secret, codes


def start_sign_in(client: Client, user: User) -> Response:
    return client.post("/login/", {"email": user.email, "password": TEST_PASSWORD})


# Service level.


@pytest.mark.django_db
def test_ACC_04_enrolment_service(user: User) -> None:
    secret = otp.start_enrolment(user=user)
    assert not user.has_totp  # not usable before the first code
    assert otp.verify_totp(user=user, code=code_at(secret, START), now=START)
    assert user.has_totp
    codes = otp.new_recovery_codes(user=user)
    assert len(codes) == len(set(codes)) == 10
    stored = list(
        RecoveryCode.objects.filter(user=user).values_list("code_hash", flat=True)
    )
    assert not set(codes) & set(stored)  # hashed, never the plain code


@pytest.mark.django_db
def test_ACC_04_seed_is_encrypted_at_rest(user: User) -> None:
    secret = otp.start_enrolment(user=user)
    stored = bytes(TotpDevice.objects.get(user=user).secret_encrypted)
    assert secret.encode() not in stored
    assert secret.lower().encode() not in stored.lower()
    assert otp.decrypt_secret(TotpDevice.objects.get(user=user)) == secret


@pytest.mark.django_db
def test_ACC_04_a_code_is_accepted_once(user: User) -> None:
    secret = otp.start_enrolment(user=user)
    code = code_at(secret, START)
    assert otp.verify_totp(user=user, code=code, now=START)
    assert not otp.verify_totp(user=user, code=code, now=START)  # replayed
    assert not otp.verify_totp(user=user, code=code, now=START + STEP)  # still replayed
    earlier = code_at(secret, START - STEP)
    assert not otp.verify_totp(user=user, code=earlier, now=START + STEP)  # older step
    assert otp.verify_totp(
        user=user, code=code_at(secret, START + STEP), now=START + STEP
    )


@pytest.mark.django_db
def test_ACC_04_one_step_of_tolerance(user: User) -> None:
    secret = otp.start_enrolment(user=user)
    now = START + 10 * STEP
    assert not otp.verify_totp(user=user, code=code_at(secret, now - 2 * STEP), now=now)
    assert otp.verify_totp(user=user, code=code_at(secret, now - STEP), now=now)
    assert otp.verify_totp(user=user, code=code_at(secret, now + STEP), now=now)
    assert not otp.verify_totp(user=user, code=code_at(secret, now + 2 * STEP), now=now)
    assert not otp.verify_totp(user=user, code="12345", now=now)
    assert not otp.verify_totp(
        user=UserFactory.create(), code=code_at(secret, now), now=now
    )


@pytest.mark.django_db
def test_ACC_04_recovery_code_works_once(user: User) -> None:
    otp.start_enrolment(user=user)
    codes = otp.new_recovery_codes(user=user)
    assert otp.use_recovery_code(user=user, code=f" {codes[3].upper()} ")
    assert not otp.use_recovery_code(user=user, code=codes[3])
    assert not otp.use_recovery_code(user=UserFactory.create(), code=codes[4])
    with patch("mixite.web.accounts.otp.check_password") as check_password:
        assert not otp.use_recovery_code(user=user, code="123456")  # a TOTP-shaped code
    check_password.assert_not_called()  # no slow hash for what cannot be a recovery code
    assert RecoveryCode.objects.filter(user=user, used_at__isnull=True).count() == 9


# Page level.


@pytest.mark.django_db
def test_ACC_04_enrolment_needs_a_recent_authentication(
    user: User, time_machine: TimeMachineFixture
) -> None:
    time_machine.move_to(START, tick=False)
    client = signed_in_client(user)
    time_machine.move_to(START + dt.timedelta(minutes=16), tick=False)
    response = client.get("/me/security/totp/")
    assert response["Location"] == "/reauth/?next=%2Fme%2Fsecurity%2Ftotp%2F"
    assert not TotpDevice.objects.filter(user=user).exists()

    wrong = client.post("/reauth/?next=/me/security/totp/", {"password": "nope"})
    assert field_codes(wrong, "password") == ["auth.invalid"]
    reauth = client.post(
        "/reauth/?next=/me/security/totp/", {"password": TEST_PASSWORD}
    )
    assert reauth["Location"] == "/me/security/totp/"
    assert client.get("/me/security/totp/").status_code == 200


@pytest.mark.django_db
def test_ACC_04_enrol_then_sign_in_with_a_code_then_recovery_codes(
    user: User, time_machine: TimeMachineFixture
) -> None:
    secret, codes = enrol(user, time_machine)
    assert len(codes) == 10
    assert user.has_totp
    assert AuditEntry.objects.filter(
        tenant="instance", action="auth.2fa_enabled", actor=f"user:{user.uuid}"
    ).exists()
    again = signed_in_client(user).get("/me/security/")
    assert again.context["recovery_codes"] is None  # shown once
    assert again.context["n_recovery_left"] == 10

    # A later sign-in asks for a code; the code used at enrolment is refused (replay).
    client = Client()
    assert start_sign_in(client, user)["Location"] == "/login/otp/"
    assert "_auth_user_id" not in client.session
    replay = client.post("/login/otp/", {"code": code_at(secret, START)})
    assert field_codes(replay, "code") == ["auth.otp_invalid"]
    assert "_auth_user_id" not in client.session
    time_machine.move_to(START + 2 * STEP, tick=False)
    done = client.post("/login/otp/", {"code": code_at(secret, START + 2 * STEP)})
    assert done["Location"] == "/"
    assert client.session["_auth_user_id"] == str(user.uuid)

    # A recovery code works once, then auth.otp_invalid.
    for expected in ("/", None):
        client = Client()
        start_sign_in(client, user)
        response = client.post("/login/otp/", {"code": codes[0]})
        if expected:
            assert response["Location"] == expected
            assert client.session["_auth_user_id"] == str(user.uuid)
        else:
            assert field_codes(response, "code") == ["auth.otp_invalid"]
            assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_ACC_04_enrolment_page_with_a_wrong_code(
    user: User, time_machine: TimeMachineFixture
) -> None:
    time_machine.move_to(START, tick=False)
    client = signed_in_client(user)
    secret = client.get("/me/security/totp/").context["secret"]
    response = client.post("/me/security/totp/", {"code": "000000"})
    assert field_codes(response, "code") == ["auth.otp_invalid"]
    assert (
        response.context["secret"] == secret
    )  # the same secret, still to be confirmed
    assert not user.has_totp


@pytest.mark.django_db
def test_ACC_04_posting_a_code_before_opening_the_page(user: User) -> None:
    client = signed_in_client(user)
    response = client.post("/me/security/totp/", {"code": "123456"})
    assert response.status_code == 200
    assert field_codes(response, "code") == ["auth.otp_invalid"]


@pytest.mark.django_db
def test_ACC_04_opening_the_enrolment_page_keeps_an_active_device(
    user: User, time_machine: TimeMachineFixture
) -> None:
    secret, _codes = enrol(user, time_machine)
    response = signed_in_client(user).get("/me/security/totp/")
    assert response["Location"] == "/me/security/"
    assert user.has_totp
    assert otp.decrypt_secret(TotpDevice.objects.get(user=user)) == secret


@pytest.mark.django_db
def test_ACC_04_reauth_asks_for_the_code_when_enrolled(
    user: User, time_machine: TimeMachineFixture
) -> None:
    secret, codes = enrol(user, time_machine)
    client = signed_in_client(user)
    missing = client.post("/reauth/", {"password": TEST_PASSWORD})
    assert field_codes(missing, "code") == ["auth.otp_invalid"]
    time_machine.move_to(START + STEP, tick=False)
    ok = client.post(
        "/reauth/", {"password": TEST_PASSWORD, "code": code_at(secret, START + STEP)}
    )
    assert ok["Location"] == "/me/"
    assert (
        client.post(
            "/reauth/", {"password": TEST_PASSWORD, "code": codes[1]}
        ).status_code
        == 302
    )


@pytest.mark.django_db
def test_ACC_04_disable_and_new_recovery_codes(
    user: User, time_machine: TimeMachineFixture
) -> None:
    _secret, codes = enrol(user, time_machine)
    client = signed_in_client(user)
    assert client.post("/me/security/recovery-codes/")["Location"] == "/me/security/"
    fresh = client.get("/me/security/").context["recovery_codes"]
    assert len(fresh) == 10
    assert not otp.use_recovery_code(user=user, code=codes[0])  # the old ones are gone

    assert client.post("/me/security/totp/disable/")["Location"] == "/me/security/"
    assert not user.has_totp
    assert not RecoveryCode.objects.filter(user=user).exists()
    actions = set(
        AuditEntry.objects.filter(tenant="instance").values_list("action", flat=True)
    )
    assert {
        "auth.2fa_enabled",
        "auth.recovery_codes_renewed",
        "auth.2fa_disabled",
    } <= actions


@pytest.mark.django_db
def test_ACC_05_organisation_requires_2fa_for_analysts(
    time_machine: TimeMachineFixture,
) -> None:
    org = OrganisationFactory.create(require_2fa_for=["analyst"])
    analyst = OrgRoleFactory.create(organisation=org, role="analyst").user
    owner = OrgRoleFactory.create(organisation=org, role="owner").user

    for path in (
        f"/o/{org.slug}/",
        f"/o/{org.slug}/settings/",
        f"/o/{org.slug}/audit/",
    ):
        response = signed_in_client(analyst).get(path)
        assert response.status_code == 302
        assert response["Location"] == f"/me/security/totp/?next={path}"
    assert signed_in_client(owner).get(f"/o/{org.slug}/").status_code == 200

    enrol(analyst, time_machine)
    assert signed_in_client(analyst).get(f"/o/{org.slug}/").status_code == 200


@pytest.mark.django_db
def test_ACC_05_an_outsider_gets_404_not_the_enrolment(user: User) -> None:
    org = OrganisationFactory.create(require_2fa_for=["analyst", "member"])
    assert signed_in_client(user).get(f"/o/{org.slug}/").status_code == 404
