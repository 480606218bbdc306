"""The rules of §6–§12 on aggregated cells: EG-02 to EG-13 and EG-27 to EG-29."""

from __future__ import annotations

from typing import Any

import pytest

from mixite.indicators import egapro
from mixite.indicators.core import IndicatorResult
from mixite.indicators.egapro import numeric as nm
from mixite.indicators.egapro import rules, scoring
from mixite.indicators.egapro.model import (
    T2,
    T3,
    Counts,
    RaiseInput,
    ReturnInput,
    TopTenInput,
)
from mixite.indicators.egapro.result import IndexResult, IndexWarning, PayGapResult
from tests.indicators.egapro.helpers import aggregated

# --- EG-02: pertinence threshold ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("gap", "csp", "level"),
    [
        (7.3, 2.3, 5.3),
        (5.0, 0.0, 3.0),
        (4.9, 0.0, 2.9),
        (2.0, 0.0, 0.0),
        (1.5, 0.0, 0.0),
        (-1.9, 0.0, 0.0),
        (-6.0, -1.0, -4.0),
        (-30.0, -25.0, -28.0),
    ],
)
def test_EG_02_pertinence_threshold(gap: float, csp: float, level: float) -> None:
    assert round(rules.adjust(gap, 5.0), 6) == csp
    assert round(rules.adjust(gap, 2.0), 6) == level


def test_EG_02_a_5_percent_gap_from_pays() -> None:
    gap = rules.group_gap(30_000.0, 28_500.0)
    assert gap == 5.0
    assert rules.adjust(gap, 5.0) == 0.0


@pytest.mark.parametrize(
    ("men", "women", "gap"),
    [
        (None, None, 0.0),
        (0.0, 10.0, 0.0),
        (None, 30_000.0, 0.0),
        (30_000.0, None, 100.0),
    ],
)
def test_a_missing_or_zero_pay_reproduces_the_simulator(
    men: float | None, women: float | None, gap: float
) -> None:
    assert rules.group_gap(men, women) == gap


# --- EG-03: validity, 40 % rule, malformed pay -------------------------------------------------


def _cells(*cells: tuple[int, int, float | None, float | None]) -> list[Any]:
    """Cells in summation order, placed in the first CSP × age-band slots."""
    slots = [
        (c, b)
        for c in ("ouv", "emp", "tam", "ic")
        for b in (":29", "30:39", "40:49", "50:")
    ]
    return [(*slot, *cell) for slot, cell in zip(slots, cells, strict=False)]


def ind1(*cells: tuple[int, int, float | None, float | None]) -> dict[str, Any]:
    found: dict[str, Any] = egapro.from_aggregates(
        aggregated(cells=_cells(*cells))
    ).to_dict()
    return dict(found["indicator1"])


def test_EG_03_exactly_40_percent_is_enough() -> None:
    found = ind1((3, 5, 30_000.0, 33_000.0), (1, 11, None, None))
    assert (found["valid_headcount"], found["total_headcount"]) == (8, 20)
    assert found["calculable"] is True
    assert (found["result"], found["favourable"], found["points"]) == (4.1, "men", 35)
    assert found["raw_signed_gap"] == 4.090909
    assert found["computed_but_ignored"] is None


def test_EG_03_35_percent_is_not_enough() -> None:
    found = ind1((3, 4, 30_000.0, 33_000.0), (1, 12, None, None))
    assert (found["valid_headcount"], found["total_headcount"]) == (7, 20)
    assert (found["calculable"], found["not_calculable_reason"]) == (
        False,
        "egvi40pcet",
    )
    assert found["result"] is found["points"] is found["raw_signed_gap"] is None
    assert found["computed_but_ignored"] == {
        "result": 4.1,
        "favourable": "men",
        "points": 35,
        "raw_signed_gap": 4.090909,
    }


def test_EG_03_two_women_is_not_a_valid_group() -> None:
    found = ind1((2, 30, None, None), (10, 10, 28_000.0, 30_000.0))
    assert (found["valid_headcount"], found["total_headcount"]) == (20, 52)
    assert found["not_calculable_reason"] == "egvi40pcet"
    assert found["computed_but_ignored"] == {
        "result": 1.7,
        "favourable": "men",
        "points": 38,
        "raw_signed_gap": 1.666667,
    }


