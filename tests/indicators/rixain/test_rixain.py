"""Rixain shares, targets and reason codes (egapro.md §14, acceptance examples EG-20, EG-26)."""

from __future__ import annotations

import math
from datetime import date
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import polars as pl
import pytest

from mixite.errors import InputError
from mixite.indicators import rixain
from mixite.indicators.core import REGISTRY
from tests.indicators.rixain.helpers import Person, frame, load, on_polars, role_members

if TYPE_CHECKING:
    from pathlib import Path

EG20 = """\
employee_id,period,sex,birth_date,csp,contract,hire_date,exit_date,presence_months,fte,base_pay,variable_pay,excluded_pay,raised,promoted,maternity_return,raised_after_leave,executive,governing_body
E01,2025,F,1990-03-15,emp,permanent,,,,1,28000,1200,,true,false,false,,false,false
E02,2025,F,1988-07-01,emp,permanent,,,,0.8,22400,800,,false,false,false,,false,false
E03,2025,F,1993-11-30,emp,permanent,,,,1,27000,0,,false,false,true,,false,false
E04,2025,M,1989-01-20,emp,permanent,,,,1,29500,1500,,true,false,false,,false,false
E05,2025,M,1991-05-05,emp,permanent,,,,1,30000,2000,1000,false,false,false,,false,false
E06,2025,M,1994-09-09,emp,permanent,2025-03-01,,,1,25000,0,,false,false,false,,false,false
E07,2025,F,1980-02-02,ic,permanent,,,,1,52000,6000,,true,true,false,,false,false
E08,2025,F,1978-12-31,ic,permanent,,,,1,50000,3000,,false,false,false,,false,false
E09,2025,F,1985-06-15,ic,permanent,,2025-08-31,,1,36000,2000,,false,false,false,,false,false
E10,2025,M,1979-04-04,ic,permanent,,,,1,58000,8000,,true,false,false,,false,false
E11,2025,M,1982-10-10,ic,permanent,,,,1,60000,5000,,true,true,false,,false,false
E12,2025,M,1976-01-01,ic,permanent,,,,1,55000,4000,,false,false,false,,false,false
E13,2025,F,2000-05-05,emp,permanent,,,,1,24000,0,,false,false,false,,false,false
E14,2025,M,1999-08-08,ouv,permanent,,,,1,23500,0,,true,false,false,,false,false
E15,2025,M,1970-03-03,tam,permanent,,,,1,40000,3000,,false,false,false,,false,false
E16,2025,F,1968-09-09,tam,permanent,,,,1,44000,0,,true,false,false,,false,false
E17,2025,M,1996-01-15,ouv,permanent,,,,1,24500,0,,false,false,false,,false,false
E18,2025,M,1987-02-02,tam,permanent,,,,1,35000,0,,true,false,false,,false,false
E19,2025,F,1995-12-31,ic,permanent,,,,1,45000,0,,false,false,false,,false,false
E20,2025,M,1996-01-01,ic,permanent,,,,1,44000,0,,false,false,false,,false,false
E21,2025,F,1975-10-20,emp,permanent,,2025-09-30,,1,22500,0,,false,false,false,,false,false
E22,2025,M,1984-04-04,ouv,permanent,,,,1,27000,0,,true,false,false,,false,false
E23,2025,F,1975-07-07,ic,permanent,,,,1,70000,15000,,false,false,false,,true,false
E24,2025,M,1972-11-11,ic,permanent,,,,1,90000,20000,,false,false,false,,true,false
E25,2025,M,1992-02-02,ouv,permanent,2025-07-01,,,1,13000,0,,false,false,false,,false,false
X01,2025,M,2005-01-01,emp,apprentice,,,,1,14000,0,,false,false,false,,false,false
X02,2025,F,2003-03-03,emp,professionalisation,,,,1,16000,0,,false,false,false,,false,false
X03,2025,M,1990-06-06,ouv,temp_agency,,,,1,21000,0,,false,false,false,,false,false
X04,2025,F,1997-04-04,emp,permanent,2025-07-02,,,1,13000,0,,false,false,false,,false,false
X05,2025,F,1998-08-08,emp,fixed_term,2025-04-01,2025-08-31,,1,11000,0,,false,false,false,,false,false
X06,2025,F,1991-02-14,tam,permanent,,,4,1,12000,0,,false,false,true,true,false,false
"""

