"""Accounts: users signing in with their e-mail, second factors, API tokens."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django.contrib.auth.models import (
    AbstractBaseUser,
    BaseUserManager,
    PermissionsMixin,
)
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mixite.web.core.models import UUIDModel

if TYPE_CHECKING:
    import datetime as dt


def normalise_email(email: str) -> str:
    """The form under which an e-mail is stored and compared: trimmed, lower case."""
    return email.strip().lower()


class UserManager(BaseUserManager["User"]):
    def create_user(
        self, email: str, password: str | None = None, **fields: Any
    ) -> User:
        user = self.model(email=normalise_email(email), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(
        self, email: str, password: str | None = None, **fields: Any
    ) -> User:
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        fields.setdefault("email_verified_at", timezone.now())
        return self.create_user(email, password, **fields)

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email=normalise_email(username or ""))


class Language(models.TextChoices):
    FR = "fr", _("French")
    EN = "en", _("English")


class Sex(models.TextChoices):
    F = "F", _("Woman")
    M = "M", _("Man")


class User(UUIDModel, AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    display_name = models.CharField(_("display name"), max_length=120)
    language = models.CharField(
        _("preferred language"),
        max_length=2,
        choices=Language.choices,
        default=Language.FR,
    )
    commune = models.CharField(_("commune (INSEE code)"), max_length=5, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    email_verified_at = models.DateTimeField(null=True, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        verbose_name = _("user")
        constraints = [
            models.UniqueConstraint(
                Lower("email"), name="accounts_user_email_ci_unique"
            )
        ]

    def __str__(self) -> str:
        return self.display_name or self.email

    @property
    def email_verified(self) -> bool:
        return self.email_verified_at is not None

    @property
    def has_totp(self) -> bool:
        return TotpDevice.objects.filter(user=self, confirmed_at__isnull=False).exists()


class LoginFailure(models.Model):
    """A failed sign-in, counted by a keyed hash of the e-mail or the address (§1.3).

    The plain e-mail or IP address is never stored here.
    """

    class Kind(models.TextChoices):
        EMAIL = "email"
        IP = "ip"

    kind = models.CharField(max_length=5, choices=Kind.choices)
    key_hash = models.CharField(max_length=64)
    at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["kind", "key_hash", "at"])]

    def __str__(self) -> str:
        return f"{self.kind} failure at {self.at:%Y-%m-%d %H:%M:%S}"


class TotpDevice(models.Model):
    """One TOTP secret per user, encrypted at rest; usable once ``confirmed_at`` is set."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="totp")
    secret_encrypted = models.BinaryField()
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_used_step = models.BigIntegerField(default=0)  # a code is accepted once

    def __str__(self) -> str:
        return f"TOTP of {self.user_id}"  # never the secret


class RecoveryCode(models.Model):
    """A single-use recovery code, stored as a password hash."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="recovery_codes"
    )
    code_hash = models.CharField(max_length=256)
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"recovery code of {self.user_id}"  # never the code


class ApiToken(UUIDModel):
    """A personal access token (§15.1): only its SHA-256 and first 8 characters are kept."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=8)
    token_hash = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def is_usable(self, now: dt.datetime) -> bool:
        return self.revoked_at is None and self.expires_at > now


class ApiTokenUse(models.Model):
    """Calls of a token per second, for its rate limits (§15.1); a day of rows is kept."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="uses")
    second = models.DateTimeField()
    n_calls = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["token", "second"], name="accounts_one_use_row"
            )
        ]

    def __str__(self) -> str:
        return f"{self.token_id} @ {self.second:%H:%M:%S}: {self.n_calls}"
