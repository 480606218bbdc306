"""The gap object of A–D and G: formula, rounding, the 5 % test (directive.md §3).

``(men − women) / men`` (K1), stored unrounded; ratio and percent are rounded only when
written, the percent from the unrounded ratio (§3.2), and the 5 % test is made on the
unrounded value (K3) so that a gap displayed "5,0 %" but below 5 % does not trigger.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from mixite.indicators.directive.numbers import (
    NOT_CALCULABLE,
    format_percent,
    percent_half_up,
    round_half_up,
)
from mixite.indicators.directive.options import DIRECTIONS

if TYPE_CHECKING:
    from mixite.indicators.directive.options import Direction

THRESHOLD_PERCENT: Final = 5.0  # directive art. 10(1)(a); French platform constants.ts
GUARD: Final = (
    1e-9  # §3.3: absorbs the floating-point noise of an exact 5 %, no tolerance
)

JsonDict = dict[str, Any]


def is_high(
    ratio: float | None,
    direction: Direction = "absolute",
    threshold_percent: float = THRESHOLD_PERCENT,
) -> bool:
    """The 5 % test on the unrounded ratio, absolute or only against women (K4)."""
    if ratio is None:
        return False
    limit = threshold_percent / 100 - GUARD
    return (abs(ratio) if direction == "absolute" else ratio) >= limit


def amount(value: float | None) -> float | None:
    """An amount (€ or €/h) as written in results: 2 decimals, half-up (§3.2)."""
    return None if value is None else round_half_up(value, 2)


@dataclass(frozen=True, slots=True, kw_only=True)
class SexValue:
    """One side of a gap: the number of values entering the statistic and its value."""

    n: int | None
    value: float | None  # unrounded mean or median

    def to_dict(self) -> JsonDict:
        return {"n": self.n, "value": amount(self.value)}


@dataclass(frozen=True, slots=True, kw_only=True)
class Gap:
    """A gap between women and men; ``calculable`` exactly when ``reason`` is None."""

    calculable: bool
    reason: str | None
    women: SexValue
    men: SexValue
    gap_ratio_exact: float | None
    high: bool
    gap_source: str | None = None  # GIP mode: "published" | "recomputed"
    from_gip: bool = False  # GIP mode: the JSON has the key gap_source, null when NC

    @property
    def gap_ratio(self) -> float | None:
        exact = self.gap_ratio_exact
        return None if exact is None else round_half_up(exact, 4)

    @property
    def gap_percent(self) -> float | None:
        exact = self.gap_ratio_exact
        return None if exact is None else percent_half_up(exact)

    @property
    def gap_percent_exact(self) -> float | None:
        """The unrounded percent, ``gap_ratio_exact × 100`` in doubles (§7.4)."""
        exact = self.gap_ratio_exact
        return None if exact is None else exact * 100

    @property
    def display(self) -> str:
        return (
            NOT_CALCULABLE
            if self.gap_percent is None
            else format_percent(self.gap_percent)
        )

    def to_dict(self) -> JsonDict:
        """The A–D gap object of the JSON (with ``gap_source`` in GIP mode only)."""
        out: JsonDict = {
            "calculable": self.calculable,
            "reason": self.reason,
            "women": self.women.to_dict(),
            "men": self.men.to_dict(),
            "gap_ratio": self.gap_ratio,
            "gap_percent": self.gap_percent,
            "display": self.display,
            "high": self.high,
        }
        if self.from_gip:
            out["gap_source"] = self.gap_source
        return out

    def measure_dict(self) -> JsonDict:
        """The G measure object: the two means first, then the gap (§7.2)."""
        return {
            "women": amount(self.women.value),
            "men": amount(self.men.value),
            "calculable": self.calculable,
            "reason": self.reason,
            "gap_ratio": self.gap_ratio,
            "gap_percent": self.gap_percent,
            "display": self.display,
            "high": self.high,
        }


def not_calculable(reason: str, women: SexValue, men: SexValue) -> Gap:
    return Gap(
        calculable=False,
        reason=reason,
        women=women,
        men=men,
        gap_ratio_exact=None,
        high=False,
    )


def make_gap(
    women: SexValue,
    men: SexValue,
    *,
    direction: Direction = "absolute",
    reason: str | None = None,
) -> Gap:
    """The gap of two values, unless a population check already gave a ``reason``."""
    if reason is None:
        if women.value is None:
            reason = "no_women"
        elif men.value is None:
            reason = "no_men"
        elif men.value == 0:
            reason = "men_value_zero"
    if reason is not None:
        return not_calculable(reason, women, men)
    assert women.value is not None  # noqa: S101 - checked above
    assert men.value is not None  # noqa: S101
    exact = (men.value - women.value) / men.value
    return Gap(
        calculable=True,
        reason=None,
        women=women,
        men=men,
        gap_ratio_exact=exact,
        high=is_high(exact, direction),
    )


def gap(
    women: float | None, men: float | None, *, direction: Direction = "absolute"
) -> Gap:
    """The gap of two values (public API, acceptance example DIR-07).

    >>> gap(38000, 40000).display
    '5,0\\xa0%'
    """
    if direction not in DIRECTIONS:
        raise ValueError(
            f"direction={direction!r}: expected one of {' | '.join(DIRECTIONS)}"
        )
    return make_gap(
        SexValue(n=None, value=None if women is None else float(women)),
        SexValue(n=None, value=None if men is None else float(men)),
        direction=direction,
    )
