"""Production: strict. Secrets come from the environment; HTTPS everywhere."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from mixite.web.settings.base import *  # noqa: F403
from mixite.web.settings.base import CONFIG

if not CONFIG.secret_key or not CONFIG.encryption_key:
    raise ImproperlyConfigured(
        "Set MIXITE_SECRET_KEY and MIXITE_ENCRYPTION_KEY for the production settings."
    )
SECRET_KEY = CONFIG.secret_key
MIXITE_ENCRYPTION_KEY = CONFIG.encryption_key

SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31_536_000  # one year
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