EG20_REPRESENTATION = {
    "obligation": False,
    "target_pct": 30,
    "executives": {
        "calculable": True,
        "not_calculable_reason": None,
        "people": 2,
        "women_pct": 50.0,
        "men_pct": 50.0,
        "meets_target": True,
    },
    "governing_body": {
        "calculable": False,
        "not_calculable_reason": "aucune_instance_dirigeante",
        "people": 0,
        "women_pct": None,
        "men_pct": None,
        "meets_target": None,
    },
}
PART_KEYS = [
    "calculable",
    "not_calculable_reason",
    "people",
    "women_pct",
    "men_pct",
    "meets_target",
]


def executives(people: list[Person], **options: Any) -> dict[str, Any]:
    result = rixain.compute(load(people), workforce_range="1000:", **options)
    part: dict[str, Any] = result.to_dict()["executives"]
    return part


# --- EG-20 and the §14.7 shape ---------------------------------------------------------


def test_EG_20_representation(tmp_path: Path) -> None:
    path = tmp_path / "rh_2025.csv"
    path.write_text(EG20, encoding="utf-8")
    from mixite.workforce.load import load as load_file  # noqa: PLC0415

    result = rixain.compute(load_file(path, period=2025), workforce_range="50:250")
    data = result.to_dict()
    assert data == EG20_REPRESENTATION
    assert list(data) == ["obligation", "target_pct", "executives", "governing_body"]
    assert list(data["executives"]) == PART_KEYS
    assert list(data["governing_body"]) == PART_KEYS
    assert result.to_dict(shared=True) == data  # no amount to hide (platform.md §2.3)


def test_EG_20_estimates_the_band_when_not_declared(tmp_path: Path) -> None:
    path = tmp_path / "rh_2025.csv"
    path.write_text(EG20, encoding="utf-8")
    from mixite.workforce.load import load as load_file  # noqa: PLC0415

    result = rixain.compute(load_file(path, period=2025))
    assert result.estimated_workforce == 25  # details.population.estimated_workforce
    assert result.workforce_range == "50:250"
    assert result.workforce_range_source == "estimated"
    assert result.warnings == ("workforce_range_estimated", "below_50_employees")
    assert result.to_dict() == EG20_REPRESENTATION


# --- EG-26 -----------------------------------------------------------------------------

EG26 = [
    # women weights, men weights, period, women_pct, men_pct, target_pct, meets_target
    ([12] * 3, [12] * 7, 2025, 30.0, 70.0, 30, True),
    ([12] * 3, [12] * 7, 2028, 30.0, 70.0, 40, False),
    ([12] * 3, [12] * 7, 2024, 30.0, 70.0, None, None),
    ([12] * 5, [12] * 11, 2025, 31.3, 68.7, 30, True),  # 31.25, half up
    ([12, 12, 11.5], [12] * 6 + [11], 2025, 30.0, 70.0, 30, True),  # 29.9578…
    ([12] * 2, [12] * 5, 2026, 28.6, 71.4, 30, False),
    ([12], [12] * 2, 2025, 33.3, 66.7, 30, True),
    ([12] * 4, [12] * 6, 2029, 40.0, 60.0, 40, True),
]


@pytest.mark.parametrize(
    ("women", "men", "period", "women_pct", "men_pct", "target", "meets"), EG26
)
def test_EG_26_shares_and_targets(
    *,
    women: list[float],
    men: list[float],
    period: int,
    women_pct: float,
    men_pct: float,
    target: int | None,
    meets: bool | None,
) -> None:
    people = [
        Person(
            sex=p.sex, executive=True, presence_months=p.presence_months, period=period
        )
        for p in role_members(women, men)
    ]
    result = rixain.compute(load(people), workforce_range="1000:")
    assert result.target_pct == target
    assert result.to_dict()["executives"] == {
        "calculable": True,
        "not_calculable_reason": None,
        "people": len(women) + len(men),
        "women_pct": women_pct,
        "men_pct": men_pct,
        "meets_target": meets,
    }


def test_EG_26_executive_months_weigh_the_time_in_the_role() -> None:
    people = [
        Person(sex="F", executive=True),
        Person(sex="F", executive=True, executive_months=6.0),
        *role_members([], [12] * 4),
    ]
    part = executives(people)
    assert (part["women_pct"], part["men_pct"], part["meets_target"]) == (
        27.3,
        72.7,
        False,
    )


def test_EG_26_target_on_exact_shares_when_asked() -> None:
    people = role_members([12, 12, 11.5], [12] * 6 + [11])
    published = rixain.compute(load(people), workforce_range="1000:")
    exact = rixain.compute(
        load(people),
        workforce_range="1000:",
        options=rixain.RixainOptions(rixain_target_on_published=False),
    )
    assert published.executives.meets_target is True
    assert exact.executives.meets_target is False
    assert exact.executives.women_months == Fraction(71, 2)
    assert exact.executives.total_months == Fraction(237, 2)


