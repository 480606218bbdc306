"""Invitations by e-mail (platform §1.4, ACC-06, ACC-07, ACC-08)."""

from __future__ import annotations

import datetime as dt
import re
import threading
from typing import TYPE_CHECKING

import pytest
from django.db import connection
from django.test import Client

from mixite.web.accounts.models import User
from mixite.web.audit.models import AuditEntry
from mixite.web.audit.services import verify_chain
from mixite.web.conftest import signed_in_client
from mixite.web.core.errors import DomainError
from mixite.web.core.tests.factories import (
    MembershipFactory,
    NetworkFactory,
    OrgRoleFactory,
    UserFactory,
    make_child,
)
from mixite.web.invitations import services
from mixite.web.invitations.models import Invitation
from mixite.web.networks.models import Membership, MembershipStatus, NetworkRole
from mixite.web.orgs.models import OrgRole
from mixite.web.outbox.models import OutboxMail

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response
    from time_machine import TimeMachineFixture

    from mixite.web.orgs.models import Organisation

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
INVITEE = "nouvelle.analyste@valmont.example"
NEW_PASSWORD = "bleu-lavande-2"


@pytest.fixture
def owner_role(db: None) -> OrgRole:
    role: OrgRole = OrgRoleFactory.create(
        role="owner",
        organisation__slug="valmont",
        organisation__name="Transports Valmont",
    )
    return role


def invite_through_page(owner_role: OrgRole, email: str = INVITEE) -> str:
    """The owner invites from the people page; returns the token read from the mail."""
    org = owner_role.organisation
    response = signed_in_client(owner_role.user).post(
        f"/o/{org.slug}/people/", {"email": email, "roles": ["analyst"]}
    )
    assert response["Location"] == f"/o/{org.slug}/people/"
    return token_in_latest_mail(email)


def token_in_latest_mail(email: str) -> str:
    body = OutboxMail.objects.filter(to__iexact=email).order_by("-created_at").first()
    assert body is not None
    found = re.search(r"/invitations/([^/\s]+)/", body.body)
    assert found is not None, body.body
    return found.group(1)


def refusal_code(response: Response) -> str:
    assert response.status_code in {400, 403}, response.status_code
    code: str = response.context["code"]
    assert f'data-code="{code}"' in response.content.decode()
    return code


def sign_up_from_link(client: Client, token: str) -> Response:
    return client.post(
        f"/invitations/{token}/",
        {
            "display_name": "Nouvelle Analyste",
            "email": "someone.else@example.org",  # ignored: the field is locked
            "password": NEW_PASSWORD,
            "language": "fr",
        },
    )


def n_roles(org: Organisation) -> int:
    return OrgRole.objects.filter(organisation=org).count()


def test_ACC_06_invitee_signs_up_from_the_link(owner_role: OrgRole) -> None:
    org = owner_role.organisation
    token = invite_through_page(owner_role)
    invitation = Invitation.objects.get(organisation=org)
    assert invitation.email == INVITEE
    assert invitation.roles == ["analyst"]
    assert token not in invitation.token_hash  # stored hashed
    assert invitation.token_hash == services.hash_token(token)

    client = Client()
    page = client.get(f"/invitations/{token}/")
    assert page.status_code == 200
    email_field = page.context["form"]["email"]
    assert email_field.field.disabled
    assert email_field.value() == INVITEE

    response = sign_up_from_link(client, token)
    assert response["Location"] == f"/o/{org.slug}/"
    invitee = User.objects.get(email=INVITEE)
    assert (
        invitee.email_verified
    )  # the link reached the address: it counts as confirmation
    assert client.session["_auth_user_id"] == str(invitee.uuid)
    assert set(
        OrgRole.objects.filter(organisation=org, user=invitee).values_list(
            "role", flat=True
        )
    ) == {"analyst"}
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert invitation.accepted_by == invitee

    actions = list(
        AuditEntry.objects.filter(tenant=f"org:{org.uuid}").values_list(
            "action", flat=True
        )
    )
    assert actions == ["org.invitation_sent", "org.invitation_accepted"]
    assert verify_chain(f"org:{org.uuid}") is None
    assert client.get(f"/o/{org.slug}/").status_code == 200
    assert refusal_code(Client().get(f"/invitations/{token}/")) == "invite.used"


