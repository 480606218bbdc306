"""Sign-in, sign-up, e-mail confirmation, re-authentication, profile and 2FA pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mixite.web.accounts import lockout, otp, services
from mixite.web.accounts.decorators import (
    reauth_required,
    signed_in_user,
    verified_login_required,
)
from mixite.web.accounts.forms import (
    LoginForm,
    OtpForm,
    ProfileForm,
    ReauthForm,
    SignUpForm,
    TotpConfirmForm,
    client_ip,
)
from mixite.web.accounts.models import TotpDevice, User
from mixite.web.accounts.outbox_forms import OutboxPasswordResetForm
from mixite.web.core.errors import message_for

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from mixite.web.core.http import AuthedRequest

OTP_PENDING = "mixite_otp_pending_user"
OTP_NEXT = "mixite_otp_next"
RECOVERY_SHOWN = "mixite_recovery_codes"


def safe_next(request: HttpRequest, default: str = "/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or default
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _error(code: str, **params: object) -> ValidationError:
    """A form error that carries its code (§0.7), as the API's ``code`` member does."""
    return ValidationError(message_for(code, **params), code=code)


def _locked_error(lock: lockout.Lock) -> ValidationError:
    return _error("auth.locked", minutes=lock.minutes_left(timezone.now()))


def _complete_login(request: HttpRequest, user: User, next_url: str) -> HttpResponse:
    login(request, user, backend="mixite.web.accounts.backends.EmailBackend")
    services.stamp_authentication(request)
    return redirect(next_url)


def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        assert form.user is not None  # noqa: S101 - set by a valid form
        if form.user.has_totp:
            request.session[OTP_PENDING] = str(form.user.uuid)
            request.session[OTP_NEXT] = safe_next(request)
            return redirect("accounts:login-otp")
        return _complete_login(request, form.user, safe_next(request))
    return render(
        request, "accounts/login.html", {"form": form, "next": safe_next(request, "")}
    )


