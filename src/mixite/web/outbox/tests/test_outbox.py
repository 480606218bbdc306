"""The mail outbox: deduplication, sending after commit, retries (platform §0.8)."""

from __future__ import annotations

import datetime as dt
import smtplib
from typing import TYPE_CHECKING

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import IntegrityError, transaction
from django.test import override_settings

from mixite.web.core.tests.factories import OrganisationFactory, UserFactory
from mixite.web.outbox.models import RETRY_MINUTES, MailState, OutboxMail
from mixite.web.outbox.services import queue_mail, send_due_mail

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from contextlib import AbstractContextManager

    from django.core.mail import EmailMessage
    from time_machine import TimeMachineFixture

    CaptureCallbacks = Callable[..., AbstractContextManager[list[Callable[[], object]]]]

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
FAILING = "mixite.web.outbox.tests.test_outbox.FailingBackend"


class FailingBackend(BaseEmailBackend):
    """An SMTP server that answers every message with an error."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        del email_messages
        raise smtplib.SMTPException("451 try again later")


class RacingBackend(BaseEmailBackend):
    """While it fails one mail, another worker tries the others and postpones them."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        recipients = [address for message in email_messages for address in message.to]
        OutboxMail.objects.filter(state=MailState.PENDING, attempts=0).exclude(
            to__in=recipients
        ).update(attempts=1, next_attempt_at=START + dt.timedelta(minutes=1))
        raise smtplib.SMTPException("451 try again later")


@pytest.fixture(autouse=True)
def frozen(time_machine: TimeMachineFixture) -> None:
    """Mail is queued at START; each test says when the sender runs."""
    time_machine.move_to(START, tick=False)


def queue(key: str = "test:1", to: str = "camille@example.org") -> OutboxMail:
    user = UserFactory.create(email=to)
    with transaction.atomic():
        return queue_mail(
            to=to,
            template="accounts/mail/confirm_email",
            context={
                "user": user,
                "link": "https://mixite.example/confirm/x/",
                "hours": 48,
            },
            language="fr",
            dedup_key=key,
        )


@pytest.mark.django_db
def test_a_dedup_key_queues_one_mail() -> None:
    first = queue(key="reminder:42:48h")
    with transaction.atomic():
        second = queue_mail(
            to="autre@example.org",
            template="accounts/mail/confirm_email",
            context={"user": None, "link": "x", "hours": 48},
            language="en",
            dedup_key="reminder:42:48h",
        )
    assert second.pk == first.pk
    assert OutboxMail.objects.count() == 1
    assert OutboxMail.objects.get().to == "camille@example.org"


@pytest.mark.django_db
def test_the_dedup_key_is_unique_in_the_database() -> None:
    queue(key="reminder:42:48h")
    with pytest.raises(IntegrityError), transaction.atomic():
        OutboxMail.objects.create(
            dedup_key="reminder:42:48h", to="x@example.org", subject="s"
        )


@pytest.mark.django_db
def test_the_mail_is_rendered_in_the_recipient_language() -> None:
    queued = queue()
    assert "https://mixite.example/confirm/x/" in queued.body
    assert queued.subject
    assert "\n" not in queued.subject
    assert queued.state == MailState.PENDING


@pytest.mark.django_db
def test_plain_text_is_not_html_escaped() -> None:
    user = UserFactory.create(display_name="Zoé O'Neil & <Cie>")
    with transaction.atomic():
        queued = queue_mail(
            to=user.email,
            template="accounts/mail/confirm_email",
            context={
                "user": user,
                "link": "https://mixite.example/confirm/a&b/",
                "hours": 48,
            },
            language="en",
            dedup_key="escape",
        )
    assert "Hello Zoé O'Neil & <Cie>," in queued.body
    assert "https://mixite.example/confirm/a&b/" in queued.body
    assert "&amp;" not in queued.body


