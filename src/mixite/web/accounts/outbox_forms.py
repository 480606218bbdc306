"""Django's password reset, with its mail going through the outbox (§0.8)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.db import transaction
from django.utils import timezone

from mixite.web.outbox.services import queue_mail

if TYPE_CHECKING:
    from mixite.web.accounts.models import User


class OutboxPasswordResetForm(PasswordResetForm):
    def send_mail(  # noqa: PLR0917 - Django's signature; only context and to_email matter
        self,
        subject_template_name: str,  # noqa: ARG002
        email_template_name: str,  # noqa: ARG002
        context: dict[str, Any],
        from_email: str | None,  # noqa: ARG002
        to_email: str,
        html_email_template_name: str | None = None,  # noqa: ARG002
    ) -> None:
        user: User = context["user"]
        link = "{}/password/reset/{}/{}/".format(
            settings.SITE_URL, context["uid"], context["token"]
        )
        with transaction.atomic():
            queue_mail(
                to=to_email,
                template="accounts/mail/password_reset",
                context={"user": user, "link": link},
                language=user.language,
                dedup_key=f"password-reset:{user.uuid}:{timezone.now().isoformat()}",
            )
