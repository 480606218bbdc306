"""Organisation pages: home, people (roles and invitations), settings, audit log."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mixite.web.accounts.decorators import verified_login_required
from mixite.web.audit.models import AuditEntry
from mixite.web.core.actions import report
from mixite.web.invitations import services as invitation_services
from mixite.web.invitations.selectors import invitation_for_org, invitations_for_org
from mixite.web.orgs import services
from mixite.web.orgs.forms import InviteForm, NewOrganisationForm, OrganisationForm
from mixite.web.orgs.models import OrgRoleName
from mixite.web.orgs.selectors import (
    OrgAccess,
    org_for_user,
    role_for_org,
    roles_for_org,
)

if TYPE_CHECKING:
    from uuid import UUID

    from mixite.web.core.http import AuthedRequest

OrgView = Callable[..., HttpResponse]


def org_page(view: OrgView) -> Callable[..., HttpResponse]:
    """Resolve ``org`` to an :class:`OrgAccess` (404 when not hers), enforce 2FA policy."""

    @functools.wraps(view)
    @verified_login_required
    def wrapper(request: AuthedRequest, org: str, **kwargs: Any) -> HttpResponse:
        access = org_for_user(slug=org, user=request.user)
        if access.needs_second_factor and not request.user.has_totp:
            messages.warning(
                request, _("This organisation requires two-factor authentication.")
            )
            return redirect(f"{reverse('accounts:totp-enrol')}?next={request.path}")
        return view(request, access, **kwargs)

    return wrapper


@org_page
def org_home_view(request: AuthedRequest, access: OrgAccess) -> HttpResponse:
    return render(request, "orgs/home.html", {"access": access, "org": access.org})


@org_page
def people_view(request: AuthedRequest, access: OrgAccess) -> HttpResponse:
    roles = roles_for_org(access=access)
    form = InviteForm(request.POST or None, role_choices=OrgRoleName.choices)
    if request.method == "POST" and form.is_valid():
        invitation_services.invite(
            by=request.user,
            email=form.cleaned_data["email"],
            roles=form.cleaned_data["roles"],
            organisation=access.org,
        )
        messages.success(request, _("The invitation is sent."))
        return redirect("orgs:people", org=access.org.slug)
    return render(
        request,
        "orgs/people.html",
        {
            "access": access,
            "org": access.org,
            "roles": roles,
            "invitations": invitations_for_org(access=access)[:50],
            "form": form,
        },
    )


@require_POST
@org_page
def role_revoke_view(
    request: AuthedRequest, access: OrgAccess, role: UUID
) -> HttpResponse:
    row = role_for_org(access=access, uuid=role)
    report(
        request,
        lambda: services.revoke_role(role=row, by=request.user),
        _("The role is removed."),
    )
    return redirect("orgs:people", org=access.org.slug)


@require_POST
@org_page
def invitation_revoke_view(
    request: AuthedRequest, access: OrgAccess, invitation: UUID
) -> HttpResponse:
    found = invitation_for_org(access=access, uuid=invitation)
    report(
        request,
        lambda: invitation_services.revoke(invitation=found, by=request.user),
        _("The invitation is withdrawn."),
    )
    return redirect("orgs:people", org=access.org.slug)


@require_POST
@org_page
def invitation_resend_view(
    request: AuthedRequest, access: OrgAccess, invitation: UUID
) -> HttpResponse:
    found = invitation_for_org(access=access, uuid=invitation)
    report(
        request,
        lambda: invitation_services.resend(invitation=found, by=request.user),
        _("A new invitation link is sent; the old one no longer works."),
    )
    return redirect("orgs:people", org=access.org.slug)


@org_page
def settings_view(request: AuthedRequest, access: OrgAccess) -> HttpResponse:
    access.require(OrgRoleName.OWNER)
    form = OrganisationForm(request.POST or None, instance=access.org)
    if request.method == "POST" and form.is_valid():
        changes = form.cleaned_data
        access.org.refresh_from_db()  # the form wrote onto the instance; compare with stored
        try:
            services.update_organisation(
                org=access.org, by=request.user, changes=changes
            )
        except (
            ValidationError
        ) as error:  # pragma: no cover - the form validated already
            form.add_error(None, error)
        else:
            messages.success(request, _("The organisation's settings are saved."))
            return redirect("orgs:settings", org=access.org.slug)
    return render(
        request,
        "orgs/settings.html",
        {"access": access, "org": access.org, "form": form},
    )


@org_page
def audit_view(request: AuthedRequest, access: OrgAccess) -> HttpResponse:
    access.require(OrgRoleName.OWNER)
    entries = AuditEntry.objects.filter(tenant=f"org:{access.org.uuid}").order_by(
        "-seq"
    )[:200]
    return render(
        request,
        "orgs/audit.html",
        {"access": access, "org": access.org, "entries": entries},
    )


@verified_login_required
def org_create_view(request: AuthedRequest) -> HttpResponse:
    form = NewOrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        org = services.create_organisation(by=request.user, fields=form.cleaned_data)
        messages.success(request, _("The organisation is created; you are its owner."))
        return redirect("orgs:home", org=org.slug)
    return render(request, "orgs/new.html", {"form": form})
