"""``make run``: production settings but for what plain HTTP on loopback forbids.

No HTTPS redirect, no HSTS, no ``Secure`` cookie flag; mail is written to files in the data
directory; the secrets are generated once into the data directory (platform.md I-1).
"""

from __future__ import annotations

from mixite.web.settings.base import *  # noqa: F403
from mixite.web.settings.base import (
    DATA_DIR,
    encryption_key_for_dev,
    generated_secret_key,
    secret_from_data_dir,
)

SECRET_KEY = secret_from_data_dir("secret_key", generated_secret_key())
MIXITE_ENCRYPTION_KEY = secret_from_data_dir("encryption_key", encryption_key_for_dev())

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = DATA_DIR / "mail"
