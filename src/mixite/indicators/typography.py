"""How numbers read in French and in English (platform.md §0.5), for every explanation.

Each module rounds as its own source does (the Index on doubles, the directive on the
shortest decimal, Rixain on exact fractions) and writes the rounded number the Python way
(``1,234.5``); :func:`localised` then gives it its French form (``1 234,5``).
"""

from __future__ import annotations

from typing import Final, Literal

Lang = Literal["fr", "en"]

NBSP: Final = "\u00a0"  # before « % » and « € »
NNBSP: Final = "\u202f"  # thousands separator; before « : » « ; » « ! » « ? »


def localised(number: str, lang: Lang) -> str:
    """``1,234.5`` as French writes it (``1 234,5``); English keeps it."""
    if lang == "en":
        return number
    return number.replace(",", NNBSP).replace(".", ",")


def with_percent(number: str, lang: Lang) -> str:
    """``4,7 %`` / ``4.7%`` for a number already written for ``lang``."""
    return f"{number}{NBSP}%" if lang == "fr" else f"{number}%"
