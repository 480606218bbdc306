"""Normalised forms of headers and code values (workforce spec §4.1).

Headers and coded cells are compared after :func:`normalise`; :func:`has_percent` keeps the
one hint the normalisation throws away (a ``%`` in a header means the column holds percents).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["has_percent", "normalise"]

# "n°" and "nº" before NFKC: NFKC turns "º" (masculine ordinal) into a plain "o".
_NUMBER_SIGN = re.compile(r"\bn\s?[°º]", re.IGNORECASE)
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})
_OUTSIDE_ALNUM = re.compile(r"[^a-z0-9]+")


def has_percent(text: str) -> bool:
    """Whether the text holds a percent sign (also the full-width and small forms)."""
    return "%" in unicodedata.normalize("NFKC", text)


def normalise(text: str) -> str:
    """The comparison form of a header or code value (§4.1).

    >>> normalise("N° salarié")
    'numero salarie'
    >>> normalise("Taux d'activité (%)")
    'taux d activite'
    """
    text = _NUMBER_SIGN.sub("numero ", text)
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _remove_bracketed(text)
    text = text.translate(_LIGATURES)
    text = "".join(
        char
        for char in unicodedata.normalize("NFKD", text)
        if not unicodedata.combining(char)
    )
    return _OUTSIDE_ALNUM.sub(" ", text).strip()


def _remove_bracketed(text: str) -> str:
    """Text without its (…) and […] parts, nested ones included."""
    while True:
        shorter = _BRACKETED.sub(" ", text)
        if shorter == text:
            return text
        text = shorter