def login_otp_view(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(OTP_PENDING)
    user = (
        User.objects.filter(uuid=pending).first() if isinstance(pending, str) else None
    )
    if user is None:
        return redirect("accounts:login")
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        lock = lockout.current_lock(email=user.email, ip=client_ip(request))
        if lock is not None:
            form.add_error(None, _locked_error(lock))
        elif otp.verify_totp(
            user=user, code=form.cleaned_data["code"]
        ) or otp.use_recovery_code(user=user, code=form.cleaned_data["code"]):
            next_url = request.session.pop(OTP_NEXT, "/")
            request.session.pop(OTP_PENDING, None)
            return _complete_login(request, user, next_url)
        else:
            lockout.record_failure(email=user.email, ip=client_ip(request))
            form.add_error("code", _error("auth.otp_invalid"))
    return render(request, "accounts/login_otp.html", {"form": form})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("core:home")


def signup_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:home")
    form = SignUpForm(request.POST or None, initial={"language": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        user = services.sign_up(
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password"],
            display_name=form.cleaned_data["display_name"],
            language=form.cleaned_data["language"],
        )
        login(request, user, backend="mixite.web.accounts.backends.EmailBackend")
        services.stamp_authentication(request)
        return redirect("accounts:confirm-pending")
    return render(request, "accounts/signup.html", {"form": form})


def confirm_email_view(request: HttpRequest, token: str) -> HttpResponse:
    user = services.EmailConfirmation.user_for(token)
    if user is None:
        return render(request, "accounts/confirm_invalid.html", status=400)
    newly = services.confirm_email(user=user)
    return render(request, "accounts/confirm_done.html", {"newly_confirmed": newly})


def confirm_pending_view(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    if request.user.email_verified:
        return redirect("core:home")
    if request.method == "POST":
        services.send_confirmation(user=request.user)
        messages.success(request, _("A new confirmation link is on its way."))
        return redirect("accounts:confirm-pending")
    return render(request, "accounts/confirm_pending.html")


def reauth_view(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    user = signed_in_user(request)
    form = ReauthForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ip = client_ip(request)
        lock = lockout.current_lock(email=user.email, ip=ip)
        code = form.cleaned_data["code"]
        if lock is not None:
            form.add_error(None, _locked_error(lock))
        elif not user.check_password(form.cleaned_data["password"]):
            lockout.record_failure(email=user.email, ip=ip)
            form.add_error("password", _error("auth.invalid"))
        elif user.has_totp and not (
            otp.verify_totp(user=user, code=code)
            or otp.use_recovery_code(user=user, code=code)
        ):
            lockout.record_failure(email=user.email, ip=ip)
            form.add_error("code", _error("auth.otp_invalid"))
        else:
            services.stamp_authentication(request)
            return redirect(safe_next(request, reverse("accounts:profile")))
    return render(
        request,
        "accounts/reauth.html",
        {"form": form, "next": safe_next(request, ""), "has_totp": user.has_totp},
    )


@verified_login_required
def profile_view(request: AuthedRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        response = redirect("accounts:profile")
        response.set_cookie(
            "django_language", form.cleaned_data["language"], samesite="Lax"
        )
        messages.success(request, _("Your profile is saved."))
        return response
    return render(request, "accounts/profile.html", {"form": form})


@verified_login_required
def security_view(request: AuthedRequest) -> HttpResponse:
    user = request.user
    codes = request.session.pop(RECOVERY_SHOWN, None)
    n_left = user.recovery_codes.filter(used_at__isnull=True).count()
    return render(
        request,
        "accounts/security.html",
        {"has_totp": user.has_totp, "recovery_codes": codes, "n_recovery_left": n_left},
    )


@verified_login_required
@reauth_required
def totp_enrol_view(request: AuthedRequest) -> HttpResponse:
    user = request.user
    if user.has_totp:  # opening the page again must not replace the working device
        return redirect("accounts:security")
    form = TotpConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if otp.verify_totp(user=user, code=form.cleaned_data["code"]):
            request.session[RECOVERY_SHOWN] = otp.new_recovery_codes(user=user)
            services.audit_security(user=user, action="auth.2fa_enabled")
            messages.success(request, _("Two-factor authentication is on."))
            return redirect("accounts:security")
        form.add_error("code", _error("auth.otp_invalid"))
    device = TotpDevice.objects.filter(user=user).first()
    if request.method == "POST" and device is not None:
        secret = otp.decrypt_secret(device)  # the same secret until she confirms it
    else:
        secret = otp.start_enrolment(user=user)
    uri = otp.provisioning_uri(user, secret)
    return render(
        request,
        "accounts/totp_enrol.html",
        {
            "form": form,
            "secret": secret,
            "qr_svg": otp.qr_svg(uri),
            "next": request.GET.get("next", ""),
        },
    )


@require_POST
@verified_login_required
@reauth_required
def totp_disable_view(request: AuthedRequest) -> HttpResponse:
    user = request.user
    otp.disable(user=user)
    services.audit_security(user=user, action="auth.2fa_disabled")
    messages.success(request, _("Two-factor authentication is off."))
    return redirect("accounts:security")


@require_POST
@verified_login_required
@reauth_required
def recovery_codes_view(request: AuthedRequest) -> HttpResponse:
    user = request.user
    if user.has_totp:
        request.session[RECOVERY_SHOWN] = otp.new_recovery_codes(user=user)
        services.audit_security(user=user, action="auth.recovery_codes_renewed")
    return redirect("accounts:security")


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:security")

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        response = super().form_valid(form)
        user = signed_in_user(self.request)
        services.audit_security(user=user, action="auth.password_changed")
        messages.success(self.request, _("Your password is changed."))
        return response


password_change_view = verified_login_required(
    reauth_required(PasswordChangeView.as_view())
)

password_reset_view = auth_views.PasswordResetView.as_view(
    template_name="accounts/password_reset.html",
    form_class=OutboxPasswordResetForm,
    success_url=reverse_lazy("accounts:password-reset-done"),
)
password_reset_done_view = auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/password_reset_done.html"
)
password_reset_confirm_view = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html",
    success_url=reverse_lazy("accounts:password-reset-complete"),
)
password_reset_complete_view = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)