def test_EG_03_empty_headcount() -> None:
    found = ind1((0, 0, None, None))
    assert (found["valid_headcount"], found["total_headcount"]) == (0, 0)
    assert found["not_calculable_reason"] == "egvi40pcet"
    assert found["computed_but_ignored"] == {
        "result": 0.0,
        "favourable": "equality",
        "points": 40,
        "raw_signed_gap": 0.0,
    }


def test_EG_03_women_pay_missing_gives_a_100_percent_gap() -> None:
    result = egapro.from_aggregates(aggregated(cells=_cells((3, 3, None, 30_000.0))))
    found = result.to_dict()["indicator1"]
    assert (found["valid_headcount"], found["total_headcount"]) == (6, 6)
    assert (found["result"], found["favourable"], found["points"]) == (95.0, "men", 0)
    assert [w.code for w in result.warnings] == ["valid_group_without_pay"]


def test_EG_03_men_pay_missing_gives_no_gap() -> None:
    result = egapro.from_aggregates(aggregated(cells=_cells((3, 3, 30_000.0, None))))
    found = result.to_dict()["indicator1"]
    assert (found["result"], found["favourable"], found["points"]) == (
        0.0,
        "equality",
        40,
    )
    assert [w.code for w in result.warnings] == ["valid_group_without_pay"]


# --- EG-04: level mode -------------------------------------------------------------------------

EG04 = [
    ("N1", ":29", 4, 6, 22_000.0, 22_300.0),
    ("N1", "30:39", 5, 5, 23_000.0, 24_100.0),
    ("N2", "30:39", 3, 8, 28_000.0, 29_500.0),
    ("N2", "40:49", 6, 4, 31_000.0, 30_000.0),
    ("N3", "40:49", 2, 7, None, None),
    ("N3", "50:", 3, 3, 52_000.0, 55_000.0),
]


def level_input(mode: str = "niveau_branche", women: int = 23) -> dict[str, Any]:
    data = aggregated(cells=[], mode=mode)
    data["headcount"]["ouv"][":29"] = {"women": women, "men": 33}
    data["indicator1"]["cells"] = [
        {"level": lv, "age_band": b, "women": w, "men": m, "women_avg_pay": wp,
         "men_avg_pay": mp}
        for lv, b, w, m, wp, mp in EG04
    ]  # fmt: skip
    return data


@pytest.mark.parametrize("mode", ["niveau_branche", "niveau_autre"])
def test_EG_04_level_mode(mode: str) -> None:
    result = egapro.from_aggregates(level_input(mode)).to_dict()
    found = result["indicator1"]
    assert (found["valid_headcount"], found["total_headcount"]) == (47, 56)
    assert found["raw_signed_gap"] == 1.424879
    assert (found["result"], found["favourable"], found["points"]) == (1.4, "men", 38)
    groups = result["details"]["indicator1"]["groups"]
    assert [g["level"] for g in groups] == ["N1", "N1", "N2", "N2", "N3", "N3"]
    assert [g["gap_pct"] for g in groups] == [
        1.345291,
        4.564315,
        5.084746,
        -3.333333,
        None,
        5.454545,
    ]
    assert [g["adjusted_gap_pct"] for g in groups] == [
        0.0,
        2.564315,
        3.084746,
        -1.333333,
        None,
        3.454545,
    ]
    assert [g["weighted_gap_pct"] for g in groups] == [
        0.0,
        0.545599,
        0.721962,
        -0.283688,
        None,
        0.441006,
    ]
    assert result["details"]["mode"] == mode


def test_EG_04_the_same_cells_by_csp() -> None:
    cells = [("ouv", ":29"), ("ouv", "30:39"), ("emp", "30:39"), ("emp", "40:49"),
             ("tam", "40:49"), ("tam", "50:")]  # fmt: skip
    data = aggregated(
        cells=[
            (c, b, w, m, wp, mp)
            for (c, b), (_, _, w, m, wp, mp) in zip(cells, EG04, strict=True)
        ]
    )
    found = egapro.from_aggregates(data).to_dict()["indicator1"]
    assert found["raw_signed_gap"] == 0.077861
    assert (found["result"], found["points"]) == (0.1, 39)


