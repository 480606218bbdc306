"""Roundings and points tables of the Index (egapro.md §2, EG-01, EG-05, EG-08, EG-11)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from mixite.indicators.egapro import numeric as nm
from mixite.indicators.egapro.model import T1, T2, T3, T5, T23

# --- §2.2 jsround: JavaScript Math.round ---------------------------------------------------


@pytest.mark.parametrize(
    ("x", "expected"),
    [
        (0.5, 1),
        (1.5, 2),
        (2.5, 3),  # Python's round() gives 2 (ties to even)
        (-0.5, 0),  # ties toward +∞
        (-1.5, -1),
        (-2.5, -2),
        (0.49999999999999994, 0),  # floor(x + 0.5) would give 1
        (40.5, 41),
        (40.499999999999986, 40),
        (57.5, 58),
        (57.49999999999999, 57),
        (2.4999999999999996, 2),
        (0.0, 0),
        (-0.0, 0),
    ],
)
def test_jsround_is_math_round(x: float, expected: int) -> None:
    assert nm.jsround(x) == expected


# --- §2.3 round1 and EG-01 ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("s", "result", "points", "favourable"),
    [
        (0.04, 0.0, 40, "equality"),
        (-0.049, 0.0, 40, "equality"),
        (0.05, 0.1, 39, "men"),
        (0.95, 1.0, 39, "men"),
        (1.04, 1.0, 39, "men"),
        (1.05, 1.1, 38, "men"),
        (-3.95, 4.0, 36, "women"),
        (4.05, 4.1, 35, "men"),
        (4.049999999999999, 4.0, 36, "men"),
        (8.0, 8.0, 31, "men"),
        (8.05, 8.1, 29, "men"),
        (15.04, 15.0, 17, "men"),
        (15.05, 15.1, 14, "men"),
        (19.96, 20.0, 2, "men"),
        (20.05, 20.1, 0, "men"),
        (35.2, 35.2, 0, "men"),
    ],
)
def test_EG_01_final_rounding_points_and_favourable_sex(
    s: float, result: float, points: int, favourable: str
) -> None:
    assert nm.round1(s) == result
    assert nm.points(T1, nm.round1(s)) == points
    assert nm.favourable_with_tolerance(s) == favourable


def test_EG_01_round1_acts_on_the_double_after_times_ten() -> None:
    assert (
        4.05 * 10 == 40.5
    )  # the double nearest to 4.05 is just below it, ×10 rounds up
    assert 4.049999999999999 * 10 == 40.499999999999986


EG01_K0 = [
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
]
EG01_K1 = [
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
]


@pytest.mark.parametrize("k", range(21))
def test_EG_01_every_boundary_of_the_indicator_1_scale(k: int) -> None:
    assert nm.points(T1, float(k)) == EG01_K0[k]  # upper bound inclusive
    assert nm.points(T1, k + 0.1) == EG01_K1[k]  # the next tenth: next band


@pytest.mark.parametrize("result", [21.0, 21.1, 35.0, 100.0])
def test_indicator_1_scale_beyond_20_gives_0(result: float) -> None:
    assert nm.points(T1, result) == 0


def test_points_of_a_negative_index_is_0() -> None:
    assert nm.points(T1, -0.1) == 40  # ceil(-0.1) = 0: the first band
    assert nm.points(T1, -1.5) == 0


# --- EG-05: indicators 2 and 3 -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("s", "result", "points2", "points3", "favourable"),
    [
        (0.03, 0.0, 20, 15, "equality"),
        (1.96, 2.0, 20, 15, "men"),
        (2.04, 2.0, 20, 15, "men"),
        (2.05, 2.1, 10, 10, "men"),
        (-2.06, 2.1, 10, 10, "women"),
        (4.99, 5.0, 10, 10, "men"),
        (5.05, 5.1, 5, 5, "men"),
        (9.95, 10.0, 5, 5, "men"),
        (10.05, 10.1, 0, 0, "men"),
        (-12.3, 12.3, 0, 0, "women"),
    ],
)
def test_EG_05_rounding_and_points_of_indicators_2_and_3(
    s: float, result: float, points2: int, points3: int, favourable: str
) -> None:
    assert nm.round1(s) == result
    assert nm.points(T2, result) == points2
    assert nm.points(T3, result) == points3
    assert nm.favourable_with_tolerance(s) == favourable


# --- EG-08: scale boundaries of 2et3 (and 2, 3) ------------------------------------------------


@pytest.mark.parametrize(
    ("result", "points23", "points2", "points3"),
    [
        (0.0, 35, 20, 15),
        (2.0, 35, 20, 15),
        (2.1, 25, 10, 10),
        (5.0, 25, 10, 10),
        (5.1, 15, 5, 5),
        (10.0, 15, 5, 5),
        (10.1, 0, 0, 0),
        (11.0, 0, 0, 0),
        (50.0, 0, 0, 0),
    ],
)
def test_EG_08_scale_boundaries(
    result: float, points23: int, points2: int, points3: int
) -> None:
    assert nm.points(T23, result) == points23
    assert nm.points(T2, result) == points2
    assert nm.points(T3, result) == points3


@pytest.mark.parametrize(
    ("result", "points"), [(0, 0), (1, 0), (2, 5), (3, 5), (4, 10), (5, 10)]
)
def test_indicator_5_scale(result: int, points: int) -> None:
    assert T5[result] == points


# --- §2.5 the 40 % rule ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("valid", "total", "passes"),
    [(8, 20, True), (7, 20, False), (0, 0, False), (2, 5, True), (1, 3, False),
     (40, 100, True), (39, 100, False), (10**14 * 4, 10**15, True)],
)  # fmt: skip
def test_the_40_percent_rule_in_integers(valid: int, total: int, passes: bool) -> None:
    assert nm.enough_valid(valid, total) is passes


# --- §2.6 half_up ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [(9_200_000, 3, 3_066_667), (5, 2, 3), (7, 2, 4), (1, 3, 0), (2, 3, 1), (0, 7, 0),
     (3, 6, 1), (17_038_800, 6, 2_839_800)],
)  # fmt: skip
def test_half_up_of_an_integer_ratio(a: int, b: int, expected: int) -> None:
    assert nm.half_up_ratio(a, b) == expected


def test_EG_16_group_average_of_three_men() -> None:
    total = 3_100_000 + 3_100_000 + 3_000_000
    assert (2 * total + 3) // 6 == 3_066_667
    assert nm.half_up_ratio(total, 3) / 100 == 30666.67


@pytest.mark.parametrize(
    ("q", "expected"),
    [(Fraction(1, 2), 1), (Fraction(3, 2), 2), (Fraction(5, 2), 3), (Fraction(297, 12), 25),
     (Fraction(1, 3), 0), (Fraction(0), 0)],
)  # fmt: skip
def test_half_up_of_a_fraction(q: Fraction, expected: int) -> None:
    assert nm.half_up_fraction(q) == expected


# --- §2.7 diagnostic and declared values -------------------------------------------------------


def test_diagnostic_values_keep_6_decimals() -> None:
    assert nm.diagnostic(4.7205341) == 4.720534
    assert nm.diagnostic(None) is None


@pytest.mark.parametrize(
    ("gap", "declared"),
    [(4.743083003952569, 4.743), (9.861591695501731, 9.862), (-8.14, -8.14),
     (0.0005, 0.001), (-0.0005, -0.0)],
)  # fmt: skip
def test_declared_gap_has_3_decimals_half_up(gap: float, declared: float) -> None:
    assert nm.declared(gap) == declared


def test_2et3_favourable_has_no_tolerance() -> None:
    assert nm.favourable_by_sign(-0.0002) == "women"
    assert nm.favourable_by_sign(0.0) == "equality"
    assert nm.favourable_by_sign(1e-12) == "men"


def test_sums_run_left_to_right_without_compensation() -> None:
    values = [0.1] * 10
    assert (
        nm.left_to_right_sum(values) == 0.9999999999999999
    )  # sum() gives 1.0 on 3.12+
    assert nm.left_to_right_sum([]) == 0.0


# --- EG-11: index rounding ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "maximum", "double", "value"),
    [
        (46, 80, 57.5, 58),
        (62, 80, 77.5, 78),
        (58, 80, 72.5, 73),
        (66, 85, 77.6470588235294, 78),
        (71, 85, 83.52941176470588, 84),
        (60, 75, 80.0, 80),
        (93, 100, 93.0, 93),
    ],
)
def test_EG_11_index_rounding(
    total: int, maximum: int, double: float, value: int
) -> None:
    assert (total * 100) / maximum == double
    assert nm.jsround((total * 100) / maximum) == value


def test_EG_11_the_other_order_would_give_57() -> None:
    assert 46 / 80 * 100 == 57.49999999999999
    assert nm.jsround(46 / 80 * 100) == 57