def test_ACC_06_an_existing_account_accepts_when_signed_in(owner_role: OrgRole) -> None:
    org = owner_role.organisation
    invitee = UserFactory.create(email=INVITEE)
    token = invite_through_page(owner_role, email="Nouvelle.Analyste@Valmont.example")
    anonymous = Client().get(f"/invitations/{token}/")
    assert anonymous.context["must_sign_in"] is True

    client = signed_in_client(invitee)
    assert client.get(f"/invitations/{token}/").status_code == 200
    assert client.post(f"/invitations/{token}/")["Location"] == f"/o/{org.slug}/"
    assert OrgRole.objects.filter(
        organisation=org, user=invitee, role="analyst"
    ).exists()


def test_ACC_06_only_an_owner_invites(owner_role: OrgRole) -> None:
    org = owner_role.organisation
    analyst = OrgRoleFactory.create(organisation=org, role="analyst").user
    response = signed_in_client(analyst).post(
        f"/o/{org.slug}/people/", {"email": INVITEE, "roles": ["owner"]}
    )
    assert response.status_code == 404
    assert not Invitation.objects.exists()


def test_ACC_07_unknown_token(owner_role: OrgRole) -> None:
    invite_through_page(owner_role)
    assert refusal_code(Client().get("/invitations/not-a-token/")) == "invite.invalid"
    assert refusal_code(sign_up_from_link(Client(), "not-a-token")) == "invite.invalid"
    assert n_roles(owner_role.organisation) == 1
    assert not User.objects.filter(email=INVITEE).exists()


def test_ACC_07_expired(owner_role: OrgRole, time_machine: TimeMachineFixture) -> None:
    time_machine.move_to(START, tick=False)
    token = invite_through_page(owner_role)
    time_machine.move_to(START + dt.timedelta(days=7), tick=False)
    assert refusal_code(sign_up_from_link(Client(), token)) == "invite.expired"
    user = UserFactory.create(email=INVITEE)
    assert (
        refusal_code(signed_in_client(user).post(f"/invitations/{token}/"))
        == "invite.expired"
    )
    assert n_roles(owner_role.organisation) == 1


def test_ACC_07_used(owner_role: OrgRole) -> None:
    token = invite_through_page(owner_role)
    sign_up_from_link(Client(), token)
    invitee = User.objects.get(email=INVITEE)
    assert (
        refusal_code(signed_in_client(invitee).post(f"/invitations/{token}/"))
        == "invite.used"
    )
    with pytest.raises(DomainError) as raised:
        services.accept(token=token, user=invitee)
    assert raised.value.code == "invite.used"
    assert n_roles(owner_role.organisation) == 2


def test_ACC_07_revoked(owner_role: OrgRole) -> None:
    org = owner_role.organisation
    token = invite_through_page(owner_role)
    invitation = Invitation.objects.get(organisation=org)
    response = signed_in_client(owner_role.user).post(
        f"/o/{org.slug}/invitations/{invitation.uuid}/revoke/"
    )
    assert response["Location"] == f"/o/{org.slug}/people/"
    assert refusal_code(sign_up_from_link(Client(), token)) == "invite.revoked"
    assert not User.objects.filter(email=INVITEE).exists()
    assert n_roles(org) == 1
    actions = AuditEntry.objects.filter(tenant=f"org:{org.uuid}").values_list(
        "action", flat=True
    )
    assert list(actions) == ["org.invitation_sent", "org.invitation_revoked"]

    signed_in_client(owner_role.user).post(
        f"/o/{org.slug}/invitations/{invitation.uuid}/revoke/"
    )
    assert AuditEntry.objects.filter(action="org.invitation_revoked").count() == 1


def test_ACC_07_email_mismatch(owner_role: OrgRole) -> None:
    org = owner_role.organisation
    token = invite_through_page(owner_role)
    other = UserFactory.create(email="autre@valmont.example")
    response = signed_in_client(other).post(f"/invitations/{token}/")
    assert response.status_code == 403
    assert refusal_code(response) == "invite.email_mismatch"

    unverified = UserFactory.create(email=INVITEE, email_verified_at=None)
    response = signed_in_client(unverified).post(f"/invitations/{token}/")
    assert refusal_code(response) == "invite.email_mismatch"

    assert n_roles(org) == 1
    assert Invitation.objects.get(organisation=org).accepted_at is None