def test_EG_04_level_totals_must_equal_the_headcount() -> None:
    with pytest.raises(egapro.AggregatesError) as raised:
        egapro.from_aggregates(level_input(women=24))
    assert raised.value.path == "$.indicator1.cells"
    assert "23 women" in str(raised.value)


# --- EG-06: CSP validity, 40 % rule, reason precedence -----------------------------------------


def eg06(ic: tuple[int, int], declared: bool, rates: dict[str, Any]) -> dict[str, Any]:
    counts = {"ouv": (9, 60), "emp": (30, 12), "tam": (10, 10), "ic": ic}
    cells = [(c, ":29", w, m, 37_000.0, 40_000.0) for c, (w, m) in counts.items()]
    block = {"declared_calculable": declared, "rates_pct": rates}
    data = aggregated(cells=cells, indicator2=block, indicator3=block)
    return egapro.from_aggregates(data).to_dict()


RATES_A = {"emp": {"women": 40, "men": 45}, "tam": {"women": 30, "men": 40}}


def test_EG_06_indicator_1_is_calculable_with_37_points() -> None:
    found = eg06((8, 40), True, RATES_A)["indicator1"]
    assert (found["points"], found["favourable"]) == (37, "men")


def test_EG_06_a_egvi40pcet_with_what_was_computed() -> None:
    found = eg06((8, 40), True, RATES_A)
    two, three = found["indicator2"], found["indicator3"]
    assert (two["valid_headcount"], two["total_headcount"]) == (62, 179)
    assert (
        two["not_calculable_reason"] == three["not_calculable_reason"] == "egvi40pcet"
    )
    assert two["computed_but_ignored"] == {
        "result": 6.6,
        "favourable": "men",
        "points_before_catch_up": 5,
        "catch_up_applied": False,
        "points": 5,
        "raw_signed_gap": 6.612903,
    }


def test_EG_06_b_egvi40pcet_comes_before_absaugi() -> None:
    found = eg06((8, 40), False, {})
    assert found["indicator2"]["not_calculable_reason"] == "egvi40pcet"
    assert found["indicator3"]["not_calculable_reason"] == "egvi40pcet"
    assert found["indicator2"]["computed_but_ignored"] is None
    assert (
        found["indicator2"]["valid_headcount"],
        found["indicator2"]["total_headcount"],
    ) == (
        62,
        179,
    )


def test_EG_06_c_no_raise_no_promotion() -> None:
    found = eg06((10, 40), False, {})
    assert (
        found["indicator2"]["valid_headcount"],
        found["indicator2"]["total_headcount"],
    ) == (
        112,
        181,
    )
    assert found["indicator2"]["not_calculable_reason"] == "absaugi"
    assert found["indicator3"]["not_calculable_reason"] == "absprom"


def test_EG_06_d_calculable() -> None:
    rates = {**RATES_A, "ic": {"women": 20, "men": 22.5}, "ouv": None}
    found = eg06((10, 40), True, rates)
    two = found["indicator2"]
    assert two["calculable"] is True
    assert two["raw_signed_gap"] == 4.776786
    assert (two["result"], two["favourable"], two["points"]) == (4.8, "men", 10)
    groups = found["details"]["indicator2"]["groups"]
    assert [g["weighted_gap_pct"] for g in groups] == [None, 1.875, 1.785714, 1.116071]
    assert (found["indicator3"]["result"], found["indicator3"]["points"]) == (4.8, 10)


# --- EG-07: catch-up ---------------------------------------------------------------------------


def indicator1_state(
    points: int | None, favourable: str, calculable: bool = True
) -> PayGapResult:
    if calculable:
        return PayGapResult(
            name="egapro.1",
            calculable=True,
            value=0.0,
            points=points,
            favourable=favourable,  # type: ignore[arg-type]
        )
    return PayGapResult(
        name="egapro.1",
        calculable=False,
        reason="egvi40pcet",
        computed_but_ignored={"points": points, "favourable": favourable},
    )


