"""Sign-in and its rate limit (platform §1.3, ACC-03)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

from mixite.web.accounts import lockout
from mixite.web.accounts.models import LoginFailure
from mixite.web.audit.models import AuditEntry
from mixite.web.core.tests.factories import TEST_PASSWORD, UserFactory

if TYPE_CHECKING:
    from django.test import Client
    from django.test.client import _MonkeyPatchedWSGIResponse as Response
    from time_machine import TimeMachineFixture

    from mixite.web.accounts.models import User

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
EMAIL = "rh@valmont.example"
WRONG = "not-the-password"


def sign_in(
    client: Client, email: str, password: str, *, ip: str = "192.0.2.1"
) -> Response:
    return client.post(
        "/login/", {"email": email, "password": password}, REMOTE_ADDR=ip
    )


def error_codes(response: Response) -> list[str]:
    """The codes of the form's non-field errors; empty when the sign-in went through."""
    if response.status_code == 302:
        return []
    return [
        error.code or ""
        for error in response.context["form"].non_field_errors().as_data()
    ]


def fail_five_times(
    client: Client, time_machine: TimeMachineFixture, email: str
) -> None:
    """Five wrong passwords, two minutes apart: 10 minutes from first to last (ACC-03)."""
    time_machine.move_to(START, tick=False)
    for _ in range(5):
        assert error_codes(sign_in(client, email, WRONG)) == ["auth.invalid"]
        time_machine.shift(dt.timedelta(minutes=2, seconds=30))
    time_machine.move_to(START + dt.timedelta(minutes=10), tick=False)


@pytest.fixture
def valmont_hr(db: None) -> User:
    user: User = UserFactory.create(email=EMAIL)
    return user


