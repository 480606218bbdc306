"""Derivations of workforce.md §2, on the acceptance examples of §10.1 (C10–C25)."""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Any

import polars as pl
import pytest

import mixite
from mixite.workforce.derive import add_derived
from mixite.workforce.options import Options
from mixite.workforce.report import ReportBuilder

if TYPE_CHECKING:
    from pathlib import Path

D = dt.date


def derive(
    columns: dict[str, list[Any]], *, options: Options | None = None
) -> tuple[pl.DataFrame, ReportBuilder]:
    n = len(next(iter(columns.values())))
    frame = pl.DataFrame(
        {
            "employee_id": [f"E{i}" for i in range(n)],
            "sex": ["F"] * n,
            "period": [2025] * n,
            **columns,
            "_source_row": list(range(2, n + 2)),
        }
    )
    report = ReportBuilder()
    present = frozenset(c for c in frame.columns if not c.startswith("_"))
    out = add_derived(
        frame,
        present=present,
        options=options or Options(),
        report=report,
        file="t.csv",
    )
    return out, report


def keys(report: ReportBuilder) -> dict[str, int]:
    return dict(report.build().counts_by_key)


def test_C10_ages_and_bands() -> None:
    births = [
        D(1996, 1, 1),
        D(1995, 12, 31),
        D(1986, 1, 1),
        D(1985, 12, 31),
        D(1976, 1, 1),
        D(1975, 12, 31),
    ]
    out, _ = derive({"birth_date": births})
    assert out["age"].to_list() == [29, 30, 39, 40, 49, 50]
    assert out["age_band"].to_list() == [
        "<30",
        "30-39",
        "30-39",
        "40-49",
        "40-49",
        "50+",
    ]


@pytest.mark.parametrize(("period_end", "age"), [("02-28", 24), ("03-31", 25)])
def test_C11_leap_day_birthday(period_end: str, age: int) -> None:
    out, _ = derive(
        {"birth_date": [D(2000, 2, 29)]}, options=Options(period_end=period_end)
    )
    assert out["age"].to_list() == [age]


def test_C12_to_C15_presence_from_dates() -> None:
    out, _ = derive(
        {
            "hire_date": [D(2025, 3, 15), D(2020, 1, 1), D(2025, 7, 2), D(2025, 2, 10)],
            "exit_date": [None, D(2025, 6, 30), None, D(2025, 2, 20)],
        }
    )
    assert out["presence_months"].to_list() == pytest.approx(
        [9.548387096774194, 6.0, 5.967741935483871, 0.39285714285714285], rel=1e-9
    )
    assert out["hired"].to_list() == [True, False, True, True]
    assert out["present_at_end"].to_list() == [True, False, True, False]


def test_C16_period_ending_in_june() -> None:
    out, _ = derive({"hire_date": [D(2024, 9, 1)]}, options=Options(period_end="06-30"))
    assert out["_period_start"].to_list() == [D(2024, 7, 1)]
    assert out["_period_end"].to_list() == [D(2025, 6, 30)]
    assert out["presence_months"].to_list() == [10.0]


def test_C18_fte_capped_and_E10_E11() -> None:
    out, report = derive({"fte": [1.1, 0.0, 2.0, 0.8]})
    assert out["fte"].to_list() == [1.0, None, None, 0.8]
    counts = keys(report)
    assert counts["value.fte_capped"] == 1
    assert counts["value.fte_zero"] == 1
    assert counts["value.out_of_range"] == 1


def test_C19_fte_from_paid_hours() -> None:
    out, _ = derive({"hours_paid": [1213.36], "presence_months": [10.0]})
    assert out["fte"].to_list() == pytest.approx([0.8], rel=1e-9)


def test_C20_fte_assumed_full_time() -> None:
    out, report = derive({"base_pay": [30000.0]})
    assert out["fte"].to_list() == [1.0]
    assert keys(report)["column.fte_assumed_full_time"] == 1


def test_C21_annualised_base_pay_in_float64_order() -> None:
    out, _ = derive({"base_pay": [24000.0], "fte": [0.8], "presence_months": [12.0]})
    assert out["base_pay_fte"].to_list() == [24000.0 * 12 / (12 * 0.8)]
    assert math.isclose(out["base_pay_fte"][0], 29999.999999999996, rel_tol=1e-9)


