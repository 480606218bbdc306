"""The aggregated cells of the Index: the official simulator's input (egapro.md §16.2).

Both entry points meet here: ``from_aggregates()`` parses JSON into :class:`Aggregates`,
and ``compute()`` derives the same cells from employee rows (§5), so that the rules of
§6–§12 run on one input type and the two paths cannot drift apart (§5.9).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final, Literal

if TYPE_CHECKING:
    from collections.abc import Mapping

WorkforceRange = Literal["50:250", "251:999", "1000:"]
Mode = Literal["csp", "niveau_branche", "niveau_autre"]
Indicator = Literal[
    "indicator1",
    "indicator2",
    "indicator3",
    "indicator2et3",
    "indicator4",
    "indicator5",
]

RANGES: Final[tuple[WorkforceRange, ...]] = ("50:250", "251:999", "1000:")
SMALL_RANGE: Final = "50:250"  # indicator 2et3 instead of 2 and 3 (§1.3)
RIXAIN_RANGE: Final = "1000:"  # flags the Rixain obligation (§14.1)
MODES: Final[tuple[Mode, ...]] = ("csp", "niveau_branche", "niveau_autre")
CSPS: Final = ("ouv", "emp", "tam", "ic")  # INSEE categories, summation order (§5.5)
AGE_BANDS: Final = (":29", "30:39", "40:49", "50:")  # fixed by law (§4.3)

# Points tables, indexed by ceil(result) (§2.4); annex of D1142-2 and D1142-2-1.
T1: Final = (
    40,
    39,
    38,
    37,
    36,
    35,
    34,
    33,
    31,
    29,
    27,
    25,
    23,
    21,
    19,
    17,
    14,
    11,
    8,
    5,
    2,
    0,
)
T2: Final = (20, 20, 20, 10, 10, 10, 5, 5, 5, 5, 5, 0)
T3: Final = (15, 15, 15, 10, 10, 10, 5, 5, 5, 5, 5, 0)
T23: Final = (35, 35, 35, 25, 25, 25, 15, 15, 15, 15, 15, 0)
T5: Final = (0, 0, 5, 5, 10, 10)

MAXIMA: Final[Mapping[Indicator, int]] = {
    "indicator1": 40,
    "indicator2": 20,
    "indicator3": 15,
    "indicator2et3": 35,
    "indicator4": 15,
    "indicator5": 10,
}
INDICATORS: Final[Mapping[WorkforceRange, tuple[Indicator, ...]]] = {
    "50:250": ("indicator1", "indicator2et3", "indicator4", "indicator5"),
    "251:999": ("indicator1", "indicator2", "indicator3", "indicator4", "indicator5"),
    "1000:": ("indicator1", "indicator2", "indicator3", "indicator4", "indicator5"),
}
INDEX_MIN_POINTS: Final = 75  # below: corrective measures (L1142-9, D1142-6)
OBJECTIVES_BELOW: Final = 85  # below: progress objectives (L1142-9-1, D1142-6-1)
OBJECTIVES_FROM_PERIOD: Final = 2021  # objectives apply from the 2021 indicators
CALCULABLE_MAX_POINTS: Final = (
    75  # the index needs at least 75 calculable points (§12.2)
)
TOP_N: Final = 10  # indicator 5 compares the ten highest pays (§11)
PRESENCE_MIN_MONTHS: Final = 6.0  # §4.2, inclusive
PRESENCE_TOLERANCE: Final = 1e-9  # absorbs double rounding only
VALID_CELL_MIN: Final = 3  # indicator 1: at least 3 women and 3 men (§6.2)
VALID_CSP_MIN: Final = 10  # indicators 2 and 3: at least 10 women and 10 men (§7.2)
TWO_THREE_MIN: Final = 5  # indicator 2et3: at least 5 women and 5 men (§8.2)
THRESHOLD_CSP: Final = 5.0  # pertinence threshold of indicator 1 by CSP (§6.5)
THRESHOLD_LEVEL: Final = 2.0  # ... and by level


@dataclass(frozen=True, slots=True, kw_only=True)
class Counts:
    """Women and men of a group."""

    women: int = 0
    men: int = 0

    @property
    def total(self) -> int:
        return self.women + self.men


@dataclass(frozen=True, slots=True, kw_only=True)
class PayCell:
    """One indicator-1 group: CSP (or level) × age band, counts, average FTE pays."""

    group: str  # a CSP code in mode "csp", a level otherwise
    age_band: str
    counts: Counts
    women_avg_pay: float | None = None
    men_avg_pay: float | None = None

    @property
    def valid(self) -> bool:
        return self.counts.women >= VALID_CELL_MIN and self.counts.men >= VALID_CELL_MIN


@dataclass(frozen=True, slots=True, kw_only=True)
class PayInput:
    """Indicator 1: the cells in summation order (the 16 of §5.5 in mode "csp")."""

    mode: Mode
    cells: tuple[PayCell, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class RateInput:
    """Indicators 2 and 3: percentages of women and men raised (promoted) per CSP."""

    declared_calculable: bool
    rates_pct: Mapping[str, tuple[float | None, float | None]] = field(
        default_factory=dict
    )  # csp -> (women, men); a missing CSP counts null


@dataclass(frozen=True, slots=True, kw_only=True)
class RaiseInput:
    """Indicator 2et3: people raised at least once, promotion raises included."""

    declared_calculable: bool
    raised_women: int = 0
    raised_men: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class ReturnInput:
    """Indicator 4: returns from maternity or adoption leave, and those raised."""

    declared_calculable: bool
    returned: int = 0
    raised: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class TopTenInput:
    """Indicator 5: women and men among the ten highest pays."""

    women: int
    men: int


@dataclass(frozen=True, slots=True, kw_only=True)
class RuleInput:
    """Everything the rules read; a ``None`` block is not calculable with ``blocked``.

    ``csp_counts`` (indicators 2 and 3) and ``totals`` (2et3) are the headcount table's
    sums in aggregated mode and the population's in employee mode, which are equal
    whenever the headcount table exists.
    """

    workforce_range: WorkforceRange
    indicator1: PayInput | None
    csp_counts: Mapping[str, Counts] | None
    totals: Counts
    indicator2: RateInput | None = None
    indicator3: RateInput | None = None
    indicator2et3: RaiseInput | None = None
    indicator4: ReturnInput | None = None
    indicator5: TopTenInput | None = None
    blocked: Mapping[Indicator, str] = field(default_factory=dict)  # -> reason code
    headcount_known: bool = True  # indicators 1, 2, 3: headcounts are known


@dataclass(frozen=True, slots=True, kw_only=True)
class Aggregates:
    """The aggregated input of §16.2, parsed and checked."""

    workforce_range: WorkforceRange
    headcount: Mapping[str, Mapping[str, Counts]]  # all 16 cells
    indicator1: PayInput
    indicator2: RateInput | None = None
    indicator3: RateInput | None = None
    indicator2et3: RaiseInput | None = None
    indicator4: ReturnInput | None = None
    indicator5: TopTenInput | None = None

    def csp_counts(self) -> dict[str, Counts]:
        """Per CSP, the sums over the age bands (§7.2)."""
        return {
            csp: Counts(
                women=sum(c.women for c in bands.values()),
                men=sum(c.men for c in bands.values()),
            )
            for csp, bands in self.headcount.items()
        }

    def rule_input(self, blocked: Mapping[Indicator, str] | None = None) -> RuleInput:
        by_csp = self.csp_counts()
        return RuleInput(
            workforce_range=self.workforce_range,
            indicator1=self.indicator1,
            csp_counts=by_csp,
            totals=Counts(
                women=sum(c.women for c in by_csp.values()),
                men=sum(c.men for c in by_csp.values()),
            ),
            indicator2=self.indicator2,
            indicator3=self.indicator3,
            indicator2et3=self.indicator2et3,
            indicator4=self.indicator4,
            indicator5=self.indicator5,
            blocked=dict(blocked or {}),
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON input of §16.2: what users paste into the official simulator."""
        data: dict[str, Any] = {
            "workforce_range": self.workforce_range,
            "headcount": {
                csp: {
                    band: {"women": c.women, "men": c.men} for band, c in bands.items()
                }
                for csp, bands in self.headcount.items()
            },
            "indicator1": _pay_dict(self.indicator1),
        }
        if self.workforce_range == SMALL_RANGE:
            data["indicator2et3"] = _raise_dict(self.indicator2et3)
        else:
            data["indicator2"] = _rate_dict(self.indicator2)
            data["indicator3"] = _rate_dict(self.indicator3)
        data["indicator4"] = _return_dict(self.indicator4)
        data["indicator5"] = (
            None
            if self.indicator5 is None
            else {"women": self.indicator5.women, "men": self.indicator5.men}
        )
        return data


def _pay_dict(block: PayInput) -> dict[str, Any]:
    key = "category" if block.mode == "csp" else "level"
    return {
        "mode": block.mode,
        "cells": [
            {
                key: cell.group,
                "age_band": cell.age_band,
                "women": cell.counts.women,
                "men": cell.counts.men,
                "women_avg_pay": cell.women_avg_pay,
                "men_avg_pay": cell.men_avg_pay,
            }
            for cell in block.cells
        ],
    }


def _rate_dict(block: RateInput | None) -> dict[str, Any] | None:
    if block is None:
        return None
    return {
        "declared_calculable": block.declared_calculable,
        "rates_pct": {
            csp: {"women": women, "men": men}
            for csp, (women, men) in block.rates_pct.items()
        },
    }


def _raise_dict(block: RaiseInput | None) -> dict[str, Any] | None:
    if block is None:
        return None
    return {
        "declared_calculable": block.declared_calculable,
        "raised_women": block.raised_women,
        "raised_men": block.raised_men,
    }


def _return_dict(block: ReturnInput | None) -> dict[str, Any] | None:
    if block is None:
        return None
    return {
        "declared_calculable": block.declared_calculable,
        "returned": block.returned,
        "raised": block.raised,
    }