def test_ACC_07_resending_invalidates_the_old_token(owner_role: OrgRole) -> None:
    org = owner_role.organisation
    old = invite_through_page(owner_role)
    invitation = Invitation.objects.get(organisation=org)
    response = signed_in_client(owner_role.user).post(
        f"/o/{org.slug}/invitations/{invitation.uuid}/resend/"
    )
    assert response["Location"] == f"/o/{org.slug}/people/"
    new = token_in_latest_mail(INVITEE)
    assert new != old
    assert OutboxMail.objects.filter(to=INVITEE).count() == 2

    assert refusal_code(sign_up_from_link(Client(), old)) == "invite.invalid"
    assert n_roles(org) == 1
    assert sign_up_from_link(Client(), new)["Location"] == f"/o/{org.slug}/"
    assert n_roles(org) == 2
    actions = AuditEntry.objects.filter(tenant=f"org:{org.uuid}").values_list(
        "action", flat=True
    )
    assert list(actions) == [
        "org.invitation_sent",
        "org.invitation_sent",
        "org.invitation_accepted",
    ]


def test_ACC_07_resend_refused_once_used_or_revoked(owner_role: OrgRole) -> None:
    invitation, _token = services.invite(
        by=owner_role.user,
        email=INVITEE,
        roles=["hr"],
        organisation=owner_role.organisation,
    )
    services.revoke(invitation=invitation, by=owner_role.user)
    invitation.refresh_from_db()
    with pytest.raises(DomainError) as raised:
        services.resend(invitation=invitation, by=owner_role.user)
    assert raised.value.code == "invite.revoked"


def test_ACC_07_an_accepted_invitation_cannot_be_revoked(owner_role: OrgRole) -> None:
    invitee = UserFactory.create(email=INVITEE)
    invitation, token = services.invite(
        by=owner_role.user,
        email=INVITEE,
        roles=["hr"],
        organisation=owner_role.organisation,
    )
    services.accept(token=token, user=invitee)
    with pytest.raises(DomainError) as raised:
        services.revoke(invitation=invitation, by=owner_role.user)
    assert raised.value.code == "invite.used"


def test_invitation_of_another_organisation_is_404(owner_role: OrgRole) -> None:
    other_owner = OrgRoleFactory.create(role="owner")
    invitation, _token = services.invite(
        by=other_owner.user,
        email=INVITEE,
        roles=["hr"],
        organisation=other_owner.organisation,
    )
    client = signed_in_client(owner_role.user)
    slug = owner_role.organisation.slug
    for action in ("revoke", "resend"):
        response = client.post(f"/o/{slug}/invitations/{invitation.uuid}/{action}/")
        assert response.status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


@pytest.mark.django_db
def test_network_member_invitation_creates_an_active_membership() -> None:
    network = NetworkFactory.create()
    chapter = make_child(network, slug="quimper")
    leader = UserFactory.create()
    invitee = UserFactory.create(email=INVITEE)
    ended = MembershipFactory.create(
        user=invitee, network=network, status=MembershipStatus.ENDED
    )
    _invitation, token = services.invite(
        by=leader, email=INVITEE, roles=["member", "mentor"], node=chapter
    )
    services.accept(token=token, user=invitee)
    ended.refresh_from_db()
    assert ended.status == MembershipStatus.ACTIVE
    assert Membership.objects.filter(user=invitee).count() == 1
    assert list(
        NetworkRole.objects.filter(user=invitee).values_list("role", flat=True)
    ) == ["mentor"]
    actions = AuditEntry.objects.filter(tenant=f"network:{network.uuid}").values_list(
        "action", flat=True
    )
    assert list(actions) == ["network.invitation_sent", "network.invitation_accepted"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_ACC_08_concurrent_acceptance_creates_the_role_once() -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "ACC-08 needs row locks across two connections: run it on PostgreSQL"
        )
    owner = OrgRoleFactory.create(role="owner")
    invitee = UserFactory.create(email=INVITEE)
    _invitation, token = services.invite(
        by=owner.user, email=INVITEE, roles=["analyst"], organisation=owner.organisation
    )
    barrier = threading.Barrier(2)
    answers: list[str] = []

    def accept() -> None:
        try:
            barrier.wait(timeout=10)
            services.accept(token=token, user=invitee)
            answers.append("accepted")
        except DomainError as error:
            answers.append(error.code)
        finally:
            connection.close()  # each thread has its own connection

    threads = [threading.Thread(target=accept) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(answers) == ["accepted", "invite.used"]
    assert (
        OrgRole.objects.filter(user=invitee, organisation=owner.organisation).count()
        == 1
    )
    assert AuditEntry.objects.filter(action="org.invitation_accepted").count() == 1
