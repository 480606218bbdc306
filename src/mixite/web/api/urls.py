"""The JSON API under /api/v1 (platform §15)."""

from __future__ import annotations

from mixite.web.api import me
from mixite.web.api.base import MixiteAPI

api = MixiteAPI(
    title="Mixité API",
    version="1",
    urls_namespace="api",
    description=(
        "JSON API of the Mixité platform. Authenticate with a personal access token: "
        "`Authorization: Bearer mxt_…`. Errors are RFC 9457 problem details "
        "(`application/problem+json`)."
    ),
)
api.add_router("", me.router)
