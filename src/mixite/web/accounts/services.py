"""Writes on accounts: sign-up, e-mail confirmation, re-authentication stamps."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from mixite.web.accounts.models import User, normalise_email
from mixite.web.audit.services import record
from mixite.web.outbox.services import queue_mail

if TYPE_CHECKING:
    from django.http import HttpRequest

CONFIRM_SALT = "mixite.accounts.confirm-email"
UNCONFIRMED_DAYS = 7  # §1.3: unconfirmed accounts are deleted after 7 days
REAUTH_SESSION_KEY = "mixite_authenticated_at"


class EmailConfirmation:
    """Signed, time-limited confirmation links: nothing to store, nothing to leak."""

    @staticmethod
    def token_for(user: User) -> str:
        return signing.dumps({"u": str(user.uuid), "e": user.email}, salt=CONFIRM_SALT)

    @staticmethod
    def user_for(token: str) -> User | None:
        """The user of a valid, unexpired link whose e-mail has not changed since."""
        max_age = dt.timedelta(hours=settings.MIXITE_EMAIL_CONFIRM_HOURS)
        try:
            payload = signing.loads(token, salt=CONFIRM_SALT, max_age=max_age)
        except signing.BadSignature:  # also SignatureExpired
            return None
        return User.objects.filter(uuid=payload["u"], email=payload["e"]).first()


@transaction.atomic
def sign_up(*, email: str, password: str, display_name: str, language: str) -> User:
    user = User.objects.create_user(
        email=email, password=password, display_name=display_name, language=language
    )
    send_confirmation(user=user)
    return user


def send_confirmation(*, user: User) -> None:
    link = settings.SITE_URL + reverse(
        "accounts:confirm-email", kwargs={"token": EmailConfirmation.token_for(user)}
    )
    queue_mail(
        to=user.email,
        template="accounts/mail/confirm_email",
        context={
            "user": user,
            "link": link,
            "hours": settings.MIXITE_EMAIL_CONFIRM_HOURS,
        },
        language=user.language,
        dedup_key=f"confirm:{user.uuid}:{timezone.now().isoformat()}",
    )


def delete_unconfirmed_accounts(*, now: dt.datetime | None = None) -> int:
    """§1.3: accounts whose e-mail is still unconfirmed 7 days after sign-up are deleted.

    Meant for the nightly scheduler; returns how many accounts went.
    """
    now = now or timezone.now()
    stale = User.objects.filter(
        email_verified_at__isnull=True,
        is_staff=False,
        created_at__lt=now - dt.timedelta(days=UNCONFIRMED_DAYS),
    )
    n_deleted = stale.count()
    if n_deleted:
        with transaction.atomic():
            stale.delete()
            record(
                tenant="instance",
                actor="system",
                action="accounts.unconfirmed_deleted",
                data={"n_accounts": n_deleted},
            )
    return n_deleted


def confirm_email(*, user: User) -> bool:
    """Mark the e-mail verified; False when it already was (the link was followed twice)."""
    updated = User.objects.filter(
        uuid=user.uuid, email_verified_at__isnull=True
    ).update(email_verified_at=timezone.now())
    return updated == 1


def stamp_authentication(request: HttpRequest) -> None:
    """Remember when the user last proved who she is (password, and TOTP when enrolled)."""
    request.session[REAUTH_SESSION_KEY] = timezone.now().timestamp()


def recently_authenticated(request: HttpRequest) -> bool:
    stamp = request.session.get(REAUTH_SESSION_KEY)
    if stamp is None:
        return False
    age = timezone.now().timestamp() - float(stamp)
    return age < settings.MIXITE_REAUTH_MINUTES * 60


def change_language(*, user: User, language: str) -> None:
    User.objects.filter(uuid=user.uuid).update(language=language)


def audit_security(
    *, user: User, action: str, data: dict[str, object] | None = None
) -> None:
    """Security events go to the instance chain (the person is not a tenant)."""
    record(tenant="instance", actor=f"user:{user.uuid}", action=action, data=data or {})


def email_taken(email: str) -> bool:
    return User.objects.filter(email=normalise_email(email)).exists()