def test_EG_26_one_governing_body_member_is_calculable() -> None:
    result = rixain.compute(
        load(role_members([12], [], role="governing_body")), workforce_range="1000:"
    )
    assert result.to_dict()["governing_body"] == {
        "calculable": True,
        "not_calculable_reason": None,
        "people": 1,
        "women_pct": 100.0,
        "men_pct": 0.0,
        "meets_target": False,
    }


# --- reason codes (§14.4) --------------------------------------------------------------


def test_EG_26_no_executive() -> None:
    part = executives([Person(sex="F"), Person(sex="M")])
    assert part["not_calculable_reason"] == rixain.NO_EXECUTIVE
    assert (part["calculable"], part["people"], part["meets_target"]) == (
        False,
        0,
        None,
    )


def test_EG_26_one_executive_even_with_rows_of_weight_zero() -> None:
    people = [
        Person(sex="F", executive=True),
        Person(sex="M", executive=True, executive_months=0.0),
        Person(sex="M", executive=True, presence_months=0.0),
    ]
    part = executives(people)
    assert part["not_calculable_reason"] == rixain.ONE_EXECUTIVE
    assert part["people"] == 1
    assert part["women_pct"] is None


def test_EG_26_no_governing_body() -> None:
    result = rixain.compute(load(role_members([12], [12])), workforce_range="1000:")
    assert result.governing_body.reason == rixain.NO_GOVERNING_BODY
    assert result.governing_body.people == 0


def test_EG_26_executive_column_absent() -> None:
    workforce = load(role_members([12], [12]), drop=["executive", "executive_months"])
    result = rixain.compute(workforce, workforce_range="1000:")
    assert result.executives.reason == rixain.MISSING_COLUMN
    assert result.executives.missing_columns == ("executive",)
    assert result.to_dict()["executives"]["people"] is None
    assert result.governing_body.reason == rixain.NO_GOVERNING_BODY


def test_a_column_empty_on_every_row_is_missing() -> None:
    people = [Person(sex="F", executive=None), Person(sex="M", executive=None)]
    assert executives(people)["not_calculable_reason"] == rixain.MISSING_COLUMN


def test_an_unknown_membership_is_incomplete_data() -> None:
    people = [*role_members([12], [12, 12]), Person(sex="F", executive=None)]
    result = rixain.compute(load(people), workforce_range="1000:")
    part = result.executives
    assert part.reason == rixain.INCOMPLETE_DATA
    assert part.people is None
    assert part.incomplete.to_dict() == {
        "count": 1,
        "examples": [{"row": 5, "field": "executive"}],  # 4th person, header = row 1
    }


def test_an_unknown_weight_is_incomplete_data() -> None:
    # Without a period the loader cannot derive presence from dates (§3.1): a member
    # without executive_months then has no weight.
    people = [
        Person(sex="F", executive=True, executive_months=12.0, period=None),
        Person(sex="M", executive=True, executive_months=12.0, period=None),
        Person(
            sex="M",
            executive=True,
            presence_months=None,
            hire_date=date(2025, 3, 1),
            period=None,
        ),
    ]
    workforce = load(people, drop=["period"])
    part = rixain.compute(workforce, workforce_range="1000:").executives
    assert part.reason == rixain.INCOMPLETE_DATA
    assert part.incomplete.examples == ((4, "executive_months"),)


def test_an_empty_loaded_table_is_not_calculable_on_both_backends() -> None:
    workforce = load(role_members([12], [12, 12]))
    for table in (workforce.table.limit(0), on_polars(workforce).limit(0)):
        data = rixain.compute(table, period=2025, workforce_range="1000:").to_dict()
        assert data["executives"]["not_calculable_reason"] == rixain.NO_EXECUTIVE
        assert (
            data["governing_body"]["not_calculable_reason"] == rixain.NO_GOVERNING_BODY
        )
        assert data["executives"]["people"] == data["governing_body"]["people"] == 0
    empty = rixain.compute(workforce.table.limit(0))  # band estimated: 0 people
    assert (empty.estimated_workforce, empty.obligation) == (0, False)


# --- rounding (§2.6, §14.5) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("quotient", "expected"),
    [
        (Fraction(59, 2), 30),  # 29.5 → 30
        (Fraction(299, 10), 30),
        (Fraction(2995, 10), 300),  # 29.95 % in tenths → 30.0 %
        (Fraction(2995, 10) - Fraction(1, 10**12), 299),
        (Fraction(625, 2), 313),  # 31.25 %
        (Fraction(0), 0),
    ],
)
def test_half_up_on_exact_rationals(quotient: Fraction, expected: int) -> None:
    assert rixain.half_up(quotient) == expected


