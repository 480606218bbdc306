"""Gap arithmetic, rounding, the 5 % threshold and display (DIR-07, DIR-08, §2.4, §3)."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import ibis
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mixite.indicators import directive
from mixite.indicators.core import to_polars
from mixite.indicators.directive.aggregate import exact_total
from mixite.indicators.directive.gaps import is_high
from mixite.indicators.directive.numbers import (
    format_amount,
    format_count,
    format_percent,
    format_ratio_percent,
    percent_half_up,
    round_fraction,
    round_half_up,
)
from tests.indicators.directive.helpers import NBSP, NNBSP, person, shown, table

# DIR-07: women, men, exact ratio, ratio, percent, display, high absolute, high women_disf.
DIR07 = [
    (38016, 40000, 0.0496, 0.0496, 5.0, "5,0 %", False, False),
    (38000, 40000, 0.05, 0.05, 5.0, "5,0 %", True, True),
    (42080, 40000, -0.052, -0.052, -5.2, "-5,2 %", True, False),
    (17531, 20000, 0.12345, 0.1235, 12.3, "12,3 %", True, True),
    (19003, 20000, 0.04985, 0.0499, 5.0, "5,0 %", False, False),
    (18970, 20000, 0.0515, 0.0515, 5.2, "5,2 %", True, True),
    (35000, 36842.11, 0.0500001221, 0.05, 5.0, "5,0 %", True, True),
    (10000.4, 10000, -0.00004, 0.0, 0.0, "0,0 %", False, False),
    (0, 50000, 1.0, 1.0, 100.0, "100,0 %", True, True),
]


@pytest.mark.parametrize("case", DIR07, ids=lambda c: f"{c[0]}-{c[1]}")
def test_DIR_07_gap_rounding_and_threshold(case: tuple[Any, ...]) -> None:
    women, men, exact, ratio, percent, display, high_abs, high_women = case
    gap = directive.gap(women, men)
    assert gap.gap_ratio_exact == pytest.approx(exact, abs=1e-10)
    assert shown(gap) == (ratio, percent, display, high_abs)
    assert directive.gap(women, men, direction="women_disfavoured").high is high_women
    assert math.copysign(1, gap.gap_ratio or 0.0) == 1 or gap.gap_ratio != 0  # not -0.0


def test_DIR_07_men_value_zero() -> None:
    gap = directive.gap(100, 0)
    assert (gap.calculable, gap.reason) == (False, "men_value_zero")
    assert shown(gap) == (None, None, "NC", False)
    assert directive.gap(100, 0, direction="women_disfavoured").high is False


def test_no_negative_zero_anywhere() -> None:
    gap = directive.gap(10000.4, 10000)
    data = gap.to_dict()
    assert str(data["gap_ratio"]) == "0.0"
    assert str(data["gap_percent"]) == "0.0"
    assert str(round_half_up(-0.00004, 4)) == "0.0"
    assert format_percent(-0.04) == f"0,0{NBSP}%"


def test_naive_rounding_would_differ() -> None:
    """The edges the spec names: half-up on the shortest repr, not round() on the double."""
    assert round(0.04985, 4) == 0.0498  # what a naive implementation gives
    assert round_half_up(0.04985, 4) == 0.0499
    assert round(0.0515 * 100, 1) == 5.1
    assert percent_half_up(0.0515) == 5.2
    assert round_half_up(0.12345, 4) == 0.1235
    assert percent_half_up(0.12345) == 12.3
    assert round_half_up(5.15, 1) == 5.2
    assert round_half_up(-0.12345, 4) == -0.1235  # half away from zero
    assert round_half_up(2.675, 2) == 2.68  # the double is 2.67499…, its repr is 2.675


def test_percent_is_never_taken_from_the_rounded_ratio() -> None:
    """4,945 % would become 5,0 % through the rounded ratio 0,0495 (§3.2)."""
    assert round_half_up(0.04945, 4) == 0.0495
    assert percent_half_up(0.04945) == 4.9
    gap = directive.gap(95055, 100000)
    assert shown(gap) == (0.0495, 4.9, "4,9 %", False)


@pytest.mark.parametrize(
    ("women", "men", "high"),
    [
        (38000, 40000, True),  # exactly 5 %: triggers (the guard absorbs float noise)
        (38000.4, 40000, False),  # 4,999 %: displayed 5,0 %, does not trigger
        (38001, 40000, False),  # 4,9975 %
        (37999.6, 40000, True),  # 5,001 %
        (42000, 40000, True),  # -5 % exactly, absolute
        (41999.6, 40000, False),  # -4,999 %
    ],
)
def test_threshold_both_sides_on_unrounded_values(
    women: float, men: float, high: bool
) -> None:
    assert directive.gap(women, men).high is high


def test_threshold_guard_is_not_a_tolerance() -> None:
    assert is_high(0.05 - 1e-10)  # noise below an exact 5 %
    assert not is_high(0.05 - 1e-8)
    assert not is_high(-0.06, "women_disfavoured")
    assert is_high(-0.06, "absolute")


def test_round_fraction_is_exact() -> None:
    assert round_fraction(Fraction(1, 8), 2) == 0.13  # 0.125: half-up
    assert round_fraction(Fraction(-1, 8), 2) == -0.13
    assert round_fraction(Fraction(2, 3), 4) == 0.6667
    assert round_fraction(Fraction(-1, 100000), 4) == 0.0


# --- DIR-08: display ------------------------------------------------------------------------


def test_DIR_08_display() -> None:
    assert format_ratio_percent(-4.0) == f"-400,0{NBSP}%"
    assert format_ratio_percent(-12.345) == f"-1{NNBSP}234,5{NBSP}%"
    assert format_amount(35750) == f"35{NNBSP}750,00{NBSP}€"
    assert format_amount(22.138278) == f"22,14{NBSP}€"
    assert format_ratio_percent(None) == "NC"
    assert format_amount(None) == "NC"


def test_english_display() -> None:
    assert format_percent(5.3, "en") == "5.3%"
    assert format_percent(-5.9, "en") == "-5.9%"
    assert format_amount(35750, "en") == "€35,750.00"
    assert format_amount(-5, "en") == "-€5.00"


def test_headcount_display() -> None:
    assert format_count(1204) == f"1{NNBSP}204"
    assert format_count(1.5) == "1,5"
    assert format_count(1234567, "en") == "1,234,567"


# --- §2.4: exact sums ------------------------------------------------------------------------

# §2.4: the chunked sum is exact for 0 and for every value from 2^-41 up.
values_strategy = st.lists(
    st.one_of(
        st.floats(
            min_value=2**-41, max_value=1e9, allow_nan=False, allow_infinity=False
        ),
        st.floats(min_value=2**-41, max_value=1, allow_nan=False),
        st.just(0.0),
    ),
    min_size=0,
    max_size=60,
)


@given(values=values_strategy)
@settings(max_examples=40, deadline=None)
def test_backend_sum_is_the_exact_sum(values: list[float]) -> None:
    frame = pl.DataFrame({"x": values}, schema={"x": pl.Float64})
    expected = Fraction(0)
    for value in values:
        expected += Fraction(value)
    for con in (ibis.duckdb.connect(), ibis.polars.connect()):
        total = exact_total(con.create_table("t", frame.to_arrow()), "x")
        assert total == expected
        assert float(total) == math.fsum(values)


def test_means_do_not_depend_on_summation_order() -> None:
    """0.1 added many times: a naive sum drifts, the exact mean does not."""
    rows = [person(f"F{i:04d}", "F", 30000.1) for i in range(300)]
    rows += [person(f"M{i:04d}", "M", 30000.3) for i in range(300)]
    a = directive.compute(table(rows)).indicators.A.annual
    assert a.women.value == 30000.1
    assert a.men.value == 30000.3
    polars = directive.compute(table(rows, backend="polars")).indicators.A.annual
    assert polars == a


def test_medians_are_exact_order_statistics() -> None:
    rows = [
        person("F1", "F", 0.1),
        person("F2", "F", 0.2),
        person("M1", "M", 1),
        person("M2", "M", 3),
    ]
    c = directive.compute(table(rows)).indicators.C.annual
    assert c.women.value == (0.1 + 0.2) / 2
    assert c.men.value == 2.0
    frame = to_polars(table(rows).select("base_pay"))
    assert frame.height == 4
