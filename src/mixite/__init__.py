"""Mixité: workplace gender equality — the engine (``mixite.load``) and the platform."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mixite.errors import MixiteError

if TYPE_CHECKING:
    from mixite.workforce.load import load

__version__ = "0.1.0"
__all__ = ["MixiteError", "__version__", "load"]


def __getattr__(name: str) -> Any:
    if name == "load":  # imported on first use: `mixite --version` stays instant
        from mixite.workforce.load import load  # noqa: PLC0415

        return load
    raise AttributeError(name)
