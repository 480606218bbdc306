"""Sign-in by e-mail (case-insensitive), refused until the rate limit allows it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth.backends import ModelBackend

from mixite.web.accounts.models import User, normalise_email

if TYPE_CHECKING:
    from django.http import HttpRequest


class EmailBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,  # noqa: ARG002 - Django's signature
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        email = kwargs.get("email", username)
        if email is None or password is None:
            return None
        user = User.objects.filter(email=normalise_email(email)).first()
        if user is None:
            User().set_password(password)  # same work whether the account exists or not
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
