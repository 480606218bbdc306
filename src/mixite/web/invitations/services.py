"""Invitations: issue, re-send, revoke, accept (platform §1.4)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from mixite.web.accounts.models import User as UserModel
from mixite.web.accounts.models import normalise_email
from mixite.web.audit.services import record
from mixite.web.core.errors import DomainError
from mixite.web.invitations.models import Invitation
from mixite.web.networks.models import (
    Membership,
    MembershipStatus,
    NetworkRole,
    NetworkRoleName,
)
from mixite.web.orgs.models import OrgRole
from mixite.web.outbox.services import queue_mail

if TYPE_CHECKING:
    from mixite.web.accounts.models import User
    from mixite.web.networks.models import NetworkNode
    from mixite.web.orgs.models import Organisation

MEMBER_ROLES = frozenset(
    {NetworkRoleName.MEMBER, NetworkRoleName.MENTOR, NetworkRoleName.MENTEE}
)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def tenant_of(invitation: Invitation) -> str:
    if invitation.organisation_id:
        return f"org:{invitation.organisation_id}"
    assert invitation.node is not None  # noqa: S101 - the check constraint guarantees it
    return f"network:{invitation.node.network.uuid}"


def _send(invitation: Invitation, token: str, language: str) -> None:
    link = settings.SITE_URL + reverse("invitations:accept", kwargs={"token": token})
    queue_mail(
        to=invitation.email,
        template="invitations/mail/invitation",
        context={
            "invitation": invitation,
            "target": invitation.organisation or invitation.node,
            "inviter": invitation.created_by,
            "link": link,
            "expires_at": invitation.expires_at,
        },
        language=language,
        dedup_key=f"invitation:{invitation.uuid}:{invitation.token_hash[:16]}",
    )


@transaction.atomic
def invite(
    *,
    by: User,
    email: str,
    roles: list[str],
    organisation: Organisation | None = None,
    node: NetworkNode | None = None,
    days: int | None = None,
) -> tuple[Invitation, str]:
    """Create the invitation and queue its mail; returns it with the plain token."""
    token = secrets.token_urlsafe(32)  # 32 random bytes (§1.4)
    days = days or settings.MIXITE_INVITATION_DAYS
    invitation = Invitation.objects.create(
        organisation=organisation,
        node=node,
        email=normalise_email(email),
        roles=sorted(set(roles)),
        token_hash=hash_token(token),
        created_by=by,
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    _send(invitation, token, by.language)
    record(
        tenant=tenant_of(invitation),
        actor=f"user:{by.uuid}",
        action="org.invitation_sent" if organisation else "network.invitation_sent",
        object=f"invitation:{invitation.uuid}",
        data={"roles": invitation.roles},
    )
    return invitation, token


@transaction.atomic
def resend(*, invitation: Invitation, by: User) -> str:
    """A new token replaces the old one, which then matches nothing (``invite.invalid``)."""
    if invitation.state(timezone.now()) in {"used", "revoked"}:
        raise DomainError("invite.used" if invitation.accepted_at else "invite.revoked")
    token = secrets.token_urlsafe(32)
    invitation.token_hash = hash_token(token)
    invitation.expires_at = timezone.now() + dt.timedelta(
        days=settings.MIXITE_INVITATION_DAYS
    )
    invitation.save(update_fields=["token_hash", "expires_at"])
    _send(invitation, token, by.language)
    record(  # §11.1: every invitation sent is audited, a re-sent one too
        tenant=tenant_of(invitation),
        actor=f"user:{by.uuid}",
        action="org.invitation_sent"
        if invitation.organisation_id
        else "network.invitation_sent",
        object=f"invitation:{invitation.uuid}",
        data={"roles": invitation.roles, "resent": True},
    )
    return token


@transaction.atomic
def revoke(*, invitation: Invitation, by: User) -> None:
    # Read again under lock: it may have been accepted or revoked since the page was shown.
    invitation = Invitation.objects.select_for_update().get(uuid=invitation.uuid)
    if invitation.accepted_at is not None:
        raise DomainError("invite.used")
    if invitation.revoked_at is not None:  # already: nothing changes, nothing recorded
        return
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    record(
        tenant=tenant_of(invitation),
        actor=f"user:{by.uuid}",
        action="org.invitation_revoked"
        if invitation.organisation_id
        else "network.invitation_revoked",
        object=f"invitation:{invitation.uuid}",
    )


def invitation_for_token(token: str) -> Invitation:
    """The pending invitation behind a token.

    Raises ``invite.invalid``, ``invite.used``, ``invite.revoked`` or ``invite.expired``.
    """
    invitation = (
        Invitation.objects.filter(token_hash=hash_token(token))
        .select_related("organisation", "node", "created_by")
        .first()
    )
    if invitation is None:
        raise DomainError("invite.invalid")
    state = invitation.state(timezone.now())
    if state != "pending":
        raise DomainError(f"invite.{state}")
    return invitation


@transaction.atomic
def accept(*, token: str, user: User) -> Invitation:
    """Grant the invited roles to ``user``, once. Concurrent acceptances create them once."""
    invitation = invitation_for_token(token)
    locked = (
        Invitation.objects.select_for_update()
        .filter(uuid=invitation.uuid, token_hash=invitation.token_hash)
        .first()
    )
    if locked is None:  # re-sent while we waited for the lock: this token is replaced
        raise DomainError("invite.invalid")
    invitation = locked
    state = invitation.state(timezone.now())
    if state != "pending":  # another request accepted it while we waited for the lock
        raise DomainError(f"invite.{state}")
    if not user.email_verified or normalise_email(user.email) != invitation.email:
        raise DomainError("invite.email_mismatch")
    if invitation.organisation is not None:
        for role in invitation.roles:
            OrgRole.objects.get_or_create(
                user=user,
                organisation=invitation.organisation,
                role=role,
                defaults={"granted_by": invitation.created_by},
            )
    else:
        _grant_network_roles(invitation, user)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    record(
        tenant=tenant_of(invitation),
        actor=f"user:{user.uuid}",
        action="org.invitation_accepted"
        if invitation.organisation_id
        else "network.invitation_accepted",
        object=f"invitation:{invitation.uuid}",
        data={"roles": invitation.roles},
    )
    return invitation


def _grant_network_roles(invitation: Invitation, user: User) -> None:
    node = invitation.node
    assert node is not None  # noqa: S101 - the check constraint guarantees it
    for role in invitation.roles:
        if role == NetworkRoleName.MEMBER:
            continue  # membership, not a role row
        NetworkRole.objects.get_or_create(user=user, node=node, role=role)
    if MEMBER_ROLES.intersection(invitation.roles):
        membership, created = Membership.objects.get_or_create(
            user=user,
            network=node.network,
            defaults={
                "status": MembershipStatus.ACTIVE,
                "home_chapter": node if node.kind == "chapter" else None,
            },
        )
        if not created and membership.status != MembershipStatus.ACTIVE:
            membership.status = MembershipStatus.ACTIVE
            membership.ended_at = None
            membership.save(update_fields=["status", "ended_at"])


@transaction.atomic
def sign_up_and_accept(
    *, token: str, password: str, display_name: str, language: str
) -> User:
    """Create the invited person's account and accept, in one transaction.

    The token reached the invited address, so this sign-up confirms the e-mail (§1.4).
    """
    invitation = invitation_for_token(token)
    user = UserModel.objects.create_user(
        email=invitation.email,
        password=password,
        display_name=display_name,
        language=language,
        email_verified_at=timezone.now(),
    )
    accept(token=token, user=user)
    return user
