"""Network pages: home of a network, of a chapter; editing; inviting (platform §1, §4)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mixite.web.accounts.decorators import verified_login_required
from mixite.web.core.actions import report
from mixite.web.invitations import services as invitation_services
from mixite.web.invitations.selectors import (
    invitation_for_node,
    invitation_node_in_network,
    invitations_for_node,
)
from mixite.web.networks import services
from mixite.web.networks.forms import NodeForm, NodeTextForm
from mixite.web.networks.models import NetworkRoleName
from mixite.web.networks.selectors import (
    NodeAccess,
    children_for_node,
    coordinators_for_node,
    node_for_user,
)
from mixite.web.orgs.forms import InviteForm

if TYPE_CHECKING:
    from uuid import UUID

    from django.http import HttpRequest, HttpResponse

    from mixite.web.core.http import AuthedRequest


def _page(request: HttpRequest, access: NodeAccess) -> HttpResponse:
    show_people = bool(access.roles) or access.is_member
    return render(
        request,
        "networks/node.html",
        {
            "access": access,
            "node": access.node,
            "children": children_for_node(access=access),
            "coordinators": coordinators_for_node(access=access) if show_people else [],
        },
    )


def network_home_view(request: HttpRequest, network: str) -> HttpResponse:
    return _page(request, node_for_user(network=network, user=request.user))


def chapter_view(request: HttpRequest, network: str, chapter: str) -> HttpResponse:
    return _page(
        request, node_for_user(network=network, node=chapter, user=request.user)
    )


def _edit(request: AuthedRequest, access: NodeAccess) -> HttpResponse:
    if not access.can_edit:
        from django.http import Http404  # noqa: PLC0415

        raise Http404
    form_class = NodeForm if access.is_leader else NodeTextForm
    form = form_class(request.POST or None, instance=access.node)
    if request.method == "POST" and form.is_valid():
        services.update_node(node=access.node, by=request.user, form=form)
        messages.success(request, _("The changes are saved."))
        return redirect(services.node_url(access.node))
    return render(
        request,
        "networks/edit.html",
        {"access": access, "node": access.node, "form": form},
    )


@verified_login_required
def network_edit_view(request: AuthedRequest, network: str) -> HttpResponse:
    return _edit(request, node_for_user(network=network, user=request.user))


@verified_login_required
def chapter_edit_view(
    request: AuthedRequest, network: str, chapter: str
) -> HttpResponse:
    return _edit(
        request, node_for_user(network=network, node=chapter, user=request.user)
    )


INVITABLE = {
    True: [  # a leader
        (NetworkRoleName.MEMBER, NetworkRoleName.MEMBER.label),
        (NetworkRoleName.COORDINATOR, NetworkRoleName.COORDINATOR.label),
        (NetworkRoleName.LEADER, NetworkRoleName.LEADER.label),
        (NetworkRoleName.MODERATOR, NetworkRoleName.MODERATOR.label),
        (NetworkRoleName.GUEST, NetworkRoleName.GUEST.label),
    ],
    False: [  # a chapter coordinator
        (NetworkRoleName.MEMBER, NetworkRoleName.MEMBER.label),
        (NetworkRoleName.GUEST, NetworkRoleName.GUEST.label),
    ],
}


def _people(request: AuthedRequest, access: NodeAccess) -> HttpResponse:
    invitations = invitations_for_node(
        access=access
    )  # 404 unless leader or coordinator
    form = InviteForm(request.POST or None, role_choices=INVITABLE[access.is_leader])
    if request.method == "POST" and form.is_valid():
        invitation_services.invite(
            by=request.user,
            email=form.cleaned_data["email"],
            roles=form.cleaned_data["roles"],
            node=access.node,
        )
        messages.success(request, _("The invitation is sent."))
        return redirect(services.node_url(access.node, "people"))
    return render(
        request,
        "networks/people.html",
        {
            "access": access,
            "node": access.node,
            "form": form,
            "invitations": invitations[:50],
        },
    )


@verified_login_required
def network_people_view(request: AuthedRequest, network: str) -> HttpResponse:
    return _people(request, node_for_user(network=network, user=request.user))


@verified_login_required
def chapter_people_view(
    request: AuthedRequest, network: str, chapter: str
) -> HttpResponse:
    return _people(
        request, node_for_user(network=network, node=chapter, user=request.user)
    )


@require_POST
@verified_login_required
def invitation_revoke_view(
    request: AuthedRequest, network: str, invitation: UUID
) -> HttpResponse:
    node = invitation_node_in_network(network=network, uuid=invitation)
    access = node_for_user(network=network, user=request.user, node=node)
    found = invitation_for_node(
        access=access, uuid=invitation
    )  # 404 unless hers to manage
    report(
        request,
        lambda: invitation_services.revoke(invitation=found, by=request.user),
        _("The invitation is withdrawn."),
    )
    return redirect(services.node_url(access.node, "people"))
