"""The sending task; the worker's scheduler also enqueues it every minute for retries."""

from __future__ import annotations

from django_tasks import task

from mixite.web.outbox.services import send_due_mail


@task()
def send_outbox() -> int:
    return send_due_mail()
