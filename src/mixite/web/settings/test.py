"""The test suite: the local profile with a fast password hasher and a test data folder."""

from __future__ import annotations

from mixite.web.settings.local import *  # noqa: F403

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher"
]  # speed; tests only
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
WHITENOISE_AUTOREFRESH = True  # serve from the finders; no collectstatic before tests
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