@pytest.mark.parametrize(
    "case",  # indicator-1 state, table, S, result, favourable, own points, applied, points
    [
        ((34, "men", True), T2, -3.2, 3.2, "women", 10, True, 20),
        ((34, "men", True), T2, 3.2, 3.2, "men", 10, False, 10),
        ((40, "equality", True), T2, -3.2, 3.2, "women", 10, False, 10),
        ((34, "men", False), T2, -3.2, 3.2, "women", 10, False, 10),
        ((37, "men", True), T2, 0.03, 0.0, "equality", 20, True, 20),  # quirk kept
        ((21, "women", True), T3, 6.4, 6.4, "men", 5, True, 15),
        ((21, "women", True), T3, -6.4, 6.4, "women", 5, False, 5),
    ],
)
def test_EG_07_catch_up(case: tuple[Any, ...]) -> None:
    state, table, s, result, favourable, own, applied, points = case
    figures = rules.rate_figures(s, table, indicator1_state(*state))
    assert figures["result"] == result
    assert figures["favourable"] == favourable
    assert figures["points_before_catch_up"] == own
    assert figures["catch_up_applied"] is applied
    assert figures["points"] == points


# --- EG-08: indicator 2et3 ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "case",  # W, M, raised W, M, indicator 1, pct, employees, points ×2, fav, catch-up, points
    [
        (40, 12, 10, 4, (34, "men", True), 8.3, 1.0, 15, 35, "men", False, 35),
        (110, 120, 30, 35, (40, "equality", True), 1.9, 2.1, 35, 25, "men", False, 35),
        (30, 40, 6, 14, (36, "women", True), 15.0, 4.5, 0, 25, "men", True, 35),
        (30, 40, 6, 14, (36, "women", False), 15.0, 4.5, 0, 25, "men", False, 25),
        (70, 65, 7, 6, (34, "men", True), 0.8, 0.5, 35, 35, "women", True, 35),
        (30, 40, 0, 0, (34, "men", True), 0.0, 0.0, 35, 35, "equality", True, 35),
    ],
)
def test_EG_08_whole_runs(case: tuple[Any, ...]) -> None:
    w, m, rw, rm, state, pct, emp, ppct, pemp, fav, applied, points = case
    warnings: list[IndexWarning] = []
    block = RaiseInput(declared_calculable=True, raised_women=rw, raised_men=rm)
    found, _ = rules.raise_gap(
        block, Counts(women=w, men=m), None, indicator1_state(*state), warnings
    )
    data = found.to_dict()
    assert data["calculable"] is True
    assert (data["result_pct"], data["result"], data["result_employees"]) == (
        pct,
        pct,
        emp,
    )
    assert (data["points_pct"], data["points_employees"]) == (ppct, pemp)
    assert data["favourable"] == fav
    assert data["catch_up_applied"] is applied
    assert data["points"] == points
    assert data["points_before_catch_up"] == max(ppct, pemp)
    assert [x.code for x in warnings] == (
        ["declared_without_raise"] if rw + rm == 0 else []
    )


def test_EG_08_raw_signed_gap() -> None:
    block = RaiseInput(declared_calculable=True, raised_women=7, raised_men=6)
    found, _ = rules.raise_gap(
        block, Counts(women=70, men=65), None, indicator1_state(34, "men"), []
    )
    assert found.raw_signed_gap == -0.769231


def test_EG_08_fewer_than_5_women_with_what_was_computed() -> None:
    block = RaiseInput(declared_calculable=True, raised_women=1, raised_men=10)
    found, _ = rules.raise_gap(
        block, Counts(women=4, men=60), None, indicator1_state(34, "men"), []
    )
    data = found.to_dict()
    assert (data["calculable"], data["not_calculable_reason"]) == (False, "etsno5f5h")
    assert data["computed_but_ignored"] == {
        "result": 8.3,
        "result_pct": 8.3,
        "result_employees": 0.3,
        "points_pct": 15,
        "points_employees": 35,
        "favourable": "women",
        "points_before_catch_up": 35,
        "catch_up_applied": True,
        "points": 35,
        "raw_signed_gap": -8.333333,
    }


def test_EG_08_fewer_than_5_women_declared_false() -> None:
    block = RaiseInput(declared_calculable=False, raised_women=1, raised_men=10)
    found, _ = rules.raise_gap(
        block, Counts(women=4, men=60), None, indicator1_state(34, "men"), []
    )
    assert found.reason == "etsno5f5h"
    assert found.computed_but_ignored is None


def test_EG_08_no_raise() -> None:
    block = RaiseInput(declared_calculable=False)
    found, _ = rules.raise_gap(
        block, Counts(women=30, men=40), None, indicator1_state(34, "men"), []
    )
    assert found.reason == "absaugi"


