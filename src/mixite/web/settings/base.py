"""Settings shared by every profile. The profiles import this and adjust it."""

from __future__ import annotations

import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

from mixite.config import get_settings

CONFIG = get_settings()
DATA_DIR: Path = CONFIG.data_path
WEB_DIR = Path(__file__).resolve().parent.parent


def secret_from_data_dir(name: str, make: str) -> str:
    """A secret kept in the data directory, created on first use (local and test only)."""
    path = DATA_DIR / name
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(make, encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


DEBUG = False
ALLOWED_HOSTS = CONFIG.allowed_hosts
SITE_URL = CONFIG.site_url.rstrip("/")

INSTALLED_APPS = [
    "mixite.web.accounts",
    "mixite.web.orgs",
    "mixite.web.networks",
    "mixite.web.invitations",
    "mixite.web.audit",
    "mixite.web.outbox",
    "mixite.web.core",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "ninja",
]

MIDDLEWARE = [
    "mixite.web.core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "mixite.web.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "mixite.web.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "mixite.web.urls"
WSGI_APPLICATION = "mixite.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [WEB_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
                "mixite.web.core.context_processors.site",
            ],
        },
    },
]

if CONFIG.database_url:
    DATABASES = {"default": dj_database_url.parse(CONFIG.database_url, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "mixite.sqlite3"),
            # IMMEDIATE: a writer takes the lock at BEGIN, so concurrent writers wait
            # instead of failing with "database is locked" in the middle of a transaction.
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
        }
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Django's test database for SQLite is in memory; the [sqlite] scenarios want a file.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test-mixite.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["mixite.web.accounts.backends.EmailBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 3600 * 24  # seconds: one day to use the reset link

SESSION_COOKIE_AGE = 14 * 24 * 3600  # platform §1.3: 14 days without activity
SESSION_SAVE_EVERY_REQUEST = True  # the 14 days count from the last request
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [WEB_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "django_language"
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [WEB_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": DATA_DIR / "private"},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = False

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = CONFIG.smtp_host
EMAIL_PORT = CONFIG.smtp_port
EMAIL_HOST_USER = CONFIG.smtp_user
EMAIL_HOST_PASSWORD = CONFIG.smtp_password
EMAIL_USE_TLS = CONFIG.smtp_tls
DEFAULT_FROM_EMAIL = "Mixité <ne-pas-repondre@mixite.example>"
SERVER_EMAIL = DEFAULT_FROM_EMAIL

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

NINJA_PAGINATION_MAX_LIMIT = 200

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "mixite.web.core.middleware.RequestIdLogFilter"}},
    "formatters": {
        "plain": {
            "format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {"django.server": {"level": "WARNING"}},
}

# Platform settings (platform.md I-2 and §1).
MIXITE_DISCLOSURE_MIN = 3  # never below 3
MIXITE_LOGIN_LIMITS = {
    "email_failures": 5,  # §1.3: 5 failures for one e-mail within 15 minutes
    "ip_failures": 20,  # §1.3: 20 failures from one address within 15 minutes
    "window_minutes": 15,
    "lock_minutes": 15,
}
MIXITE_REAUTH_MINUTES = 15  # §1.3: sensitive actions want an authentication this recent
MIXITE_EMAIL_CONFIRM_HOURS = 48  # §1.3
MIXITE_INVITATION_DAYS = 7  # §1.4: configurable 1–30
MIXITE_TOKEN_DEFAULT_DAYS = 90  # §15.1
MIXITE_TOKEN_MAX_DAYS = 365
MIXITE_NOREPLY_EMAIL = "ne-pas-repondre@mixite.example"
MIXITE_ACCESSIBILITY = {
    "status": "partial",  # full, partial or none (RGAA 4.1 compliance status)
    "audit_date": None,
    "audit_method": "",
    "contact_email": "accessibilite@mixite.example",
}


def encryption_key_for_dev() -> str:
    from cryptography.fernet import Fernet  # noqa: PLC0415 - only where a key is generated

    return Fernet.generate_key().decode()


def generated_secret_key() -> str:
    return secrets.token_urlsafe(50)


CSRF_FAILURE_VIEW = "mixite.web.core.views.csrf_failure_view"
