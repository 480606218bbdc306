"""Request and response shapes shared by the API's operations (platform §15.1)."""

from __future__ import annotations

from uuid import UUID  # noqa: TC003 - pydantic needs it at run time

from ninja import Schema
from pydantic import ConfigDict


class InputSchema(Schema):
    """Base of request bodies: an unknown field answers 422 ``api.unknown_field``."""

    model_config = ConfigDict(extra="forbid")


class OrgRolesOut(Schema):
    uuid: UUID
    slug: str
    name: str
    roles: list[str]


class NetworkRoleOut(Schema):
    node: str  # the node's slug, unique within its network
    network: str  # the root network's slug
    role: str


class MeOut(Schema):
    uuid: UUID
    email: str
    display_name: str
    language: str
    organisations: list[OrgRolesOut]
    network_roles: list[NetworkRoleOut]
