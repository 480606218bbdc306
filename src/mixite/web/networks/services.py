"""Writes on network nodes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.urls import reverse

from mixite.web.audit.services import record

if TYPE_CHECKING:
    from django.forms import ModelForm

    from mixite.web.accounts.models import User
    from mixite.web.networks.models import NetworkNode


def node_url(node: NetworkNode, page: str = "") -> str:
    suffix = f"-{page}" if page else ""
    if node.root_id is None:
        return reverse(f"networks:home{suffix}", kwargs={"network": node.slug})
    return reverse(
        f"networks:chapter{suffix}",
        kwargs={"network": node.network.slug, "chapter": node.slug},
    )


@transaction.atomic
def update_node(
    *, node: NetworkNode, by: User, form: ModelForm[NetworkNode]
) -> NetworkNode:
    changed = sorted(form.changed_data)
    form.save()
    if changed:
        record(
            tenant=f"network:{node.network.uuid}",
            actor=f"user:{by.uuid}",
            action="network.node_changed",
            object=f"node:{node.uuid}",
            data={"fields": changed},
        )
    return node
