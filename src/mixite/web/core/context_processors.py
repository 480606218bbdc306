from __future__ import annotations

from typing import TYPE_CHECKING, Any

import mixite

if TYPE_CHECKING:
    from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "mixite_version": mixite.__version__,
        "request_id": getattr(request, "request_id", ""),
    }
