"""Rounding, exact sums and display of the directive's numbers (directive.md §2.4, §3.2, §3.4).

Rounding is decimal half-up on the shortest representation of the double (K16), never a
backend's ``round()`` nor the Index's own rounding: the same figure on every backend and in
every language. Sums are exact (chunked into integers inside the backend, recombined with
:class:`fractions.Fraction`) so that a mean does not depend on the backend's summation
order or thread count.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from mixite.indicators.typography import NBSP, Lang, localised, with_percent

if TYPE_CHECKING:
    from collections.abc import Mapping

    import ibis.expr.types as ir

NOT_CALCULABLE = "NC"

CHUNK_BITS = 31  # §2.4: three 31-bit chunks of the fraction, exact from 2^-41 up
CHUNK_SCALE = 2**CHUNK_BITS
N_CHUNKS = 4  # floor(x), then three chunks of its fraction


def round_half_up(value: float, digits: int) -> float:
    """``Decimal(repr(x))`` rounded half away from zero; ``0.0``, never ``-0.0`` (K16)."""
    rounded = Decimal(repr(value)).quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP)
    return float(rounded) + 0.0  # + 0.0 turns -0.0 into 0.0


def percent_half_up(ratio: float) -> float:
    """The percent of a ratio, 1 decimal, from the unrounded ratio (§3.2: no double rounding)."""
    scaled = Decimal(repr(ratio)).scaleb(2)
    return float(scaled.quantize(Decimal("0.1"), ROUND_HALF_UP)) + 0.0


def round_fraction(value: Fraction, digits: int) -> float:
    """An exact fraction rounded half away from zero to ``digits`` decimals."""
    scaled = abs(value) * 10**digits
    units = math.floor(scaled + Fraction(1, 2))
    signed = -units if value < 0 else units
    return float(Fraction(signed, 10**digits)) + 0.0


# --- exact sums ------------------------------------------------------------------------


def chunk_columns(name: str, value: ir.FloatingValue) -> dict[str, ir.IntegerValue]:
    """The four int64 parts of a non-negative double whose sums give its exact sum (§2.4).

    ``floor(x)``, then ``r = (x − floor(x)) × 2^31`` and its floor, twice more on the
    remainder. A null value gives null parts, which the sums skip.
    """
    whole = value.floor()
    rest = (value - whole) * CHUNK_SCALE
    parts: dict[str, ir.IntegerValue] = {f"{name}__0": whole.cast("int64")}
    for index in range(1, N_CHUNKS):
        chunk = rest.floor()
        parts[f"{name}__{index}"] = chunk.cast("int64")
        if index < N_CHUNKS - 1:
            rest = (rest - chunk) * CHUNK_SCALE
    return parts


def chunk_names(name: str) -> tuple[str, ...]:
    return tuple(f"{name}__{index}" for index in range(N_CHUNKS))


def exact_sum(parts: Mapping[str, int | None], name: str) -> Fraction:
    """The exact sum recombined from the summed parts of :func:`chunk_columns`."""
    total = Fraction(0)
    for index, part in enumerate(chunk_names(name)):
        total += Fraction(parts.get(part) or 0, CHUNK_SCALE**index)
    return total


def mean(total: Fraction, n: int) -> float | None:
    """``S / n`` in one double division, ``S`` the exact sum rounded once (§2.4)."""
    if n == 0:
        return None
    return float(total) / n


def median_of(values: list[float], n: int) -> float | None:
    """The middle value, or ``(a + b) / 2`` of the two middle ones, in doubles (§4, K5)."""
    if n == 0 or not values:
        return None
    if n % 2 == 1:
        return values[0]
    return (values[0] + values[1]) / 2


# --- display (§3.4) --------------------------------------------------------------------


def _number(value: float, decimals: int, lang: Lang) -> str:
    """A rounded number with grouped thousands, a sign when negative, never ``-0``."""
    rounded = Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    negative = rounded < 0
    body = localised(f"{abs(rounded):,.{decimals}f}", lang)
    return ("-" if negative else "") + body


def format_percent(percent: float | None, lang: Lang = "fr", decimals: int = 1) -> str:
    """``5,3 %`` / ``5.3%`` for a value already in percent; ``NC`` when missing."""
    if percent is None:
        return NOT_CALCULABLE
    return with_percent(_number(percent, decimals, lang), lang)


def format_ratio_percent(ratio: float | None, lang: Lang = "fr") -> str:
    """The display of a gap ratio: its percent to 1 decimal, from the unrounded ratio."""
    if ratio is None:
        return NOT_CALCULABLE
    return format_percent(percent_half_up(ratio), lang)


def format_share(share: Fraction | None, lang: Lang = "fr") -> str:
    """The display of an exact share (E, F): percent to 1 decimal."""
    if share is None:
        return NOT_CALCULABLE
    return format_percent(round_fraction(share * 100, 1), lang)


def format_amount(amount: float | None, lang: Lang = "fr") -> str:
    """``35 750,00 €`` / ``€35,750.00``; ``NC`` when missing."""
    if amount is None:
        return NOT_CALCULABLE
    text = _number(amount, 2, lang)
    if lang == "fr":
        return f"{text}{NBSP}€"
    return f"-€{text[1:]}" if text.startswith("-") else f"€{text}"


def format_count(count: float | None, lang: Lang = "fr") -> str:
    """A headcount: an integer grouped by thousands, or 1 decimal when fractional."""
    if count is None:
        return NOT_CALCULABLE
    decimals = 0 if float(count).is_integer() else 1
    return _number(float(count), decimals, lang)
