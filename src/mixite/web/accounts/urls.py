from django.urls import path

from mixite.web.accounts import token_views, views

app_name = "accounts"

urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("login/otp/", views.login_otp_view, name="login-otp"),
    path("logout/", views.logout_view, name="logout"),
    path("signup/", views.signup_view, name="signup"),
    path("confirm/", views.confirm_pending_view, name="confirm-pending"),
    path("confirm/<str:token>/", views.confirm_email_view, name="confirm-email"),
    path("reauth/", views.reauth_view, name="reauth"),
    path("me/", views.profile_view, name="profile"),
    path("me/security/", views.security_view, name="security"),
    path("me/security/totp/", views.totp_enrol_view, name="totp-enrol"),
    path("me/security/totp/disable/", views.totp_disable_view, name="totp-disable"),
    path(
        "me/security/recovery-codes/", views.recovery_codes_view, name="recovery-codes"
    ),
    path("me/security/password/", views.password_change_view, name="password-change"),
    path("me/tokens/", token_views.tokens_view, name="tokens"),
    path(
        "me/tokens/<uuid:token>/revoke/",
        token_views.token_revoke_view,
        name="token-revoke",
    ),
    path("password/reset/", views.password_reset_view, name="password-reset"),
    path(
        "password/reset/sent/",
        views.password_reset_done_view,
        name="password-reset-done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        views.password_reset_confirm_view,
        name="password-reset-confirm",
    ),
    path(
        "password/reset/done/",
        views.password_reset_complete_view,
        name="password-reset-complete",
    ),
]