def test_EG_08_more_raised_women_than_women_is_bad_input() -> None:
    cells = [("emp", ":29", 30, 40, 30_000.0, 30_000.0)]
    block = {"declared_calculable": True, "raised_women": 31, "raised_men": 3}
    with pytest.raises(egapro.AggregatesError) as raised:
        egapro.from_aggregates(aggregated("50:250", cells=cells, indicator2et3=block))
    assert raised.value.path == "$.indicator2et3.raised_women"


# --- EG-09 and EG-10 ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "case",  # declared, returned, raised, reason, rate, result_pct_declared, points
    [
        (True, 3, 3, None, 1.0, 100, 15),
        (True, 3, 2, None, 0.6666666666666666, 66, 0),
        (True, 7, 6, None, 0.8571428571428571, 85, 0),
        (True, 50, 29, None, 0.58, 57, 0),  # floor(0.58 × 100) on doubles
        (False, 0, 0, "absrcm", None, None, None),
        (True, 0, 0, "absaugpdtcm", None, None, None),
    ],
)
def test_EG_09_indicator_4(case: tuple[Any, ...]) -> None:
    declared, returned, raised, reason, rate, declared_pct, points = case
    found = rules.maternity_returns(
        ReturnInput(declared_calculable=declared, returned=returned, raised=raised),
        None,
    ).to_dict()
    assert found == {
        "calculable": reason is None,
        "not_calculable_reason": reason,
        "rate": rate,
        "result_pct_declared": declared_pct,
        "points": points,
    }


@pytest.mark.parametrize(
    ("women", "men", "result", "over", "points"),
    [
        (0, 10, 0, "men", 0),
        (1, 9, 1, "men", 0),
        (2, 8, 2, "men", 5),
        (3, 7, 3, "men", 5),
        (6, 4, 4, "women", 10),
        (5, 5, 5, "equality", 10),
        (10, 0, 0, "women", 0),
    ],
)
def test_EG_10_indicator_5(
    women: int, men: int, result: int, over: str, points: int
) -> None:
    found = rules.top_ten(TopTenInput(women=women, men=men), None).to_dict()
    assert found == {
        "calculable": True,
        "not_calculable_reason": None,
        "result": result,
        "over_represented": over,
        "points": points,
    }


def test_EG_10_fewer_than_ten() -> None:
    found = rules.top_ten(TopTenInput(women=4, men=5), None)
    assert (found.calculable, found.reason) == (False, "top10_incomplete")
    assert found.to_dict()["result"] is None


# --- EG-12: thresholds -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "maximum", "value", "corrective", "objectives"),
    [
        (59, 80, 74, True, True),
        (63, 85, 74, True, True),
        (74, 100, 74, True, True),
        (56, 75, 75, False, True),
        (60, 80, 75, False, True),
        (67, 80, 84, False, True),
        (72, 85, 85, False, False),
        (68, 80, 85, False, False),
        (85, 100, 85, False, False),
    ],
)
def test_EG_12_thresholds(
    total: int, maximum: int, value: int, corrective: bool, objectives: bool
) -> None:
    assert nm.jsround(total * 100 / maximum) == value
    index = IndexResult(
        name="egapro.index", calculable=True, value=value, points=total,
        total_points=total, max_points=maximum,
    )  # fmt: skip
    found = scoring.obligations(index, {}, period=None, deadline=None)
    assert found["corrective_measures_required"] is corrective
    assert found["progress_objectives_required"] is objectives
    assert found["publish_index"] is True


def test_objectives_are_for_indicators_below_their_maximum() -> None:
    index = IndexResult(
        name="egapro.index", calculable=True, value=80, points=80, total_points=80,
        max_points=100,
    )  # fmt: skip
    indicators = {
        "indicator1": IndicatorResult(name="egapro.1", calculable=True, points=35),
        "indicator2": IndicatorResult(name="egapro.2", calculable=True, points=20),
        "indicator3": IndicatorResult(
            name="egapro.3", calculable=False, reason="absprom"
        ),
        "indicator4": IndicatorResult(name="egapro.4", calculable=True, points=0),
    }
    found = scoring.obligations(index, indicators, period=2025, deadline=None)  # type: ignore[arg-type]
    assert found["objectives_for"] == ["indicator1", "indicator4"]
    assert (
        scoring.obligations(index, indicators, period=2020, deadline=None)[  # type: ignore[arg-type]
            "progress_objectives_required"
        ]
        is False
    )


