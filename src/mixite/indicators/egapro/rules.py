"""The rules of the Index on aggregated cells (egapro.md §6–§12), in plain Python.

Every arithmetic step is a double operation in the order the spec writes, because the
official simulator's published points depend on it (§2.1, §17.8): ``(m − w) / m × 100``
for a group gap, ``adjusted × (n / V)`` for indicator 1's weight, ``(gap × n) / V`` for
indicators 2 and 3, sums left to right from ``0.0``, ``total × 100 / max`` for the index.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

import pyarrow as pa

from mixite.indicators.egapro import numeric as nm
from mixite.indicators.egapro.model import (
    CSPS,
    MAXIMA,
    SMALL_RANGE,
    T1,
    T2,
    T3,
    T5,
    T23,
    THRESHOLD_CSP,
    THRESHOLD_LEVEL,
    TOP_N,
    TWO_THREE_MIN,
    VALID_CSP_MIN,
    Counts,
    Indicator,
    PayInput,
    RaiseInput,
    RateInput,
    ReturnInput,
    RuleInput,
    TopTenInput,
)
from mixite.indicators.egapro.result import (
    IndexResult,
    IndexWarning,
    PayGapResult,
    RaiseGapResult,
    RateGapResult,
    ReturnResult,
    TopTenResult,
)
from mixite.indicators.egapro.scoring import index_of

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from mixite.indicators.core import IndicatorResult

MISSING_INPUT = "missing_input"


@dataclass(frozen=True, slots=True, kw_only=True)
class Evaluation:
    """What the rules give: the results, their intermediate tables, the warnings."""

    indicator1: PayGapResult
    indicator2: RateGapResult | None = None
    indicator3: RateGapResult | None = None
    indicator2et3: RaiseGapResult | None = None
    indicator4: ReturnResult
    indicator5: TopTenResult
    index: IndexResult
    details: Mapping[Indicator, dict[str, Any]]  # groups and counts, per indicator
    warnings: tuple[IndexWarning, ...] = ()

    @property
    def indicators(self) -> dict[Indicator, IndicatorResult]:
        """The band's indicators, in the order of §16.3."""
        return _band_indicators(
            self.indicator1,
            self.indicator2,
            self.indicator3,
            self.indicator2et3,
            self.indicator4,
            self.indicator5,
        )


def _band_indicators(
    *found: IndicatorResult | None,
) -> dict[Indicator, IndicatorResult]:
    names: tuple[Indicator, ...] = (
        "indicator1",
        "indicator2",
        "indicator3",
        "indicator2et3",
        "indicator4",
        "indicator5",
    )
    return {name: item for name, item in zip(names, found, strict=True) if item}


def evaluate(rules_input: RuleInput) -> Evaluation:
    """Every indicator of the band, then the index (§12)."""
    warnings: list[IndexWarning] = []
    details: dict[Indicator, dict[str, Any]] = {}
    blocked = rules_input.blocked
    ind1, details["indicator1"] = pay_gap(
        rules_input.indicator1, blocked.get("indicator1"), warnings
    )
    ind2, ind3, ind23 = _raises_and_promotions(rules_input, ind1, details, warnings)
    ind4 = maternity_returns(rules_input.indicator4, blocked.get("indicator4"))
    ind5 = top_ten(rules_input.indicator5, blocked.get("indicator5"))
    details["indicator4"] = {}
    details["indicator5"] = {}
    found = _band_indicators(ind1, ind2, ind3, ind23, ind4, ind5)
    return Evaluation(
        indicator1=ind1,
        indicator2=ind2,
        indicator3=ind3,
        indicator2et3=ind23,
        indicator4=ind4,
        indicator5=ind5,
        index=index_of(rules_input.workforce_range, found),
        details=details,
        warnings=tuple(warnings),
    )


def _raises_and_promotions(
    rules_input: RuleInput,
    ind1: PayGapResult,
    details: dict[Indicator, dict[str, Any]],
    warnings: list[IndexWarning],
) -> tuple[RateGapResult | None, RateGapResult | None, RaiseGapResult | None]:
    """Indicators 2 and 3 above 250 employees, 2et3 up to 250 (§1.3)."""
    blocked = rules_input.blocked
    if rules_input.workforce_range == SMALL_RANGE:
        ind23, details["indicator2et3"] = raise_gap(
            rules_input.indicator2et3,
            rules_input.totals if rules_input.headcount_known else None,
            blocked.get("indicator2et3"),
            ind1,
            warnings,
        )
        return None, None, ind23
    counts = rules_input.csp_counts if rules_input.headcount_known else None
    found = []
    names: tuple[Indicator, Indicator] = ("indicator2", "indicator3")
    for name in names:
        result, details[name] = rate_gap(
            name,
            getattr(rules_input, name),
            counts=counts,
            reason=blocked.get(name),
            indicator1=ind1,
            warnings=warnings,
        )
        found.append(result)
    return found[0], found[1], None


