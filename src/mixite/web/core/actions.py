"""Run a service from a view and report its outcome as a message."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages

from mixite.web.core.errors import DomainError

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.http import HttpRequest


def report(request: HttpRequest, action: Callable[[], object], success: str) -> bool:
    """Call ``action``; show ``success``, or the refusal's message. True when it ran."""
    try:
        action()
    except DomainError as error:
        messages.error(request, error.message)
        return False
    messages.success(request, success)
    return True
