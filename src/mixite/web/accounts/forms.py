"""Account forms: validation only (the writes are in services)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth import authenticate, password_validation
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mixite.web.accounts import lockout
from mixite.web.accounts.models import Language, User, normalise_email
from mixite.web.core.errors import message_for

if TYPE_CHECKING:
    from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", ""))


class LoginForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.request = request
        self.user: User | None = None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        email, password = cleaned.get("email"), cleaned.get("password")
        if not email or not password:
            return cleaned
        ip = client_ip(self.request)
        lock = lockout.current_lock(email=email, ip=ip)
        if lock is not None:  # refused attempts neither count nor extend the lock
            raise forms.ValidationError(
                message_for("auth.locked", minutes=lock.minutes_left(timezone.now())),
                code="auth.locked",
            )
        user = authenticate(self.request, email=email, password=password)
        if user is None:
            lockout.record_failure(email=email, ip=ip)
            raise forms.ValidationError(
                message_for("auth.invalid"), code="auth.invalid"
            )
        lockout.clear_failures(email=email)
        self.user = user
        return cleaned


class SignUpForm(forms.Form):
    display_name = forms.CharField(
        label=_("Name shown to others"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        help_text=_("At least 12 characters. A short sentence is easy to remember."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)

    def __init__(
        self, *args: Any, locked_email: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.locked_email = locked_email
        if locked_email:
            self.fields["email"].initial = locked_email
            self.fields["email"].disabled = True

    def clean_email(self) -> str:
        email = normalise_email(self.locked_email or self.cleaned_data["email"])
        if User.objects.filter(email=email).exists():
            raise forms.ValidationError(
                _(
                    "An account already uses this address: sign in or reset your password."
                ),
                code="accounts.email_taken",
            )
        return email

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password = cleaned.get("password")
        if password:
            candidate = User(
                email=cleaned.get("email", ""),
                display_name=cleaned.get("display_name", ""),
            )
            try:
                password_validation.validate_password(password, candidate)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class OtpForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app, or a recovery code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
    )


class TotpConfirmForm(forms.Form):
    code = forms.RegexField(
        label=_("6-digit code shown by your app"),
        regex=r"^\s*\d{3}\s?\d{3}\s*$",
        error_messages={"invalid": _("Enter the 6 digits shown by your app.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
    )


class ReauthForm(forms.Form):
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    code = forms.CharField(
        label=_("Code from your authenticator app, or a recovery code"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
    )


class ProfileForm(forms.ModelForm[User]):
    class Meta:
        model = User
        fields = ["display_name", "language"]


class ApiTokenForm(forms.Form):
    """A new personal access token (§15.1); the service checks the scopes."""

    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “HR spreadsheet export”."),
    )
    scopes = forms.MultipleChoiceField(
        label=_("Scopes"),
        choices=[],
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Give only what the token needs: its rights never exceed your roles."
        ),
    )
    days = forms.IntegerField(
        label=_("Valid for (days)"),
        min_value=1,
        max_value=365,
        initial=90,
        help_text=_("Between 1 and 365 days."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from mixite.web.accounts.tokens import SCOPES  # noqa: PLC0415

        super().__init__(*args, **kwargs)
        scopes = self.fields["scopes"]
        assert isinstance(scopes, forms.MultipleChoiceField)  # noqa: S101 - narrows
        scopes.choices = [(code, f"{label} ({code})") for code, label in SCOPES]
