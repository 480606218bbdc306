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