@pytest.mark.django_db
def test_a_subject_is_one_line() -> None:
    owner = UserFactory.create()
    org = OrganisationFactory.create(name="Dupont & Fils\nBcc: x@example.org")
    with transaction.atomic():
        queued = queue_mail(
            to="x@example.org",
            template="invitations/mail/invitation",
            context={"invitation": None, "target": org, "inviter": owner, "link": "x"},
            language="en",
            dedup_key="subject",
        )
    assert queued.subject == "Invitation to Dupont & Fils Bcc: x@example.org on Mixité"
    assert send_due_mail(now=START) == 1


@pytest.mark.django_db
def test_success_marks_sent_once() -> None:
    queued = queue()
    assert send_due_mail(now=START) == 1
    queued.refresh_from_db()
    assert (queued.state, queued.sent_at, queued.attempts) == (MailState.SENT, START, 1)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["camille@example.org"]
    assert mail.outbox[0].subject == queued.subject
    assert send_due_mail(now=START + dt.timedelta(hours=1)) == 0  # never twice
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_sending_is_enqueued_after_commit(
    django_capture_on_commit_callbacks: CaptureCallbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        queued = queue()
        assert mail.outbox == []  # nothing leaves before the commit
    assert callbacks
    queued.refresh_from_db()
    assert queued.state == MailState.SENT
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_nothing_is_sent_when_the_transaction_rolls_back(
    django_capture_on_commit_callbacks: CaptureCallbacks,
) -> None:
    user = UserFactory.create()

    def change_then_fail() -> None:
        with transaction.atomic():
            queue_mail(
                to=user.email,
                template="accounts/mail/confirm_email",
                context={"user": user, "link": "x", "hours": 48},
                language="fr",
                dedup_key="rolled-back",
            )
            raise RuntimeError

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        change_then_fail()
    assert not OutboxMail.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
@override_settings(EMAIL_BACKEND=FAILING)
def test_failures_are_retried_after_1_5_30_120_720_minutes_then_failed() -> None:
    queued = queue()
    now = START
    delays: list[dt.timedelta] = []
    for attempt in range(1, len(RETRY_MINUTES) + 1):
        assert send_due_mail(now=now) == 0
        queued.refresh_from_db()
        assert (queued.state, queued.attempts) == (MailState.PENDING, attempt)
        assert "451" in queued.last_error
        delays.append(queued.next_attempt_at - now)
        before = queued.next_attempt_at - dt.timedelta(seconds=1)
        assert send_due_mail(now=before) == 0  # not due yet: no attempt
        queued.refresh_from_db()
        assert queued.attempts == attempt
        now = queued.next_attempt_at
    assert delays == [dt.timedelta(minutes=m) for m in (1, 5, 30, 120, 720)]

    assert send_due_mail(now=now) == 0  # the sixth failure
    queued.refresh_from_db()
    assert (queued.state, queued.attempts) == (MailState.FAILED, 6)
    assert queued.sent_at is None
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"
    ):
        assert send_due_mail(now=now + dt.timedelta(days=1)) == 0  # failed is final
    assert mail.outbox == []


@pytest.mark.django_db
@override_settings(EMAIL_BACKEND="mixite.web.outbox.tests.test_outbox.RacingBackend")
def test_a_mail_postponed_by_another_worker_is_not_tried_again() -> None:
    queue(key="first")
    queue(key="second", to="dominique@example.org")
    send_due_mail(now=START)
    # One attempt each: ours on the first mail, the other worker's on the second.
    assert sorted(OutboxMail.objects.values_list("attempts", flat=True)) == [1, 1]


@pytest.mark.django_db
def test_a_retry_that_succeeds_marks_sent() -> None:
    queued = queue()
    with override_settings(EMAIL_BACKEND=FAILING):
        send_due_mail(now=START)
    assert send_due_mail(now=START + dt.timedelta(minutes=1)) == 1
    queued.refresh_from_db()
    assert (queued.state, queued.attempts) == (MailState.SENT, 2)
    assert queued.sent_at == START + dt.timedelta(minutes=1)
    assert len(mail.outbox) == 1
