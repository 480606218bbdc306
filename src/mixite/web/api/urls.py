"""The JSON API under /api/v1 (platform §15)."""

from __future__ import annotations

from ninja import NinjaAPI

api = NinjaAPI(title="Mixité API", version="1", urls_namespace="api")
