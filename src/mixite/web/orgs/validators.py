"""Identifiers of French organisations (platform §1.1)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

SIREN_LENGTH = 9
NAF_PATTERN = re.compile(r"^\d{2}\.\d{2}[A-Z]$")  # e.g. 49.41A (INSEE NAF rév. 2)


def luhn_valid(digits: str) -> bool:
    """The Luhn check that SIREN numbers carry in their last digit."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:  # noqa: PLR2004 - digit sum of a two-digit product
                value -= 9
        total += value
    return total % 10 == 0


def normalise_siren(raw: str) -> str:
    """Spaces removed; raises ``org.siren_invalid`` unless 9 Luhn-valid digits, not all 0."""
    siren = re.sub(r"\s", "", raw)
    if (
        len(siren) != SIREN_LENGTH
        or not siren.isascii()
        or not siren.isdigit()
        or siren == "0" * SIREN_LENGTH
        or not luhn_valid(siren)
    ):
        raise ValidationError(
            _("A SIREN is 9 digits with a valid check digit (e.g. 812 345 676)."),
            code="org.siren_invalid",
        )
    return siren


def validate_naf(value: str) -> None:
    if not NAF_PATTERN.match(value):
        raise ValidationError(
            _(
                "A NAF code looks like 49.41A (two digits, a dot, two digits, a letter)."
            ),
            code="org.naf_invalid",
        )