def test_C22_pay_and_index_pay() -> None:
    out, _ = derive(
        {
            "base_pay": [20000.0],
            "variable_pay": [1200.0],
            "excluded_pay": [450.0],
            "hire_date": [D(2025, 3, 15)],
            "fte": [1.0],
        }
    )
    assert out["presence_months"][0] == pytest.approx(9.548387096774194, rel=1e-9)
    assert out["pay_fte"][0] == pytest.approx(26643.243243243243, rel=1e-9)
    assert out["index_pay_fte"][0] == pytest.approx(26077.702702702703, rel=1e-9)


def test_C23_hours_estimated() -> None:
    out, report = derive({"fte": [0.8], "presence_months": [12.0]})
    assert out["hours_paid"].to_list() == pytest.approx([1456.0320000000002], rel=1e-9)
    assert keys(report)["column.hours_estimated"] == 1


def test_C24_weekly_hours_and_working_time() -> None:
    out, _ = derive({"fte": [0.5714, 0.8, 0.9, 0.9999, 0.5]})
    assert out["weekly_hours"].to_list() == [20.00, 28.00, 31.50, 35.00, 17.50]
    assert out["working_time"].to_list() == [
        "part_time_20_30",
        "part_time_20_30",
        "part_time_other",
        "full_time",
        "part_time_other",
    ]


def test_C25_seniority() -> None:
    out, _ = derive({"hire_date": [D(2015, 4, 1)]})
    assert out["seniority_years"][0] == pytest.approx(10.751540041067761, rel=1e-9)


def test_C1_no_presence_no_hours_gives_exactly_two_warnings() -> None:
    out, report = derive(
        {
            "birth_date": [D(1988, 6, 15)],
            "base_pay": [48000.0],
            "variable_pay": [3500.5],
            "fte": [0.8],
        }
    )
    assert out["age"].to_list() == [37]
    assert out["presence_months"].to_list() == [12.0]
    assert keys(report) == {
        "column.presence_assumed_full_year": 1,
        "column.hours_estimated": 1,
    }


def test_E19_birth_date_too_recent() -> None:
    out, report = derive({"birth_date": [D(2020, 1, 1)]})
    assert out["age"].to_list() == [None]
    assert out["age_band"].to_list() == [None]
    assert out["birth_date"].to_list() == [D(2020, 1, 1)]
    message = report.build().messages[0]
    assert (message.key, message.column, message.row) == (
        "value.out_of_range",
        "birth_date",
        2,
    )


def test_E34_no_period_gives_null_dates_derivations() -> None:
    frame = pl.DataFrame(
        {
            "employee_id": ["A"],
            "sex": ["F"],
            "birth_date": [D(1980, 1, 1)],
            "_source_row": [2],
        }
    )
    out = add_derived(
        frame,
        present=frozenset({"employee_id", "sex", "birth_date"}),
        options=Options(),
        report=ReportBuilder(),
        file="t.csv",
    )
    assert out["age"].to_list() == [None]


def test_age_mismatch_and_presence_mismatch_are_warnings() -> None:
    _, report = derive(
        {
            "birth_date": [D(1980, 6, 1)],
            "age": [30],
            "hire_date": [D(2025, 7, 1)],
            "presence_months": [12.0],
        }
    )
    counts = keys(report)
    assert counts["value.age_mismatch"] == 1
    assert counts["value.presence_mismatch"] == 1
    messages = {m.key: m for m in report.build().messages}
    assert messages["value.age_mismatch"].params["expected"] == "45"


def test_an_age_column_without_birth_dates(tmp_path: Path) -> None:
    path = tmp_path / "ages.csv"
    path.write_text(
        "matricule;sexe;age;salaire de base\nA1;F;34;30000\nA2;H;120;32000\n",
        encoding="utf-8",
    )
    workforce = mixite.load(path)
    assert workforce.to_polars()["age_band"].to_list() == ["30-39", None]
    (message,) = [m for m in workforce.report.messages if m.key == "value.out_of_range"]
    assert (message.row, message.column, message.value) == (3, "age", "120")
