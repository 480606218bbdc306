"""Queue mail in the caller's transaction; send it from a task after commit (§0.8)."""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template import Context, Engine
from django.utils import timezone, translation

from mixite.web.outbox.models import RETRY_MINUTES, MailState, OutboxMail

logger = logging.getLogger(__name__)


def queue_mail(
    *,
    to: str,
    template: str,
    context: dict[str, Any],
    language: str,
    dedup_key: str,
) -> OutboxMail:
    """Render ``<template>.txt`` / ``_subject.txt`` in the recipient's language and store it.

    Must run inside the transaction of the change that causes the mail. A second call with
    the same ``dedup_key`` returns the mail already queued.
    """
    with translation.override(language):
        # One line: a newline in a name would make the message unsendable (BadHeaderError).
        subject = " ".join(_render_text(f"{template}_subject.txt", context).split())
        body = _render_text(f"{template}.txt", context)
    mail, _ = OutboxMail.objects.get_or_create(
        dedup_key=dedup_key, defaults={"to": to, "subject": subject, "body": body}
    )
    transaction.on_commit(enqueue_sending)
    return mail


def _render_text(name: str, context: dict[str, Any]) -> str:
    """Plain text is not HTML: "Dupont & Fils" stays as typed, not "Dupont &amp; Fils"."""
    return (
        Engine.get_default()
        .get_template(name)
        .render(Context(context, autoescape=False))
    )


def enqueue_sending() -> None:
    from mixite.web.outbox.tasks import send_outbox  # noqa: PLC0415 - tasks import us

    send_outbox.enqueue()


def send_due_mail(now: dt.datetime | None = None) -> int:
    """Send every pending mail that is due; failures are retried later. Returns the count."""
    now = now or timezone.now()
    n_sent = 0
    due = Q(state=MailState.PENDING, next_attempt_at__lte=now)
    for mail_id in list(OutboxMail.objects.filter(due).values_list("uuid", flat=True)):
        with transaction.atomic():
            # Still due once locked: another worker may have sent it, or tried and
            # postponed it, meanwhile (a retry is not spent twice).
            mail = (
                OutboxMail.objects.select_for_update().filter(due, uuid=mail_id).first()
            )
            if mail is None:
                continue
            n_sent += send_one(mail, now)
    return n_sent


def send_one(mail: OutboxMail, now: dt.datetime) -> int:
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[mail.to],
        headers=mail.headers,
    )
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        mail.attempts += 1
        mail.last_error = str(error)[:300]
        if mail.attempts > len(RETRY_MINUTES):
            mail.state = MailState.FAILED
        else:
            mail.next_attempt_at = now + dt.timedelta(
                minutes=RETRY_MINUTES[mail.attempts - 1]
            )
        mail.save()
        logger.warning(
            "Mail %s not sent (attempt %s): %s", mail.uuid, mail.attempts, error
        )
        return 0
    mail.state, mail.sent_at = MailState.SENT, now
    mail.attempts += 1
    mail.save()
    return 1
