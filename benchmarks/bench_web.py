"""Sign-in page and dashboard home against Django's own LoginView (platform.md §1.6).

Target: p95 server time < 200 ms; the baseline is Django's ``LoginView`` served in the
same process, by the same settings, middleware stack, database and test client.

The setup runs once for the two benchmarks: the local settings profile (what
``make run`` serves) with ``MIXITE_DATA_DIR`` in a fresh temporary directory and SQLite
there, so that the benchmark never touches ``./var`` or a configured PostgreSQL; then
``migrate``, ``collectstatic`` (the manifest storage needs it for ``{% static %}``),
the demo data (``load_demo``; without it, a verified member of one organisation and one
network) and a session for the account whose dashboard shows the most cards.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mixite.cli.bench import Benchmark

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse, HttpResponseBase
    from django.test import Client
    from django.urls import URLPattern

    from mixite.web.accounts.models import User

SETTINGS = "mixite.web.settings.local"
HOST = "127.0.0.1"  # in the default MIXITE_ALLOWED_HOSTS
TARGET_P95_MS = 200.0  # platform.md §1.6
BACKEND = "mixite.web.accounts.backends.EmailBackend"
PASSWORD = "benchmark-horse-battery"  # noqa: S105 - a throwaway account in a temp database

# A minimal page for Django's LoginView: the form and its CSRF token, no site chrome.
BASELINE_TEMPLATE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Log in</title></head>
<body><form method="post">{% csrf_token %}{{ form }}
<input type="hidden" name="next" value="{{ next }}">
<button type="submit">Log in</button></form></body></html>
"""

# This module is also the baseline's URLconf, filled in by the setup (after Django's).
urlpatterns: list[URLPattern] = []


@dataclass(frozen=True, slots=True)
class _Web:
    data_dir: Path
    visitor: Client  # anonymous, the platform's URLs
    member: Client  # signed in as the verified user, the platform's URLs
    baseline: Client  # anonymous, this module's URLconf: Django's LoginView only


@functools.cache
def _web() -> _Web:
    data_dir = Path(tempfile.mkdtemp(prefix="mixite-bench-"))
    try:
        return _prepare(data_dir)
    except BaseException:
        # a failed setup leaves nothing behind
        shutil.rmtree(data_dir, ignore_errors=True)
        raise


def _prepare(data_dir: Path) -> _Web:
    _start_django(data_dir)
    from django.core.management import call_command  # noqa: PLC0415 - after django.setup()

    call_command("migrate", interactive=False, verbosity=0)
    _collect_static()
    urlpatterns[:] = _baseline_urlpatterns()
    member = _client()
    member.force_login(_dashboard_user(), backend=BACKEND)
    return _Web(
        data_dir=data_dir, visitor=_client(), member=member, baseline=_baseline_client()
    )


def _start_django(data_dir: Path) -> None:
    from django.conf import settings  # noqa: PLC0415 - Django is loaded by the setup only

    if settings.configured:
        raise RuntimeError(
            "Django is already configured in this process: run `mixite bench`."
        )
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
    os.environ["MIXITE_DATA_DIR"] = str(data_dir)
    # SQLite in the data directory, as make run: never a configured PostgreSQL
    os.environ.pop("MIXITE_DATABASE_URL", None)
    import django  # noqa: PLC0415

    django.setup()
    database = Path(settings.DATABASES["default"]["NAME"])
    if not database.is_relative_to(data_dir):  # settings read before this setup
        raise RuntimeError(
            f"The benchmark database would be {database}, outside {data_dir}."
        )


def _collect_static() -> None:
    """``collectstatic`` into the data directory, as ``mixite serve`` does."""
    from django.core.management import call_command  # noqa: PLC0415

    call_command("collectstatic", interactive=False, verbosity=0)


def _baseline_urlpatterns() -> list[URLPattern]:
    from django.contrib.auth.views import LoginView  # noqa: PLC0415 - needs the app registry
    from django.template import engines  # noqa: PLC0415
    from django.template.response import TemplateResponse  # noqa: PLC0415
    from django.urls import path  # noqa: PLC0415

    template = engines["django"].from_string(BASELINE_TEMPLATE)

    class DjangoLoginView(LoginView):
        """Django's LoginView, unchanged but for rendering a template kept in memory."""

        def render_to_response(
            self, context: dict[str, Any], **kwargs: Any
        ) -> HttpResponse:
            return TemplateResponse(self.request, template, context, **kwargs)

    return [path("login/", DjangoLoginView.as_view(), name="login")]