# --- indicator 1 (§6) ----------------------------------------------------------------------


def group_gap(men_pay: float | None, women_pay: float | None) -> float:
    """``((m − w) / m) × 100``; a null pay counts 0; 0 when not finite (§6.4)."""
    m = men_pay or 0.0
    w = women_pay or 0.0
    try:
        gap = ((m - w) / m) * 100
    except ZeroDivisionError:  # JavaScript gives ±Infinity or NaN, then 0
        return 0.0
    return gap if math.isfinite(gap) else 0.0


def adjust(gap: float, threshold: float) -> float:
    """Shrink a gap toward 0 by the pertinence threshold, never across it (§6.5)."""
    if gap > 0:
        return max(gap - threshold, 0.0)
    return min(gap + threshold, 0.0)


def pay_gap(
    block: PayInput | None, reason: str | None, warnings: list[IndexWarning]
) -> tuple[PayGapResult, dict[str, Any]]:
    """Indicator 1 over the cells in summation order (§6.2–§6.11)."""
    if block is None:
        blocked = PayGapResult(
            name="egapro.1", calculable=False, reason=reason or MISSING_INPUT
        )
        return blocked, {"groups": []}
    total = sum(cell.counts.total for cell in block.cells)
    valid = sum(cell.counts.total for cell in block.cells if cell.valid)
    groups, weighted_gaps = _pay_groups(block, valid, warnings)
    s = nm.left_to_right_sum(weighted_gaps)
    result = nm.round1(s)
    common: dict[str, Any] = {
        "name": "egapro.1",
        "valid_headcount": valid,
        "total_headcount": total,
        "tables": {"groups": pa.Table.from_pylist(groups)},
    }
    figures: dict[str, Any] = {
        "result": result,
        "favourable": nm.favourable_with_tolerance(s),
        "points": nm.points(T1, result),
        "raw_signed_gap": nm.diagnostic(s),
    }
    if not nm.enough_valid(valid, total):
        ignored = PayGapResult(
            calculable=False,
            reason="egvi40pcet",
            computed_but_ignored=figures,
            **common,
        )
        return ignored, {"groups": groups}
    found = PayGapResult(
        calculable=True,
        value=result,
        favourable=figures["favourable"],
        points=figures["points"],
        raw_signed_gap=figures["raw_signed_gap"],
        **common,
    )
    return found, {"groups": groups}


def _pay_groups(
    block: PayInput, valid: int, warnings: list[IndexWarning]
) -> tuple[list[dict[str, Any]], list[float]]:
    """``details.indicator1.groups`` and the weighted gaps of the valid cells (§6.4–§6.6)."""
    threshold = THRESHOLD_CSP if block.mode == "csp" else THRESHOLD_LEVEL
    key = "category" if block.mode == "csp" else "level"
    groups: list[dict[str, Any]] = []
    weighted_gaps: list[float] = []
    for cell in block.cells:
        group: dict[str, Any] = {
            key: cell.group,
            "age_band": cell.age_band,
            "women": cell.counts.women,
            "men": cell.counts.men,
            "valid": cell.valid,
            **dict.fromkeys(_GROUP_VALUES),
        }
        groups.append(group)
        if not cell.valid:
            continue
        if cell.women_avg_pay is None or cell.men_avg_pay is None:
            warnings.append(
                IndexWarning(
                    code="valid_group_without_pay",
                    params={"group": f"{cell.group} {cell.age_band}"},
                )
            )
        gap = group_gap(cell.men_avg_pay, cell.women_avg_pay)
        adjusted = adjust(gap, threshold)
        weighted = adjusted * (cell.counts.total / valid)  # the ratio first (§6.6)
        weighted_gaps.append(weighted)
        group.update(
            women_avg_pay=cell.women_avg_pay,
            men_avg_pay=cell.men_avg_pay,
            gap_pct=nm.diagnostic(gap),
            declared_gap_pct=nm.declared(gap),
            adjusted_gap_pct=nm.diagnostic(adjusted),
            weighted_gap_pct=nm.diagnostic(weighted),
        )
    return groups, weighted_gaps


_GROUP_VALUES = (
    "women_avg_pay",
    "men_avg_pay",
    "gap_pct",
    "declared_gap_pct",
    "adjusted_gap_pct",
    "weighted_gap_pct",
)


# --- catch-up (§9) -------------------------------------------------------------------------


def catch_up(indicator1: PayGapResult, favourable: str) -> bool:
    """The gap favours the sex indicator 1 shows as less well paid (string comparison)."""
    return (
        indicator1.calculable
        and indicator1.points is not None
        and indicator1.points < MAXIMA["indicator1"]
        and indicator1.favourable != favourable
    )


