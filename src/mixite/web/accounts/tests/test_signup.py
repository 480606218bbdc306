"""Sign-up, e-mail confirmation and password rules (platform §1.3, ACC-01, ACC-02)."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

import pytest
from django.core import mail
from django.utils import translation
from django.utils.html import escape

from mixite.web.accounts.models import User
from mixite.web.accounts.services import delete_unconfirmed_accounts
from mixite.web.audit.models import AuditEntry
from mixite.web.core.tests.factories import OrgRoleFactory, UserFactory
from mixite.web.outbox.models import OutboxMail

if TYPE_CHECKING:
    from collections.abc import Callable
    from contextlib import AbstractContextManager

    from django.test import Client
    from django.test.client import _MonkeyPatchedWSGIResponse as Response
    from time_machine import TimeMachineFixture

    CaptureCallbacks = Callable[..., AbstractContextManager[list[Callable[[], object]]]]

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
CAMILLE = "camille@example.org"
PASSWORD = "bleu-lavande"


def sign_up(client: Client, password: str = PASSWORD, email: str = CAMILLE) -> Response:
    return client.post(
        "/signup/",
        {
            "display_name": "Camille Martin",
            "email": email,
            "password": password,
            "language": "fr",
        },
    )


def confirmation_path(body: str) -> str:
    found = re.search(r"https?://[^/\s]+(/confirm/[^\s]+/)", body)
    assert found is not None, body
    return found.group(1)


@pytest.mark.sqlite
@pytest.mark.django_db
def test_ACC_01_sign_up_and_confirm(
    client: Client,
    time_machine: TimeMachineFixture,
    django_capture_on_commit_callbacks: CaptureCallbacks,
) -> None:
    time_machine.move_to(START, tick=False)
    assert len(PASSWORD) == 12
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client)
    assert response.status_code == 302
    assert response["Location"] == "/confirm/"

    queued = OutboxMail.objects.get(to=CAMILLE)
    path = confirmation_path(queued.body)
    assert queued.state == "sent"  # the task ran after commit
    assert [message.to for message in mail.outbox] == [[CAMILLE]]
    assert path in mail.outbox[0].body

    camille = User.objects.get(email=CAMILLE)
    assert not camille.email_verified
    role = OrgRoleFactory.create(user=camille, role="analyst")
    org_page = f"/o/{role.organisation.slug}/"
    assert client.get(org_page)["Location"] == "/confirm/"
    assert client.get(f"{org_page}people/")["Location"] == "/confirm/"

    first = client.get(path)
    assert first.status_code == 200
    assert first.context["newly_confirmed"] is True
    camille.refresh_from_db()
    assert camille.email_verified

    second = client.get(path)
    assert second.status_code == 200
    assert second.context["newly_confirmed"] is False
    with translation.override(camille.language):  # the page speaks her language
        assert (
            escape(translation.gettext("Already confirmed")) in second.content.decode()
        )

    assert client.get(org_page).status_code == 200


@pytest.mark.sqlite
@pytest.mark.django_db
def test_ACC_01_link_older_than_48_hours_is_refused(
    client: Client, time_machine: TimeMachineFixture
) -> None:
    time_machine.move_to(START, tick=False)
    sign_up(client)
    path = confirmation_path(OutboxMail.objects.get(to=CAMILLE).body)

    time_machine.move_to(START + dt.timedelta(hours=48, seconds=1), tick=False)
    response = client.get(path)
    assert response.status_code == 400
    assert "accounts/confirm_invalid.html" in [t.name for t in response.templates]
    assert not User.objects.get(email=CAMILLE).email_verified

    time_machine.move_to(START + dt.timedelta(hours=47, minutes=59), tick=False)
    assert client.get(path).context["newly_confirmed"] is True


@pytest.mark.sqlite
@pytest.mark.django_db
def test_ACC_01_a_tampered_or_stale_link_is_refused(client: Client) -> None:
    sign_up(client)
    path = confirmation_path(OutboxMail.objects.get(to=CAMILLE).body)
    assert client.get(path[:-3] + "xx/").status_code == 400

    User.objects.filter(email=CAMILLE).update(email="camille.m@example.org")
    assert client.get(path).status_code == 400  # the address changed since the link


@pytest.mark.sqlite
@pytest.mark.django_db
def test_ACC_01_a_new_link_can_be_asked_for(client: Client) -> None:
    sign_up(client)
    assert client.get("/confirm/").status_code == 200
    assert client.post("/confirm/")["Location"] == "/confirm/"
    assert OutboxMail.objects.filter(to=CAMILLE).count() == 2


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("telechargement", "password_too_common"),  # in Django's common-password list
        ("bleu-lavand", "password_too_short"),  # 11 characters
        ("846219357204", "password_entirely_numeric"),
        ("camille-example", "password_too_similar"),
    ],
)
@pytest.mark.django_db
def test_ACC_02_weak_password_is_refused_under_the_field(
    client: Client, password: str, code: str
) -> None:
    response = sign_up(client, password=password)
    assert response.status_code == 200
    form = response.context["form"]
    assert code in [error.code for error in form.errors.as_data()["password"]]
    page = response.content.decode()
    message = form.errors["password"][0]
    error_block = re.search(
        r'<p class="error" id="id_password_error">(.*?)</p>', page, re.S
    )
    assert error_block is not None
    assert escape(message) in error_block.group(
        1
    )  # the validator's message, under the field
    assert f'value="{CAMILLE}"' in page  # the e-mail typed is kept
    assert not User.objects.exists()
    assert not OutboxMail.objects.exists()


@pytest.mark.django_db
def test_ACC_02_motdepasse12_passes(client: Client) -> None:
    response = sign_up(client, password="motdepasse12")
    assert response.status_code == 302
    assert User.objects.get(email=CAMILLE).check_password("motdepasse12")


@pytest.mark.django_db
def test_sign_up_refuses_an_address_already_used(client: Client) -> None:
    UserFactory.create(email=CAMILLE)
    response = sign_up(client, email="Camille@Example.org")
    assert [e.code for e in response.context["form"].errors.as_data()["email"]] == [
        "accounts.email_taken"
    ]
    assert User.objects.count() == 1


@pytest.mark.django_db
def test_unconfirmed_accounts_are_deleted_after_7_days(
    client: Client, time_machine: TimeMachineFixture
) -> None:
    time_machine.move_to(START, tick=False)
    sign_up(client)
    confirmed = UserFactory.create(created_at=START)
    staff = UserFactory.create(created_at=START, email_verified_at=None, is_staff=True)

    later = START + dt.timedelta(days=7)
    assert delete_unconfirmed_accounts(now=later) == 0
    assert delete_unconfirmed_accounts(now=later + dt.timedelta(seconds=1)) == 1
    assert not User.objects.filter(email=CAMILLE).exists()
    assert set(User.objects.values_list("pk", flat=True)) == {confirmed.pk, staff.pk}
    entry = AuditEntry.objects.get(action="accounts.unconfirmed_deleted")
    assert (entry.tenant, entry.data) == ("instance", {"n_accounts": 1})