# --- EG-13: index calculability ----------------------------------------------------------------


def results(**points_or_reasons: int | str) -> dict[str, IndicatorResult]:
    return {
        name: IndicatorResult(name=name, calculable=True, points=value)
        if isinstance(value, int)
        else IndicatorResult(name=name, calculable=False, reason=value)
        for name, value in points_or_reasons.items()
    }


@pytest.mark.parametrize(
    "case",  # band, indicators, total, max, calculable, value, raw_value_computed_anyway
    [
        ("251:999", results(indicator1=37, indicator2="absaugi", indicator3="absprom",
                            indicator4="absrcm", indicator5=5), 42, 50, False, None, 84),
        ("50:250", results(indicator1=36, indicator2et3="etsno5f5h", indicator4=15,
                           indicator5=10), 61, 65, False, None, 94),
        ("251:999", results(indicator1=31, indicator2=10, indicator3=15, indicator4="absrcm",
                            indicator5="top10_incomplete"), 56, 75, True, 75, None),
        ("251:999", results(indicator1=21, indicator2="absaugi", indicator3=10, indicator4=15,
                            indicator5=0), 46, 80, True, 58, None),
        ("1000:", results(indicator1="egvi40pcet", indicator2="missing_input",
                          indicator3="missing_input", indicator4="absrcm",
                          indicator5="top10_incomplete"), 0, 0, False, None, None),
    ],
)  # fmt: skip
def test_EG_13_index_calculability(case: tuple[Any, ...]) -> None:
    band, found, total, maximum, calculable, value, anyway = case
    index = scoring.index_of(band, found)
    assert index.to_dict() == {
        "calculable": calculable,
        "total_points": total,
        "max_points": maximum,
        "value": value,
        "raw_value_computed_anyway": anyway,
    }
    assert (index.reason is None) is calculable


# --- EG-27 to EG-29: order of operations -------------------------------------------------------


def test_EG_27_indicator_2_weights_product_first() -> None:
    cells = [
        ("ouv", ":29", 48, 48, 30_000.0, 30_000.0),
        ("emp", ":29", 32, 32, 30_000.0, 30_000.0),
    ]
    rates = {"ouv": {"women": 38.7, "men": 48.89}, "emp": {"women": 43.16, "men": 40.5}}
    block = {"declared_calculable": True, "rates_pct": rates}
    data = aggregated(cells=cells, indicator2=block, indicator3=block)
    two = egapro.from_aggregates(data).to_dict()["indicator2"]
    assert (two["result"], two["points_before_catch_up"], two["points"]) == (5.1, 5, 5)
    # negative control: the ratio first gives 5.049999999999999 → 5.0 → 10 points
    s = 0.0
    for (women, men), n in (((38.7, 48.89), 96), ((43.16, 40.5), 64)):
        s += (men - women) * (n / 160)
    assert s == 5.049999999999999
    assert nm.points(T2, nm.round1(s)) == 10


def test_EG_28_indicator_1_weights_ratio_first() -> None:
    found = ind1((20, 26, 57_144.0, 57_200.0), (21, 13, 17_181.0, 24_900.0))
    assert (found["result"], found["points"]) == (11.0, 25)
    # negative control: (adjusted × n) / V gives 11.1 → 23 points
    s = 0.0
    for w, m, wp, mp in ((20, 26, 57_144.0, 57_200.0), (21, 13, 17_181.0, 24_900.0)):
        s += (rules.adjust(((mp - wp) / mp) * 100, 5.0) * (w + m)) / 80
    assert nm.round1(s) == 11.1


def test_EG_29_group_gap_is_difference_over_men_pay() -> None:
    found = ind1((12, 4, 42_663.0, 44_600.0), (20, 24, 53_521.0, 57_200.0))
    assert (found["result"], found["points"]) == (1.0, 39)
    # negative control: (1 − w / m) × 100 gives 1.1 → 38 points
    s = 0.0
    for w, m, wp, mp in ((12, 4, 42_663.0, 44_600.0), (20, 24, 53_521.0, 57_200.0)):
        s += rules.adjust((1 - wp / mp) * 100, 5.0) * ((w + m) / 60)
    assert nm.round1(s) == 1.1