@pytest.mark.sqlite
def test_ACC_03_correct_password_refused_during_lockout(
    client: Client, time_machine: TimeMachineFixture, valmont_hr: User
) -> None:
    time_machine.move_to(START, tick=False)
    for minute in (0, 2, 4, 6, 8):  # the fifth failure at 09:08
        time_machine.move_to(START + dt.timedelta(minutes=minute), tick=False)
        assert error_codes(sign_in(client, EMAIL, WRONG)) == ["auth.invalid"]

    time_machine.move_to(START + dt.timedelta(minutes=10), tick=False)
    response = sign_in(client, EMAIL, TEST_PASSWORD)
    assert error_codes(response) == ["auth.locked"]
    message = response.context["form"].non_field_errors()[0]
    assert " 13 " in message  # locked until 09:23: 13 minutes left
    assert "_auth_user_id" not in client.session

    time_machine.move_to(START + dt.timedelta(minutes=22, seconds=59), tick=False)
    lock = lockout.current_lock(email=EMAIL, ip="192.0.2.1")
    assert lock is not None
    assert (
        lock.minutes_left(START + dt.timedelta(minutes=22, seconds=59)) == 1
    )  # never 0

    time_machine.move_to(START + dt.timedelta(minutes=8 + 15), tick=False)
    response = sign_in(client, EMAIL, TEST_PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(valmont_hr.uuid)


@pytest.mark.sqlite
def test_ACC_03_same_message_for_an_unknown_address(
    client: Client, time_machine: TimeMachineFixture, valmont_hr: User
) -> None:
    fail_five_times(client, time_machine, EMAIL)
    known = sign_in(client, EMAIL, TEST_PASSWORD)
    fail_five_times(client, time_machine, "personne@valmont.example")
    unknown = sign_in(client, "personne@valmont.example", TEST_PASSWORD)
    assert error_codes(known) == error_codes(unknown) == ["auth.locked"]
    assert (
        known.context["form"].non_field_errors()
        == unknown.context["form"].non_field_errors()
    )


@pytest.mark.sqlite
def test_ACC_03_the_email_is_normalised(
    client: Client, time_machine: TimeMachineFixture, valmont_hr: User
) -> None:
    fail_five_times(client, time_machine, " RH@Valmont.example ")
    assert error_codes(sign_in(client, EMAIL, TEST_PASSWORD)) == ["auth.locked"]


@pytest.mark.sqlite
def test_ACC_03_refused_attempts_neither_count_nor_extend(
    client: Client, time_machine: TimeMachineFixture, valmont_hr: User
) -> None:
    fail_five_times(client, time_machine, EMAIL)  # fifth failure at 09:10
    n_failures = LoginFailure.objects.count()
    for minute in (11, 15, 20, 24):
        time_machine.move_to(START + dt.timedelta(minutes=minute), tick=False)
        assert error_codes(sign_in(client, EMAIL, WRONG)) == ["auth.locked"]
    assert LoginFailure.objects.count() == n_failures

    time_machine.move_to(START + dt.timedelta(minutes=25), tick=False)  # 09:10 + 15 min
    assert error_codes(sign_in(client, EMAIL, TEST_PASSWORD)) == []


@pytest.mark.sqlite
def test_ACC_03_failures_outside_the_window_do_not_lock(
    client: Client, time_machine: TimeMachineFixture, valmont_hr: User
) -> None:
    for minute in (0, 4, 8, 12, 16):  # five failures, but never five within 15 minutes
        time_machine.move_to(START + dt.timedelta(minutes=minute), tick=False)
        assert error_codes(sign_in(client, EMAIL, WRONG)) == ["auth.invalid"]
    assert error_codes(sign_in(client, EMAIL, TEST_PASSWORD)) == []


@pytest.mark.sqlite
def test_ACC_03_success_clears_the_failures_of_the_email(
    client: Client, time_machine: TimeMachineFixture, valmont_hr: User
) -> None:
    time_machine.move_to(START, tick=False)
    for _ in range(4):
        sign_in(client, EMAIL, WRONG)
    assert error_codes(sign_in(client, EMAIL, TEST_PASSWORD)) == []
    client.post("/logout/")
    for _ in range(4):
        assert error_codes(sign_in(client, EMAIL, WRONG)) == ["auth.invalid"]
    assert error_codes(sign_in(client, EMAIL, TEST_PASSWORD)) == []


@pytest.mark.sqlite
def test_ACC_03_twenty_failures_from_one_address_lock_the_address(
    client: Client, time_machine: TimeMachineFixture, valmont_hr: User
) -> None:
    time_machine.move_to(START, tick=False)
    for n in range(20):
        response = sign_in(client, f"inconnu{n}@example.org", WRONG, ip="198.51.100.7")
        assert error_codes(response) == ["auth.invalid"]
    locked = sign_in(client, EMAIL, TEST_PASSWORD, ip="198.51.100.7")
    assert error_codes(locked) == ["auth.locked"]

    assert error_codes(sign_in(client, EMAIL, TEST_PASSWORD, ip="198.51.100.8")) == []

    time_machine.move_to(START + dt.timedelta(minutes=15), tick=False)
    client.post("/logout/")
    assert error_codes(sign_in(client, EMAIL, TEST_PASSWORD, ip="198.51.100.7")) == []


@pytest.mark.sqlite
def test_ACC_03_failures_are_stored_as_keyed_hashes(
    client: Client, time_machine: TimeMachineFixture, valmont_hr: User
) -> None:
    fail_five_times(client, time_machine, EMAIL)
    stored = [f"{row.kind}|{row.key_hash}" for row in LoginFailure.objects.all()]
    assert len(stored) == 10  # one row per e-mail and one per address for each failure
    assert all("valmont" not in row and "192.0.2.1" not in row for row in stored)
    assert {row.split("|")[1] for row in stored} == {
        lockout.keyed_hash("email", EMAIL),
        lockout.keyed_hash("ip", "192.0.2.1"),
    }


@pytest.mark.sqlite
def test_ACC_03_a_lockout_is_audited_without_the_address(
    client: Client, time_machine: TimeMachineFixture, valmont_hr: User
) -> None:
    fail_five_times(client, time_machine, EMAIL)
    entries = list(AuditEntry.objects.filter(action="auth.locked"))
    assert [entry.tenant for entry in entries] == ["instance"]
    assert entries[0].data == {"kind": "email"}
    assert "@" not in str(entries[0].data)


@pytest.mark.sqlite
def test_sign_in_with_the_right_password(client: Client, valmont_hr: User) -> None:
    response = sign_in(client, "RH@valmont.example", TEST_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.session["_auth_user_id"] == str(valmont_hr.uuid)


def test_sign_in_ignores_an_outside_next(client: Client, valmont_hr: User) -> None:
    response = client.post(
        "/login/",
        {"email": EMAIL, "password": TEST_PASSWORD, "next": "https://evil.example/"},
    )
    assert response["Location"] == "/"