def _client() -> Client:
    from django.test import Client  # noqa: PLC0415

    return Client(SERVER_NAME=HOST, HTTP_HOST=HOST)


def _baseline_client() -> Client:
    """A client whose requests resolve against this module's URLconf.

    ``request.urlconf`` is Django's documented per-request URLconf (normally set by a
    middleware): everything else — settings, the platform's whole middleware stack,
    database, sessions — stays the platform's, with no ``override_settings`` to toggle
    between the interleaved calls.
    """
    from django.test.client import ClientHandler  # noqa: PLC0415

    class BaselineHandler(ClientHandler):
        def get_response(self, request: HttpRequest) -> HttpResponseBase:
            request.urlconf = __name__  # type: ignore[attr-defined] # absent from the stubs
            return super().get_response(request)

    client = _client()
    client.handler = BaselineHandler()
    return client


def _dashboard_user() -> User:
    """The demo account with the most organisations and networks, else our own member.

    Platform §1.6 measures with the demo data: ``load_demo`` runs when it exists.
    """
    from django.core.management import call_command, get_commands  # noqa: PLC0415

    from mixite.web.accounts.models import User  # noqa: PLC0415
    from mixite.web.networks.selectors import networks_for_user  # noqa: PLC0415
    from mixite.web.orgs.selectors import orgs_for_user  # noqa: PLC0415

    if "load_demo" not in get_commands():
        return _verified_member()
    call_command("load_demo", force=True, stdout=io.StringIO())

    def n_spaces(user: User) -> int:
        return len(orgs_for_user(user=user)) + len(networks_for_user(user=user))

    verified = User.objects.filter(email_verified_at__isnull=False, is_staff=False)
    return max(verified.order_by("email"), key=n_spaces)


def _verified_member() -> User:
    from django.utils import timezone  # noqa: PLC0415

    from mixite.web.accounts.models import User  # noqa: PLC0415
    from mixite.web.networks import models as networks  # noqa: PLC0415
    from mixite.web.orgs.models import Organisation, OrgKind  # noqa: PLC0415
    from mixite.web.orgs.services import grant_role  # noqa: PLC0415

    now = timezone.now()
    user = User.objects.create_user(
        "camille.martin@example.org",
        PASSWORD,
        display_name="Camille Martin",
        email_verified_at=now,
    )
    org = Organisation.objects.create(
        slug="atelier", name="Atelier Dupont", kind=OrgKind.COMPANY
    )
    grant_role(org=org, user=user, role="owner", by=None)
    network = networks.NetworkNode.objects.create(
        slug="elles-bougent",
        name="Elles entreprennent",
        kind=networks.NodeKind.NETWORK,
        visibility=networks.Visibility.MEMBERS,
        depth=1,
    )
    networks.Membership.objects.create(
        user=user,
        network=network,
        status=networks.MembershipStatus.ACTIVE,
        joined_at=now - dt.timedelta(days=30),
    )
    return user


def _get_ok(client: Client, url: str) -> None:
    """GET ``url``; anything but 200 (a redirect, an error) means the wrong page."""
    response = client.get(url)
    if response.status_code != 200:  # noqa: PLR2004 - HTTP OK
        raise RuntimeError(f"GET {url} answered {response.status_code}, expected 200.")


def login_page() -> None:
    _get_ok(_web().visitor, "/login/")


def dashboard() -> None:
    _get_ok(_web().member, "/")


def django_login() -> None:
    _get_ok(_web().baseline, "/login/")


def setup() -> None:
    _web()


def teardown() -> None:
    """Close the database and remove the temporary data directory (runner hook)."""
    if _web.cache_info().currsize == 0:
        return  # nothing was set up
    from django.db import connections  # noqa: PLC0415

    connections.close_all()
    shutil.rmtree(_web().data_dir, ignore_errors=True)


BASELINE = (
    "GET /login/ served by django.contrib.auth.views.LoginView with a minimal template"
)

BENCHMARKS = [
    Benchmark(
        name="web.login_page",
        about="GET /login/, the platform's sign-in page, anonymous visitor",
        source="platform.md §1.6",
        setup=setup,
        candidate=login_page,
        baseline=django_login,
        baseline_about=BASELINE,
        max_p95_ms=TARGET_P95_MS,
    ),
    Benchmark(
        name="web.dashboard_home",
        about="GET /, the dashboard home, signed in as the demo account with the "
        "most organisations and networks (without the demo: a verified member of one "
        "organisation and one network)",
        source="platform.md §1.6",
        setup=setup,
        candidate=dashboard,
        baseline=django_login,
        baseline_about=BASELINE,
        max_p95_ms=TARGET_P95_MS,
    ),
]
