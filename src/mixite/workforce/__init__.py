"""The canonical workforce table, its readers, mapping and validation (no Django).

``mixite.load`` and ``mixite.workforce.validate`` are the entry points (workforce.md §9.1);
they are imported on first use so that ``import mixite.workforce.schema`` stays light.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from mixite.errors import InputError

if TYPE_CHECKING:
    from mixite.workforce.load import Workforce, validate

__all__ = ["InputError", "Workforce", "validate"]


def __getattr__(name: str) -> Any:
    if name in {"validate", "Workforce"}:  # heavy (Ibis, DuckDB): on first use
        return getattr(importlib.import_module("mixite.workforce.load"), name)
    raise AttributeError(name)
