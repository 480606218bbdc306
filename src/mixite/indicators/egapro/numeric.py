"""Numbers of the Index: the official simulator's doubles and roundings (egapro.md §2).

The rule stage reproduces the official simulator (SocialGouv/egapro 3.18.4, a JavaScript
application) bit for bit: every helper here says which JavaScript expression it mirrors.
Python's ``round()`` (ties to even) and ``math.floor(x + 0.5)`` (wrong just below one half)
are deliberately absent.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import TYPE_CHECKING, Final, Literal

if TYPE_CHECKING:
    from collections.abc import Sequence

Favourable = Literal["women", "men", "equality"]

DIAGNOSTIC_DIGITS: Final = 6  # §2.7: diagnostic values, never used to compute results
EQUALITY_TOLERANCE: Final = 0.05  # §6.7: |S| < 0.05 is published as 0.0, "equality"
VALID_SHARE: Final = (4, 10)  # §2.5: valid groups hold at least 40 % of the headcount


def jsround(x: float) -> int:
    """JavaScript ``Math.round``: the nearest integer, ties toward +∞, exact on the double."""
    floor = math.floor(x)
    return floor + 1 if x - floor >= 0.5 else floor  # noqa: PLR2004 - one half


def round1(x: float) -> float:
    """The 1-decimal result of indicators 1, 2 and 3: ``jsround(|x| × 10) / 10`` (§2.3)."""
    return jsround(abs(x) * 10) / 10


def points(table: Sequence[int], result: float) -> int:
    """``table[ceil(result)]``, 0 beyond the table: every upper bound inclusive (§2.4)."""
    i = math.ceil(result)
    return table[i] if 0 <= i < len(table) else 0


def enough_valid(valid: int, total: int) -> bool:
    """The 40 % rule in integers: ``total > 0 and 10 × valid ≥ 4 × total`` (§2.5)."""
    numerator, denominator = VALID_SHARE
    return total > 0 and denominator * valid >= numerator * total


def half_up_ratio(a: int, b: int) -> int:
    """The integer nearest to ``a / b`` for ``a ≥ 0, b > 0``, ties up (§2.6, averages)."""
    return (2 * a + b) // (2 * b)


def half_up_fraction(q: Fraction) -> int:
    """The integer nearest to an exact rational ``q ≥ 0``, ties up (§2.6)."""
    return math.floor(q + Fraction(1, 2))


def diagnostic(x: float | None) -> float | None:
    """A diagnostic value (``raw_signed_gap``, ``*_pct``) to 6 decimals (§2.7)."""
    return None if x is None else round(x, DIAGNOSTIC_DIGITS)


def declared(x: float) -> float:
    """A per-group gap as the simulator transfers it: ``jsround(x × 1000) / 1000`` (§2.7)."""
    return jsround(x * 1000) / 1000


def favourable_with_tolerance(s: float) -> Favourable:
    """Sex favoured by a 1-decimal gap: equality below 0.05 in absolute value (§6.7)."""
    if s == 0 or abs(s) < EQUALITY_TOLERANCE:
        return "equality"
    return "men" if s > 0 else "women"


def favourable_by_sign(g: float) -> Favourable:
    """Sex favoured by the sign alone, no tolerance (indicator 2et3, §8.5)."""
    if g > 0:
        return "men"
    return "women" if g < 0 else "equality"


def left_to_right_sum(values: Sequence[float]) -> float:
    """``S = 0.0; S = S + v`` for each value in order, as the simulator's loops (§2.1).

    Python ≥ 3.12's ``sum()`` compensates rounding errors on floats: never use it here.
    """
    total = 0.0
    for value in values:
        total += value
    return total