@pytest.mark.parametrize(
    ("women", "men", "period", "women_pct", "men_pct", "meets", "meets_exact"),
    [
        ([5.99], [12, 2.01], 2025, 30.0, 70.0, True, False),  # 29.95 % → 30.0 %
        ([5.989], [12, 2.011], 2025, 29.9, 70.1, False, False),  # 29.945 %
        ([6.0], [12, 2.0], 2025, 30.0, 70.0, True, True),  # exactly 30 %
        ([12, 2.01], [5.99], 2025, 70.1, 29.9, False, False),  # men 29.95 → 29.9
        ([7.99], [12.0, 0.01], 2028, 40.0, 60.0, True, False),  # 39.95 % → 40.0 %
        ([7.98], [12.0, 0.02], 2028, 39.9, 60.1, False, False),
        ([12.0, 0.01], [7.99], 2028, 60.1, 39.9, False, False),  # men 39.95 → 39.9
        ([8.0], [12.0], 2028, 40.0, 60.0, True, True),  # exactly 40 %
    ],
)
def test_rounding_edges_around_each_target(
    *,
    women: list[float],
    men: list[float],
    period: int,
    women_pct: float,
    men_pct: float,
    meets: bool,
    meets_exact: bool,
) -> None:
    people = [
        Person(
            sex=p.sex, executive=True, executive_months=p.presence_months, period=period
        )
        for p in role_members(women, men)
    ]
    people += [Person(sex="M", executive=True, executive_months=0.0, period=period)]
    part = executives(people)
    assert (part["women_pct"], part["men_pct"], part["meets_target"]) == (
        women_pct,
        men_pct,
        meets,
    )
    exact = rixain.RixainOptions(rixain_target_on_published=False)
    assert executives(people, options=exact)["meets_target"] is meets_exact


def test_decimal_weights_are_not_binary_doubles() -> None:
    # 33.85 % exactly; in doubles 3.385 / 10 × 1000 + 0.5 floors to 338 (33.8 %).
    assert math.floor(3.385 / (3.385 + 6.615) * 1000 + 0.5) == 338
    part = executives(
        [
            Person(sex="F", executive=True, executive_months=3.385),
            Person(sex="M", executive=True, executive_months=6.615),
        ]
    )
    assert (part["women_pct"], part["men_pct"]) == (33.9, 66.1)


# --- pro rata (§14.3, §14.5) -----------------------------------------------------------


@pytest.mark.parametrize(
    ("hire", "exit_", "months"),
    [
        (None, None, Fraction(12)),
        (date(2025, 3, 1), None, Fraction(10)),
        (None, date(2025, 8, 31), Fraction(8)),
        (date(2025, 7, 2), None, Fraction(185, 31)),  # EG-20 X04: 30/31 + 5
        (date(2024, 6, 1), date(2025, 2, 14), Fraction(1) + Fraction(14, 28)),
        (date(2025, 2, 1), date(2025, 2, 1), Fraction(1, 28)),
        (date(2026, 1, 1), None, Fraction(0)),
    ],
)
def test_presence_from_dates_is_the_exact_sum_of_day_fractions(
    hire: date | None, exit_: date | None, months: Fraction
) -> None:
    window = (date(2025, 1, 1), date(2025, 12, 31))
    assert rixain._presence_from_dates(hire, exit_, window) == months


def test_presence_from_dates_in_a_shifted_window() -> None:
    window = (date(2024, 7, 1), date(2025, 6, 30))
    months = rixain._presence_from_dates(date(2024, 2, 10), date(2024, 7, 10), window)
    assert months == Fraction(10, 31)


def test_weights_come_from_role_months_else_presence_else_dates() -> None:
    people = [
        Person(
            sex="F", executive=True, hire_date=date(2025, 7, 2), presence_months=None
        ),
        Person(sex="F", executive=True, executive_months=3.5, presence_months=12.0),
        Person(sex="M", executive=True, presence_months=9.0),
        Person(sex="M", executive=True, presence_months=12.0, executive_months=None),
    ]
    part = rixain.compute(load(people), workforce_range="1000:").executives
    assert part.women_months == Fraction(185, 31) + Fraction(7, 2)
    assert part.total_months == part.women_months + 21
    assert part.people == 4
    assert part.tables["by_sex"].to_pylist() == [
        {"sex": "F", "people": 2, "months": 9.47},
        {"sex": "M", "people": 2, "months": 21.0},
    ]