# --- indicators 2 and 3 (§7) ---------------------------------------------------------------


_RATE_TABLES: Final[Mapping[str, tuple[str, Sequence[int], str]]] = {
    "indicator2": ("egapro.2", T2, "absaugi"),
    "indicator3": ("egapro.3", T3, "absprom"),
}


def rate_gap(
    name: Indicator,
    block: RateInput | None,
    *,
    counts: Mapping[str, Counts] | None,
    reason: str | None,
    indicator1: PayGapResult,
    warnings: list[IndexWarning],
) -> tuple[RateGapResult, dict[str, Any]]:
    """Indicator 2 (raises) or 3 (promotions) over the four CSPs (§7.2–§7.9)."""
    code, table, nobody = _RATE_TABLES[name]
    if block is None or counts is None:
        blocked = RateGapResult(
            name=code, calculable=False, reason=reason or MISSING_INPUT
        )
        return blocked, {"groups": []}
    total = sum(counts[csp].total for csp in CSPS)
    valid = sum(counts[csp].total for csp in CSPS if _valid_csp(counts[csp]))
    groups, weighted_gaps = _rate_groups(block, counts, valid)
    figures = rate_figures(nm.left_to_right_sum(weighted_gaps), table, indicator1)
    common: dict[str, Any] = {
        "name": code,
        "valid_headcount": valid,
        "total_headcount": total,
        "tables": {"groups": pa.Table.from_pylist(groups)},
    }
    if not nm.enough_valid(valid, total):
        ignored = figures if block.declared_calculable else None
        result = RateGapResult(
            calculable=False,
            reason="egvi40pcet",
            computed_but_ignored=ignored,
            **common,
        )
    elif not block.declared_calculable:
        result = RateGapResult(calculable=False, reason=nobody, **common)
    else:
        if _all_zero(block):
            warnings.append(
                IndexWarning(code="declared_without_raise", params={"indicator": name})
            )
        values = {k: v for k, v in figures.items() if k != "result"}
        result = RateGapResult(
            calculable=True, value=figures["result"], **values, **common
        )
    return result, {"groups": groups}


def _rate_groups(
    block: RateInput, counts: Mapping[str, Counts], valid: int
) -> tuple[list[dict[str, Any]], list[float]]:
    """``details.indicatorX.groups`` and the weighted gaps of the valid CSPs (§7.4)."""
    groups = []
    weighted_gaps: list[float] = []
    for csp in CSPS:
        group = _rate_group(csp, counts[csp], block)
        groups.append(group)
        if _valid_csp(counts[csp]):
            women, men = block.rates_pct.get(csp, (None, None))
            gap = (men or 0.0) - (women or 0.0)  # a null rate counts 0 (§7.4)
            weighted = (gap * counts[csp].total) / valid  # the product first
            weighted_gaps.append(weighted)
            if block.declared_calculable:
                group["weighted_gap_pct"] = nm.diagnostic(weighted)
    return groups, weighted_gaps


def _valid_csp(counts: Counts) -> bool:
    return counts.women >= VALID_CSP_MIN and counts.men >= VALID_CSP_MIN


def rate_figures(
    s: float, table: Sequence[int], indicator1: PayGapResult
) -> dict[str, Any]:
    result = nm.round1(s)
    favourable = nm.favourable_with_tolerance(s)
    own = nm.points(table, result)
    applied = catch_up(indicator1, favourable)
    return {
        "result": result,
        "favourable": favourable,
        "points_before_catch_up": own,
        "catch_up_applied": applied,
        "points": table[0] if applied else own,
        "raw_signed_gap": nm.diagnostic(s),
    }


def _rate_group(csp: str, counts: Counts, block: RateInput) -> dict[str, Any]:
    """One row of ``details.indicatorX.groups``; rates only for declared, valid CSPs."""
    valid = _valid_csp(counts)
    group: dict[str, Any] = {
        "category": csp,
        "women": counts.women,
        "men": counts.men,
        "valid": valid,
        "women_rate_pct": None,
        "men_rate_pct": None,
        "gap_pct": None,
        "declared_gap_pct": None,
        "weighted_gap_pct": None,
    }
    if valid and block.declared_calculable:
        women, men = block.rates_pct.get(csp, (None, None))
        gap = (men or 0.0) - (women or 0.0)
        group.update(
            women_rate_pct=nm.diagnostic(women),
            men_rate_pct=nm.diagnostic(men),
            gap_pct=nm.diagnostic(gap),
            declared_gap_pct=nm.declared(gap),
        )
    return group


def _all_zero(block: RateInput) -> bool:
    return all(not rate for pair in block.rates_pct.values() for rate in pair)


# --- indicator 2et3 (§8) -------------------------------------------------------------------


