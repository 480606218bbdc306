"""Django's password reset, with its mail going through the outbox (§0.8)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.db import transaction
from django.utils import timezone

from mixite.web.accounts.models import User
from mixite.web.outbox.services import queue_mail


class OutboxPasswordResetForm(PasswordResetForm):
    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        user: User = context["user"]
        link = "{}/password/reset/{}/{}/".format(settings.SITE_URL, context["uid"], context["token"])
        with transaction.atomic():
            queue_mail(
                to=to_email,
                template="accounts/mail/password_reset",
                context={"user": user, "link": link},
                language=user.language,
                dedup_key=f"password-reset:{user.uuid}:{timezone.now().isoformat()}",
            )