def test_a_presence_other_than_its_dates_is_read_as_a_decimal() -> None:
    # Given 5.5 months while the dates give 185/31: the given value is the weight.
    people = [
        Person(
            sex="F", executive=True, hire_date=date(2025, 7, 2), presence_months=5.5
        ),
        Person(sex="M", executive=True),
    ]
    part = rixain.compute(load(people), workforce_range="1000:").executives
    assert part.women_months == Fraction(11, 2)


def test_non_employee_governing_body_members_count_their_months() -> None:
    people = [
        Person(
            sex="F",
            governing_body=True,
            contract="other",
            presence_months=0.0,
            governing_body_months=6.0,
        ),
        Person(sex="M", governing_body=True),
        Person(sex="M", governing_body=True, governing_body_months=0.0),
    ]
    part = rixain.compute(load(people), workforce_range="1000:").governing_body
    assert (part.people, part.women_pct, part.men_pct) == (2, 33.3, 66.7)


# --- period, band, obligation ----------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "target"),
    [
        (None, None),
        (2019, None),
        (2024, None),
        (2025, 30),
        (2027, 30),
        (2028, 40),
        (2035, 40),
    ],
)
def test_target_of_each_period(period: int | None, target: int | None) -> None:
    assert rixain.target_pct_for(period) == target


@pytest.mark.parametrize(
    ("band", "obligation"), [("1000:", True), ("251:999", False), ("50:250", False)]
)
def test_obligation_follows_the_band(band: str, obligation: bool) -> None:
    result = rixain.compute(load(role_members([12], [12])), workforce_range=band)
    assert result.obligation is obligation
    assert result.workforce_range_source == "declared"


def test_an_unknown_band_is_refused() -> None:
    with pytest.raises(ValueError, match="workforce_range"):
        rixain.compute(load(role_members([12], [12])), workforce_range="250:")


def test_latest_period_by_default_or_the_one_asked() -> None:
    people = [
        *role_members([12], [12] * 3),  # 2025: 25 %
        *[
            Person(sex=p.sex, executive=True, period=2028)
            for p in role_members([12] * 2, [12] * 2)
        ],
    ]
    workforce = load(people)
    latest = rixain.compute(workforce, workforce_range="1000:")
    assert (latest.period, latest.target_pct) == (2028, 40)
    assert latest.warnings == ("period_defaulted_to_latest",)
    assert latest.executives.women_pct == 50.0
    chosen = rixain.compute(workforce, period=2025, workforce_range="1000:")
    assert (chosen.period, chosen.target_pct, chosen.warnings) == (2025, 30, ())
    assert chosen.executives.women_pct == 25.0


def test_unknown_period_has_no_target() -> None:
    people = [
        Person(sex=p.sex, executive=True, period=None) for p in role_members([12], [12])
    ]
    workforce = load(people, drop=["period"])
    result = rixain.compute(workforce, workforce_range="1000:")
    assert result.period is None
    assert result.to_dict()["target_pct"] is None
    assert result.executives.women_pct == 50.0
    assert result.executives.meets_target is None


# --- bad input (§3.4) ------------------------------------------------------------------


def test_an_unreadable_membership_is_bad_input() -> None:
    data = frame(role_members([12], [12])).cast({"executive": str})
    data = data.with_row_index().with_columns(
        executive=data["executive"].scatter(0, "peut-être")
    )
    with pytest.raises(InputError) as caught:
        rixain.compute(data.drop("index"), workforce_range="1000:")
    assert any(m.column == "executive" for m in caught.value.report.messages)


def test_an_error_on_a_column_rixain_does_not_read_is_not_bad_input() -> None:
    data = frame(role_members([12], [12, 12]))
    data = data.with_columns(csp=pl.Series(["ic", "xx", "ic"]))
    result = rixain.compute(data, workforce_range="1000:")
    assert result.executives.women_pct == 33.3


# --- registry --------------------------------------------------------------------------


def test_both_parts_are_registered() -> None:
    for name, column in (
        ("rixain.executives", "executive"),
        ("rixain.governing_body", "governing_body"),
    ):
        spec = REGISTRY[name]
        assert spec.framework == "rixain"
        assert spec.columns == (column,)
        workforce = load(
            [*role_members([12], [12]), *role_members([12], [], role=column)]
        )
        assert spec.compute(workforce.table).to_dict()["calculable"] is True
        without = workforce.table.drop(column)
        assert (
            spec.compute(without).to_dict()["not_calculable_reason"] == "missing_column"
        )
        empty = spec.compute(workforce.table.limit(0)).to_dict()
        assert empty["calculable"] is False
