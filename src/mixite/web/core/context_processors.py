from __future__ import annotations

from typing import Any

from django.http import HttpRequest

import mixite


def site(request: HttpRequest) -> dict[str, Any]:
    return {"mixite_version": mixite.__version__, "request_id": getattr(request, "request_id", "")}
