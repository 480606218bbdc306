"""ACC-11, ACC-12 and platform §0.1: another tenant's object always answers 404."""

from __future__ import annotations

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import override_settings
from django.urls import include, path

from mixite.web.core.tests.isolation import build_world, isolation_failures, walk
from mixite.web.orgs.models import Organisation

pytestmark = pytest.mark.django_db


def test_ACC_11_every_route_answers_404_for_another_tenant() -> None:
    world = build_world()
    assert isolation_failures(world) == []


def test_matrix_walks_the_tenant_routes() -> None:
    names = {route.name for route in walk() if route.params}
    assert {"orgs:home", "orgs:people", "networks:chapter", "orgs:role-revoke"} <= names


def leaky_view(request: HttpRequest, org: str) -> HttpResponse:
    """Deliberately unscoped: any signed-in user reads any organisation's name."""
    return HttpResponse(Organisation.objects.get(slug=org).name)


urlpatterns = [
    path("", include("mixite.web.urls")),
    path("leaky/o/<slug:org>/", leaky_view, name="leaky"),
]


@override_settings(ROOT_URLCONF=__name__)
def test_negative_control_an_unscoped_view_is_caught() -> None:
    world = build_world()
    failures = isolation_failures(world)
    assert failures, "the matrix must catch the unscoped view"
    assert all("/leaky/o/tenant-b/" in failure for failure in failures)
    assert any("as org:owner: 200" in failure for failure in failures)


def test_no_integer_key_in_any_address() -> None:
    """Platform §0.2: UUIDs or slugs in URLs, never integer primary keys."""
    from django.apps import apps  # noqa: PLC0415

    assert [r.pattern for r in walk() if "<int:" in r.pattern] == []
    ours = [m for m in apps.get_models() if m.__module__.startswith("mixite.web")]
    admin_models = {
        m
        for m in ours
        if f"admin/{m._meta.app_label}/{m._meta.model_name}/"
        in {r.pattern.split("<")[0] for r in walk()}
    }
    # The admin addresses objects by primary key: ours are UUIDs (or not in the admin).
    assert admin_models
    assert [
        m for m in admin_models if m._meta.pk.get_internal_type() != "UUIDField"
    ] == []