def raise_gap(
    block: RaiseInput | None,
    totals: Counts | None,
    reason: str | None,
    indicator1: PayGapResult,
    warnings: list[IndexWarning],
) -> tuple[RaiseGapResult, dict[str, Any]]:
    """Indicator 2et3: two scales, the better one kept (§8.2–§8.5)."""
    details = _raise_details(block, totals)
    if block is None or totals is None:
        result = RaiseGapResult(
            name="egapro.2et3", calculable=False, reason=reason or MISSING_INPUT
        )
        return result, details
    w, m = totals.women, totals.men
    figures = None
    if w > 0 and m > 0:
        figures = _raise_figures(block, w, m, indicator1)
    if w < TWO_THREE_MIN or m < TWO_THREE_MIN:
        ignored = figures if block.declared_calculable else None
        result = RaiseGapResult(
            name="egapro.2et3",
            calculable=False,
            reason="etsno5f5h",
            computed_but_ignored=ignored,
        )
    elif not block.declared_calculable or figures is None:
        result = RaiseGapResult(name="egapro.2et3", calculable=False, reason="absaugi")
    else:
        if block.raised_women == 0 and block.raised_men == 0:
            warnings.append(
                IndexWarning(
                    code="declared_without_raise", params={"indicator": "indicator2et3"}
                )
            )
        values = {k: v for k, v in figures.items() if k not in {"result", "result_pct"}}
        result = RaiseGapResult(
            name="egapro.2et3", calculable=True, value=figures["result_pct"], **values
        )
    return result, details


def _raise_figures(
    block: RaiseInput, w: int, m: int, indicator1: PayGapResult
) -> dict[str, Any]:
    g = block.raised_men / m - block.raised_women / w  # rate_m − rate_w (§8.3)
    result_pct = nm.jsround(abs(g * 100) * 10) / 10
    result_employees = nm.jsround(abs(g * min(w, m)) * 10) / 10
    points_pct = nm.points(T23, result_pct)
    points_employees = nm.points(T23, result_employees)
    own = max(points_pct, points_employees)
    favourable = nm.favourable_by_sign(g)
    applied = catch_up(indicator1, favourable)
    return {
        "result": result_pct,
        "result_pct": result_pct,
        "result_employees": result_employees,
        "points_pct": points_pct,
        "points_employees": points_employees,
        "favourable": favourable,
        "points_before_catch_up": own,
        "catch_up_applied": applied,
        "points": T23[0] if applied else own,
        "raw_signed_gap": nm.diagnostic(g * 100),
    }


def _raise_details(block: RaiseInput | None, totals: Counts | None) -> dict[str, Any]:
    def rate(raised: int | None, n: int | None) -> float | None:
        if raised is None or not n:
            return None
        return nm.diagnostic((raised * 100) / n)

    w = None if totals is None else totals.women
    m = None if totals is None else totals.men
    raised_w = None if block is None else block.raised_women
    raised_m = None if block is None else block.raised_men
    return {
        "women_headcount": w,
        "men_headcount": m,
        "raised_women": raised_w,
        "raised_men": raised_m,
        "women_rate_pct": rate(raised_w, w),
        "men_rate_pct": rate(raised_m, m),
    }


# --- indicators 4 and 5 (§10, §11) ---------------------------------------------------------


def maternity_returns(block: ReturnInput | None, reason: str | None) -> ReturnResult:
    """Indicator 4: 15 points when everyone returning got the raise due (§10)."""
    name = "egapro.4"
    if block is None:
        return ReturnResult(name=name, calculable=False, reason=reason or MISSING_INPUT)
    if not block.declared_calculable:
        return ReturnResult(name=name, calculable=False, reason="absrcm")
    if block.returned == 0:
        return ReturnResult(name=name, calculable=False, reason="absaugpdtcm")
    rate = block.raised / block.returned
    return ReturnResult(
        name=name,
        calculable=True,
        value=rate,
        result_pct_declared=math.floor(rate * 100),  # truncated, on doubles (§10.3)
        points=MAXIMA["indicator4"] if math.floor(rate) == 1 else 0,
    )


def top_ten(block: TopTenInput | None, reason: str | None) -> TopTenResult:
    """Indicator 5: the number of the under-represented sex among the top ten (§11)."""
    name = "egapro.5"
    if block is None:
        return TopTenResult(name=name, calculable=False, reason=reason or MISSING_INPUT)
    if block.women + block.men != TOP_N:
        return TopTenResult(name=name, calculable=False, reason="top10_incomplete")
    result = min(block.women, block.men)
    over: nm.Favourable = "equality"
    if block.women != block.men:
        over = "women" if block.women > block.men else "men"
    return TopTenResult(
        name=name,
        calculable=True,
        value=result,
        over_represented=over,
        points=T5[result],
    )
