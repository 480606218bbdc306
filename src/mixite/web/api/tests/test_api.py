"""The JSON API foundation: tokens, scopes, problem details, OpenAPI (platform §15)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

import pytest
import time_machine
from django.contrib.staticfiles import finders
from django.db import connection
from django.http import Http404, HttpRequest
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from ninja import Router
from ninja.testing import TestClient
from openapi_spec_validator import validate

from mixite.web.accounts.models import ApiToken, User
from mixite.web.accounts.tokens import authenticate_token, create_token, revoke_token
from mixite.web.api.base import MixiteAPI
from mixite.web.api.schemas import InputSchema
from mixite.web.audit.models import AuditEntry
from mixite.web.conftest import signed_in_client
from mixite.web.core.errors import DomainError, message_for
from mixite.web.core.tests.factories import (
    NetworkFactory,
    NetworkRoleFactory,
    OrganisationFactory,
    OrgRoleFactory,
    UserFactory,
    make_child,
)

if TYPE_CHECKING:
    from mixite.web.networks.models import NetworkNode
    from mixite.web.orgs.models import Organisation

ME = "/api/v1/me"
TOKENS = "/me/tokens/"
PROBLEM_KEYS = {
    "type",
    "title",
    "status",
    "code",
    "detail",
    "instance",
    "request_id",
    "errors",
}
T0 = dt.datetime(2026, 3, 12, 10, 0, 30, tzinfo=dt.UTC)


def make_user(**fields: Any) -> User:
    user: User = UserFactory.create(**fields)  # factory_boy is untyped
    return user


def make_org(**fields: Any) -> Organisation:
    org: Organisation = OrganisationFactory.create(**fields)
    return org


def grant(user: User, role: str, org: Organisation | None = None) -> None:
    OrgRoleFactory.create(user=user, role=role, organisation=org or make_org())


def make_network(slug: str) -> NetworkNode:
    network: NetworkNode = NetworkFactory.create(slug=slug)
    return network


def bearer(raw: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {raw}"}


def call_me(raw: str) -> Any:
    return Client().get(ME, headers=bearer(raw))


def new_token(user: User, scopes: list[str] | None = None, days: int = 90) -> str:
    _token, raw = create_token(
        user=user, name="Script", scopes=scopes or ["profile:read"], days=days
    )
    return raw


def assert_problem(response: Any, *, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert set(body) == PROBLEM_KEYS
    assert body["status"] == status
    assert body["code"] == code
    assert body["type"] == f"urn:mixite:problem:{code}"
    return body


# API-01 -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_api01_token_is_shown_once_and_the_list_shows_only_its_prefix() -> None:
    user = make_user()
    client = signed_in_client(user)
    form = {
        "name": "Tableur RH",
        "scopes": ["profile:read", "events:read"],
        "days": "30",
    }

    response = client.post(TOKENS, form)

    assert response.status_code == 302
    assert response["Location"] == TOKENS
    page = client.get(TOKENS).content.decode()
    shown = re.search(r'id="new-token">(mxt_[A-Z2-7]{40})<', page)
    assert shown is not None
    raw = shown.group(1)
    token = ApiToken.objects.get(user=user)
    assert token.prefix == raw[:8]
    assert token.scopes == ["profile:read", "events:read"]
    assert token.expires_at - token.created_at == dt.timedelta(days=30)
    again = client.get(TOKENS).content.decode()
    assert raw not in again
    assert f"{raw[:8]}…" in again
    assert call_me(raw).status_code == 200


@pytest.mark.django_db
def test_api01_only_the_hash_and_the_prefix_are_stored() -> None:
    user = make_user()
    token, raw = create_token(user=user, name="CI", scopes=["profile:read"], days=90)

    token.refresh_from_db()
    assert re.fullmatch(r"mxt_[A-Z2-7]{40}", raw)
    assert token.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    stored = [
        str(value)
        for value in ApiToken.objects.filter(uuid=token.uuid).values().get().values()
    ]
    assert raw not in stored
    assert all(raw[8:] not in value for value in stored)


@pytest.mark.django_db
def test_api01_revoked_token_answers_401_token_invalid() -> None:
    user = make_user()
    token, raw = create_token(user=user, name="CI", scopes=["profile:read"], days=90)
    assert call_me(raw).status_code == 200

    revoke_token(token=token, by=user)

    assert_problem(call_me(raw), status=401, code="api.token_invalid")


@pytest.mark.django_db
def test_api01_expired_token_answers_401_token_expired() -> None:
    user = make_user()
    with time_machine.travel(T0, tick=False):
        raw = new_token(user, days=1)
        assert call_me(raw).status_code == 200
    with time_machine.travel(T0 + dt.timedelta(days=1, seconds=1), tick=False):
        assert_problem(call_me(raw), status=401, code="api.token_expired")


@pytest.mark.django_db
def test_api01_missing_or_unknown_token_answers_401() -> None:
    response = Client().get(ME)
    body = assert_problem(response, status=401, code="api.token_invalid")
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert body["instance"] == ME
    assert_problem(call_me("mxt_" + "A" * 40), status=401, code="api.token_invalid")
    assert_problem(call_me("not-a-token"), status=401, code="api.token_invalid")


@pytest.mark.django_db
def test_token_creation_and_revocation_are_audited_without_personal_data() -> None:
    user = make_user()
    token, _raw = create_token(
        user=user, name="Secret name", scopes=["profile:read"], days=9
    )
    revoke_token(token=token, by=user)
    revoke_token(token=token, by=user)  # a second revocation changes nothing

    entries = AuditEntry.objects.filter(tenant="instance", object=f"token:{token.uuid}")
    assert [e.action for e in entries.order_by("seq")] == [
        "api.token_created",
        "api.token_revoked",
    ]
    for entry in entries:
        assert entry.actor == f"user:{user.uuid}"
        assert entry.data == {"scopes": ["profile:read"]}


@pytest.mark.django_db
def test_token_expiry_is_between_1_and_365_days() -> None:
    user = make_user()
    for days in (0, 366):
        with pytest.raises(DomainError) as refused:
            create_token(user=user, name="x", scopes=["profile:read"], days=days)
        assert refused.value.code == "api.token_expiry_invalid"
    with pytest.raises(DomainError) as unknown:
        create_token(user=user, name="x", scopes=["everything"], days=9)
    assert unknown.value.code == "api.scope_unknown"
    token, _raw = create_token(user=user, name="x", scopes=["profile:read"])
    assert token.expires_at - token.created_at == dt.timedelta(days=90)


# API-02 -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_api02_token_without_the_scope_answers_403_scope_missing() -> None:
    user = make_user(language="en")
    raw = new_token(user, scopes=["events:read"])

    response = call_me(raw)

    body = assert_problem(response, status=403, code="api.scope_missing")
    assert body["detail"] == "The API token lacks the scope this operation needs."
    assert response["Content-Language"] == "en"


@pytest.mark.django_db
def test_api02_analyst_nowhere_cannot_create_an_analyst_token() -> None:
    user = make_user()
    grant(user, "owner")

    with pytest.raises(DomainError) as refused:
        create_token(user=user, name="x", scopes=["diagnostics:analyst"], days=30)

    assert refused.value.code == "api.scope_not_allowed"
    assert not ApiToken.objects.filter(user=user).exists()
    grant(user, "analyst")
    token, _raw = create_token(
        user=user, name="x", scopes=["diagnostics:analyst"], days=30
    )
    assert token.scopes == ["diagnostics:analyst"]


@pytest.mark.django_db
def test_api02_the_token_page_refuses_the_analyst_scope_to_a_non_analyst() -> None:
    user = make_user(language="en")
    client = signed_in_client(user)

    response = client.post(
        TOKENS, {"name": "x", "scopes": ["diagnostics:analyst"], "days": "90"}
    )

    assert response.status_code == 200
    assert "You cannot grant this scope" in response.content.decode()
    assert not ApiToken.objects.filter(user=user).exists()


# Use, /me -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_last_used_at_is_recorded_to_the_minute_and_written_once_a_minute() -> None:
    user = make_user()
    raw = new_token(user)
    with time_machine.travel(T0, tick=False):
        assert call_me(raw).status_code == 200
    token = ApiToken.objects.get(user=user)
    assert token.last_used_at == T0.replace(second=0)

    later = T0 + dt.timedelta(seconds=20)
    with (
        time_machine.travel(later, tick=False),
        CaptureQueriesContext(connection) as queries,
    ):
        authenticate_token(raw, later)
    assert not [q for q in queries if q["sql"].startswith("UPDATE")]

    with time_machine.travel(T0 + dt.timedelta(seconds=40), tick=False):
        assert call_me(raw).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at == T0.replace(minute=1, second=0)


@pytest.mark.django_db
def test_me_gives_the_user_and_her_roles() -> None:
    user = make_user(language="en", display_name="Awa")
    org = make_org(slug="acme", name="Acme")
    grant(user, "owner", org)
    grant(user, "analyst", org)
    network = make_network("elles")
    chapter = make_child(network, slug="lyon")
    NetworkRoleFactory.create(user=user, node=network, role="member")
    NetworkRoleFactory.create(user=user, node=chapter, role="chapter_coordinator")
    grant(make_user(), "owner", org)  # someone else's role

    response = call_me(new_token(user))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {
        "uuid": str(user.uuid),
        "email": user.email,
        "display_name": "Awa",
        "language": "en",
        "organisations": [
            {
                "uuid": str(org.uuid),
                "slug": "acme",
                "name": "Acme",
                "roles": ["analyst", "owner"],
            }
        ],
        "network_roles": [
            {"node": "elles", "network": "elles", "role": "member"},
            {"node": "lyon", "network": "elles", "role": "chapter_coordinator"},
        ],
    }


@pytest.mark.django_db
def test_me_ignores_the_session_of_the_browser() -> None:
    client = signed_in_client(make_user())

    assert_problem(client.get(ME), status=401, code="api.token_invalid")


# Problem details (I-4) ----------------------------------------------------------------


@pytest.mark.sqlite
@pytest.mark.django_db
def test_problem_details_shape_and_content_type() -> None:
    user = make_user(language="fr")
    raw = new_token(user, scopes=["events:read"])

    response = Client().get(ME, headers={**bearer(raw), "Accept-Language": "en"})

    body = assert_problem(response, status=403, code="api.scope_missing")
    assert body["instance"] == ME
    assert body["request_id"] == response["X-Request-Id"]
    assert body["errors"] == []
    assert body["title"]
    with translation.override("fr"):  # the token owner's language, not the browser's
        assert body["detail"] == message_for("api.scope_missing")
    assert response["Content-Language"] == "fr"


@pytest.mark.django_db
def test_unknown_address_under_the_api_is_a_problem_404() -> None:
    body = assert_problem(
        Client().get("/api/v1/nothing/here"), status=404, code="api.not_found"
    )
    assert body["instance"] == "/api/v1/nothing/here"
    assert_problem(Client().get("/api/v1/"), status=404, code="api.not_found")


@pytest.mark.django_db
def test_wrong_method_is_a_problem_405() -> None:
    response = Client().post(ME)

    assert_problem(response, status=405, code="api.method_not_allowed")
    assert response["Allow"] == "GET"


class ThingIn(InputSchema):
    name: str
    capacity: int


probe = Router()


@probe.post(
    "/things", response={200: dict[str, str]}, operation_id="makeThing", summary="x"
)
def make_thing(request: HttpRequest, payload: ThingIn) -> dict[str, str]:
    if payload.name == "missing":
        raise Http404
    if payload.name == "refused":
        raise DomainError("permission.denied")
    return {"name": payload.name}


probe_api = MixiteAPI(title="probe", version="probe", urls_namespace="api-probe")
probe_api.add_router("", probe)


def test_validation_errors_answer_422_with_pointers() -> None:
    response = TestClient(probe_api).post(
        "/things", json={"capacity": "many", "colour": "red"}
    )

    body = assert_problem(response, status=422, code="api.validation")
    errors = {error["pointer"]: error for error in body["errors"]}
    assert errors["/capacity"]["code"] == "api.field_invalid"
    assert errors["/name"]["code"] == "api.field_required"
    assert errors["/colour"]["code"] == "api.unknown_field"
    assert all(error["message"] for error in body["errors"])


def test_unknown_field_alone_answers_api_unknown_field() -> None:
    client = TestClient(probe_api)

    response = client.post(
        "/things", json={"name": "a", "capacity": 3, "colour": "red"}
    )

    assert_problem(response, status=422, code="api.unknown_field")


def test_malformed_json_answers_400() -> None:
    response = TestClient(probe_api).post("/things", body='{"name": ')

    assert_problem(response, status=400, code="api.malformed_json")


def test_not_found_and_domain_errors_become_problems() -> None:
    client = TestClient(probe_api)

    missing = client.post("/things", json={"name": "missing", "capacity": 1})
    refused = client.post("/things", json={"name": "refused", "capacity": 1})

    assert_problem(missing, status=404, code="api.not_found")
    assert_problem(refused, status=403, code="permission.denied")


# OpenAPI and documentation (API-04) ---------------------------------------------------


@pytest.mark.sqlite
@pytest.mark.django_db
def test_openapi_document_validates_and_documents_every_operation() -> None:
    response = Client().get("/api/v1/openapi.json")

    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.1")
    validate(document)
    operations = [op for item in document["paths"].values() for op in item.values()]
    assert operations
    for operation in operations:
        assert operation["operationId"]
        assert operation["summary"]
        assert "200" in operation["responses"]
        for status, answer in operation["responses"].items():
            if int(status) >= 400:
                assert list(answer["content"]) == ["application/problem+json"]
    me = document["paths"][ME]["get"]
    assert me["security"] == [{"ApiToken": ["profile:read"]}]
    assert {"401", "403"} <= set(me["responses"])


class AssetParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.assets: list[str] = []
        self.inline_scripts: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        self.assets += [
            value for key, value in attrs if key in {"src", "href"} and value
        ]
        if tag == "script" and "src" not in named:
            self.inline_scripts.append(named)


@pytest.mark.django_db
def test_docs_page_loads_only_local_assets_under_the_csp() -> None:
    response = Client().get("/api/v1/docs")

    assert response.status_code == 200
    parser = AssetParser()
    parser.feed(response.content.decode())
    assert parser.assets
    assert all(asset.startswith("/static/") for asset in parser.assets)
    for asset in parser.assets:
        assert finders.find(asset.removeprefix("/static/")), asset
    # the one inline <script> is a JSON data block, which the CSP does not execute
    assert all(
        script.get("type") == "application/json" for script in parser.inline_scripts
    )
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


# The web page -------------------------------------------------------------------------


@pytest.mark.django_db
def test_token_page_requires_a_recent_authentication() -> None:
    user = make_user()
    client = signed_in_client(user)
    session = client.session
    session["mixite_authenticated_at"] = (
        dt.datetime.now(tz=dt.UTC) - dt.timedelta(minutes=16)
    ).timestamp()
    session.save()

    page = client.get(TOKENS)
    post = client.post(TOKENS, {"name": "x", "scopes": ["profile:read"], "days": "9"})

    assert page.status_code == 302
    assert page["Location"].startswith("/reauth/?next=")
    assert post.status_code == 302
    assert post["Location"].startswith("/reauth/")
    assert not ApiToken.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_token_page_sends_signed_out_visitors_to_sign_in() -> None:
    response = Client().get(TOKENS)

    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


@pytest.mark.django_db
def test_revoking_from_the_page_stops_the_token() -> None:
    user = make_user()
    token, raw = create_token(user=user, name="CI", scopes=["profile:read"], days=9)
    client = signed_in_client(user)

    response = client.post(f"/me/tokens/{token.uuid}/revoke/")

    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert_problem(call_me(raw), status=401, code="api.token_invalid")
    assert client.get(f"/me/tokens/{token.uuid}/revoke/").status_code == 405


@pytest.mark.django_db
def test_revoking_another_users_token_answers_404() -> None:
    owner = make_user()
    token, raw = create_token(user=owner, name="CI", scopes=["profile:read"], days=9)
    intruder = signed_in_client(make_user())

    response = intruder.post(f"/me/tokens/{token.uuid}/revoke/")

    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert call_me(raw).status_code == 200


@pytest.mark.django_db
def test_profile_links_to_the_token_page() -> None:
    client = signed_in_client(make_user())

    assert 'href="/me/tokens/"' in client.get("/me/").content.decode()


@pytest.mark.django_db
def test_API_05_rate_limit_per_rolling_minute() -> None:
    raw = new_token(make_user())
    client = Client()
    with time_machine.travel(T0, tick=False) as clock:
        for _ in range(60):
            assert client.get(ME, headers=bearer(raw)).status_code == 200
        clock.shift(dt.timedelta(seconds=30))
        for _ in range(60):
            assert client.get(ME, headers=bearer(raw)).status_code == 200
        refused = client.get(ME, headers=bearer(raw))  # the 121st within a minute
        assert_problem(refused, status=429, code="api.rate_limited")
        assert (
            refused["Retry-After"] == "30"
        )  # the first 60 calls leave the window then
        clock.shift(dt.timedelta(seconds=30))  # the refused call was not counted
        assert client.get(ME, headers=bearer(raw)).status_code == 200
    other = new_token(make_user())  # limits are per token
    with time_machine.travel(T0 + dt.timedelta(seconds=31), tick=False):
        assert client.get(ME, headers=bearer(other)).status_code == 200


@pytest.mark.django_db
def test_rate_limit_per_rolling_day_and_nightly_forgetting() -> None:
    from mixite.web.accounts.models import ApiTokenUse  # noqa: PLC0415
    from mixite.web.accounts.tokens import forget_old_calls  # noqa: PLC0415

    user = make_user()
    token, raw = create_token(user=user, name="Batch", scopes=["profile:read"])
    ApiTokenUse.objects.create(
        token=token, second=T0 - dt.timedelta(hours=23), n_calls=10_000
    )
    with time_machine.travel(T0, tick=False):
        body = assert_problem(call_me(raw), status=429, code="api.rate_limited")
        assert body["detail"]
    with time_machine.travel(T0 + dt.timedelta(hours=1, seconds=1), tick=False):
        assert call_me(raw).status_code == 200
    assert forget_old_calls(T0 + dt.timedelta(days=2)) == 2
