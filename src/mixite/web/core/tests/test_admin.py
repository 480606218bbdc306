"""The instance administrator's Django admin: UUIDs in addresses, changes audited."""

from __future__ import annotations

import pytest

from mixite.web.audit.models import AuditEntry
from mixite.web.conftest import signed_in_client
from mixite.web.core.tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_admin_change_is_audited_and_addressed_by_uuid() -> None:
    admin_user = UserFactory.create(is_staff=True, is_superuser=True)
    org = OrganisationFactory.create(name="Avant")
    client = signed_in_client(admin_user)
    url = f"/admin/orgs/organisation/{org.uuid}/change/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "slug": org.slug,
            "name": "Après",
            "kind": "company",
            "require_2fa_for": "[]",
            "employee_data_retention_years": 3,
            "created_at_0": "2026-01-01",
            "created_at_1": "10:00:00",
            "roles-TOTAL_FORMS": 0,
            "roles-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    org.refresh_from_db()
    assert org.name == "Après"
    entry = AuditEntry.objects.get(action="admin.changed")
    assert entry.tenant == "instance"
    assert entry.object == f"orgs.organisation:{org.uuid}"
    assert entry.actor == f"user:{admin_user.uuid}"


def test_admin_is_closed_to_platform_users() -> None:
    response = signed_in_client(UserFactory.create()).get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
