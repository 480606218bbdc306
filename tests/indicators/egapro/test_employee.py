"""Employee mode (egapro.md §3–§5): EG-14 to EG-16 and EG-20 to EG-25, on both backends."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import ibis
import polars as pl
import pytest

import mixite
from mixite.indicators import egapro
from mixite.indicators.core import to_polars
from mixite.indicators.egapro import population as pop
from mixite.workforce import InputError, synth
from tests.indicators.egapro.helpers import (
    drop_columns,
    edit,
    eg20_lines,
    load_lines,
    on_polars,
    round_trip,
    trusted_table,
    write,
)

if TYPE_CHECKING:
    from pathlib import Path

    from mixite.workforce.load import Workforce

HEADER = (
    "employee_id,period,sex,birth_date,csp,contract,hire_date,exit_date,presence_months,"
    "fte,base_pay,variable_pay"
)


@pytest.fixture(scope="module")
def eg20(tmp_path_factory: pytest.TempPathFactory) -> Workforce:
    return load_lines(tmp_path_factory.mktemp("eg20"), eg20_lines())


def compute_eg20(lines: list[str], tmp_path: Path, **options: Any) -> dict[str, Any]:
    workforce = load_lines(tmp_path, lines)
    return egapro.compute(
        workforce,
        workforce_range="50:250",
        options=egapro.EgaproOptions(**options),
    ).to_dict()


# --- EG-14: presence ---------------------------------------------------------------------------

EG14 = [  # hire, exit, presence, in the population
    ("", "2025-08-31", 8.0, True),
    ("2025-03-01", "", 10.0, True),
    ("2025-07-01", "", 6.0, True),
    ("2025-07-02", "", 185 / 31, False),
    ("2025-06-16", "", 6.5, True),
    ("2025-01-01", "2025-06-30", 6.0, True),
    ("", "2025-06-15", 5.5, False),
    ("2025-04-01", "2025-08-31", 5.0, False),
    ("2025-01-16", "2025-07-15", 6.0, True),
    ("2019-05-01", "", 12.0, True),
]


def eg14_lines(rows: list[tuple[str, str]], period: int) -> list[str]:
    return [HEADER] + [
        f"P{i:02d},{period},{'FM'[i % 2]},1980-01-01,emp,permanent,{hire},{exit_},,1,30000,0"
        for i, (hire, exit_) in enumerate(rows)
    ]


def test_EG_14_presence_and_the_6_month_rule(tmp_path: Path) -> None:
    rows = [(hire, exit_) for hire, exit_, _, _ in EG14] + [("", "2024-12-31")]
    workforce = load_lines(tmp_path, eg14_lines(rows, 2025))
    presence = workforce.to_polars().sort("employee_id")["presence_months"].to_list()
    assert presence == pytest.approx([p for _, _, p, _ in EG14], abs=1e-12)
    result = egapro.compute(workforce, workforce_range="50:250").to_dict()
    population = result["details"]["population"]
    assert population["rows_in_period"] == 10  # the last row: row.not_in_period
    assert population["taken_into_account"] == sum(1 for *_, kept in EG14 if kept)
    assert population["excluded"]["presence_under_6_months"] == 3
    assert "row.not_in_period" in [w["code"] for w in result["details"]["warnings"]]


def test_EG_14_leap_year(tmp_path: Path) -> None:
    workforce = load_lines(
        tmp_path, eg14_lines([("2024-02-15", "")], 2024), period=2024
    )
    assert workforce.to_polars()["presence_months"].item() == pytest.approx(305 / 29)
    population = egapro.compute(workforce).to_dict()["details"]["population"]
    assert population["taken_into_account"] == 1


def test_a_presence_of_6_months_within_double_noise_is_kept() -> None:
    assert pop.PRESENCE_FLOOR <= 16 / 31 + 5 + 15 / 31
    assert pop.PRESENCE_FLOOR == 6 - 1e-9


# --- EG-15: age at the reference date ----------------------------------------------------------

EG15 = [  # birth, exit, period, age, band
    ("1995-12-31", None, 2025, 30, "30:39"),
    ("1996-01-01", None, 2025, 29, ":29"),
    ("1975-10-20", "2025-09-30", 2025, 49, "40:49"),
    ("1996-02-29", "2026-02-28", 2026, 29, ":29"),
    ("1996-02-29", "2026-03-01", 2026, 30, "30:39"),
    (None, None, 2025, 50, "50:"),
]


@pytest.mark.parametrize("backend", ["duckdb", "polars"])
@pytest.mark.parametrize("case", EG15)
def test_EG_15_age_on_the_last_day_of_presence(
    case: tuple[Any, ...], backend: str
) -> None:
    birth, exit_, period, age, band = case
    frame = pl.DataFrame(
        {
            "birth_date": [None if birth is None else dt.date.fromisoformat(birth)],
            "exit_date": [None if exit_ is None else dt.date.fromisoformat(exit_)],
            "age": [50 if birth is None else None],
        },
        schema={"birth_date": pl.Date, "exit_date": pl.Date, "age": pl.Int32},
    )
    connection = ibis.duckdb.connect() if backend == "duckdb" else ibis.polars.connect()
    table = connection.create_table("t", frame)
    window = (dt.date(period, 1, 1), dt.date(period, 12, 31))
    rows = pop.Rows(table, window, egapro.EgaproOptions())
    got = to_polars(table.select(age=rows.age(), band=rows.age_band(rows.age())))
    assert got.row(0) == (age, band)


def test_EG_15_the_loader_age_is_at_period_end_the_index_age_at_exit(
    eg20: Workforce,
) -> None:
    e21 = eg20.to_polars().filter(pl.col("employee_id") == "E21")
    assert e21["age"].item() == 50  # workforce.md §2.2
    cells = egapro.compute(eg20, workforce_range="50:250").to_dict()["aggregates"]
    assert cells["headcount"]["emp"]["40:49"] == {
        "women": 1,
        "men": 0,
    }  # E21, 49 at exit


# --- EG-16: Index pay in FTE and cents ---------------------------------------------------------

EG16 = [  # base, variable, excluded, fte, presence, fte_pay, cents
    ("28000", "1200", "", "1", "12", 29200.0, 2_920_000),
    ("22400", "800", "", "0.8", "12", 28999.999999999996, 2_900_000),
    ("30000", "2000", "1000", "1", "12", 31000.0, 3_100_000),
    ("36000", "2000", "", "1", "8", 57000.0, 5_700_000),
    ("21730.50", "412.37", "", "0.9", "7.5", 39365.102222222224, 3_936_510),
]


def pay_lines(rows: list[tuple[Any, ...]], *, variable: bool = True) -> list[str]:
    head = "employee_id,period,sex,csp,presence_months,fte,base_pay,excluded_pay"
    lines = [head + (",variable_pay" if variable else "")]
    for i, (base, var, excluded, fte, presence, *_) in enumerate(rows):
        line = f"P{i},2025,F,emp,{presence},{fte},{base},{excluded}"
        lines.append(line + (f",{var}" if variable else ""))
    return lines


@pytest.mark.parametrize("backend", ["duckdb", "polars"])
def test_EG_16_fte_pay_in_cents(tmp_path: Path, backend: str) -> None:
    workforce = load_lines(tmp_path, pay_lines(EG16))
    table = workforce.table if backend == "duckdb" else on_polars(workforce)
    rows = pop.Rows(table, None, egapro.EgaproOptions())
    got = to_polars(
        table.select("employee_id", "index_pay_fte", cents=rows.fte_pay_cents())
    )
    got = got.sort("employee_id")
    assert got["index_pay_fte"].to_list() == [row[5] for row in EG16]
    assert got["cents"].to_list() == [row[6] for row in EG16]


def test_EG_16_an_absent_variable_pay_column_counts_0(tmp_path: Path) -> None:
    workforce = load_lines(
        tmp_path, pay_lines([("25000", "", "", "1", "10")], variable=False)
    )
    assert workforce.to_polars()["index_pay_fte"].item() == 30000.0


def test_EG_16_an_empty_variable_pay_cell_is_unknown(tmp_path: Path) -> None:
    lines = pay_lines([("25000", "", "", "1", "10"), ("25000", "0", "", "1", "12")])
    result = egapro.compute(load_lines(tmp_path, lines), workforce_range="50:250")
    details = result.to_dict()["details"]["indicator5"]
    assert result.indicator5.reason == "incomplete_data"
    assert details["incomplete"] == {
        "count": 1,
        "examples": [{"row": 2, "field": "variable_pay"}],
    }


def test_EG_16_negative_index_pay_is_bad_input(tmp_path: Path) -> None:
    lines = pay_lines([("1000", "0", "1500", "1", "12")])
    with pytest.raises(InputError) as raised:
        egapro.compute(load_lines(tmp_path, lines))
    assert "excluded_pay" in str(raised.value)


# --- EG-20: the complete employee-level example ------------------------------------------------


def test_EG_20_same_result_on_duckdb_and_polars(eg20: Workforce) -> None:
    on_duckdb = egapro.compute(eg20.table, workforce_range="50:250").to_dict()
    on_pl = egapro.compute(on_polars(eg20), workforce_range="50:250").to_dict()
    assert on_duckdb == on_pl
    assert on_duckdb["index"]["value"] == 95


def test_EG_20_is_deterministic(eg20: Workforce) -> None:
    first = egapro.compute(eg20, workforce_range="50:250").to_json()
    assert egapro.compute(eg20, workforce_range="50:250").to_json() == first


def test_EG_20_shared_view_has_no_pay_and_no_aggregates(eg20: Workforce) -> None:
    shared = egapro.compute(eg20, workforce_range="50:250").to_dict(shared=True)
    assert "aggregates" not in shared
    for group in shared["details"]["indicator1"]["groups"]:
        assert "women_avg_pay" not in group
        assert "men_avg_pay" not in group
    assert "€" not in str(shared)


def test_EG_20_estimated_band(eg20: Workforce) -> None:
    result = egapro.compute(eg20).to_dict()
    assert result["workforce_range"] == "50:250"
    assert result["details"]["workforce_range_source"] == "estimated"
    codes = [w["code"] for w in result["details"]["warnings"]]
    assert codes[:3] == [
        "column.hours_estimated",
        "workforce_range_estimated",
        "below_50_employees",
    ]
    assert result["details"]["population"]["estimated_workforce"] == 25


def test_EG_20_paid_basis_for_the_top_ten(tmp_path: Path) -> None:
    result = compute_eg20(eg20_lines(), tmp_path, top10_pay="paid")
    assert result["aggregates"]["indicator5"] == {"women": 5, "men": 5}
    assert result["indicator5"]["over_represented"] == "equality"
    assert result["details"]["indicator5"]["pay_basis"] == "paid"
    assert result["details"]["indicator5"]["tie_at_rank_10"] is False


# --- EG-21 to EG-23 ----------------------------------------------------------------------------


def test_EG_21_missing_column(tmp_path: Path) -> None:
    lines = drop_columns(eg20_lines(), "maternity_return", "raised_after_leave")
    result = compute_eg20(lines, tmp_path)
    assert result["indicator4"]["not_calculable_reason"] == "missing_column"
    assert result["details"]["indicator4"]["missing_columns"] == ["maternity_return"]
    assert result["aggregates"]["indicator4"] is None
    assert (result["index"]["total_points"], result["index"]["max_points"]) == (80, 85)
    assert result["index"]["value"] == 94
    assert result["details"]["obligations"]["objectives_for"] == []


def test_EG_22_incomplete_data(tmp_path: Path) -> None:
    result = compute_eg20(edit(eg20_lines(), "E05", csp=""), tmp_path)
    one = result["indicator1"]
    assert one["not_calculable_reason"] == "incomplete_data"
    assert one["valid_headcount"] is one["total_headcount"] is None
    assert result["details"]["indicator1"]["incomplete"] == {
        "count": 1,
        "examples": [{"row": 6, "field": "csp"}],
    }
    assert (result["indicator2et3"]["points"], result["indicator4"]["points"]) == (
        35,
        15,
    )
    assert result["indicator5"]["points"] == 10
    assert result["index"] == {
        "calculable": False,
        "total_points": 60,
        "max_points": 60,
        "value": None,
        "raw_value_computed_anyway": 100,
    }
    assert result["aggregates"] is None
    assert "aggregates_unavailable" in [
        w["code"] for w in result["details"]["warnings"]
    ]


def test_EG_23_drop_incomplete_rows(tmp_path: Path) -> None:
    lines = edit(eg20_lines(), "E05", csp="")
    result = compute_eg20(lines, tmp_path, drop_incomplete_rows=True)
    population = result["details"]["population"]
    assert (
        population["taken_into_account"],
        population["women"],
        population["men"],
    ) == (
        24,
        11,
        13,
    )
    assert population["dropped_incomplete"] == 1
    one = result["indicator1"]
    assert (one["valid_headcount"], one["total_headcount"]) == (6, 24)
    assert one["not_calculable_reason"] == "egvi40pcet"
    assert one["computed_but_ignored"] == {
        "result": 6.6,
        "favourable": "men",
        "points": 33,
        "raw_signed_gap": 6.578943,
    }
    two_three = result["indicator2et3"]
    assert (two_three["result_pct"], two_three["points_pct"]) == (18.9, 0)
    assert (two_three["result_employees"], two_three["points_employees"]) == (2.1, 25)
    assert (two_three["favourable"], two_three["catch_up_applied"]) == ("men", False)
    assert two_three["points"] == 25
    assert (result["indicator4"]["points"], result["indicator5"]["points"]) == (15, 10)
    assert result["index"] == {
        "calculable": False,
        "total_points": 50,
        "max_points": 60,
        "value": None,
        "raw_value_computed_anyway": 83,
    }
    round_trip(egapro.compute(load_lines(tmp_path, lines), workforce_range="50:250",
                              options=egapro.EgaproOptions(drop_incomplete_rows=True)))  # fmt: skip


# --- EG-24: multi-year 2et3 --------------------------------------------------------------------


def eg24_lines() -> list[str]:
    lines = eg20_lines()
    extra = []
    for line in lines[1:]:
        if line.startswith(("E13,", "E17,")):
            cells = line.split(",")
            cells[1], cells[13] = "2024", "true"
            extra.append(",".join(cells))
    extra.append(
        "Z01,2024,F,1990-01-01,emp,permanent,,,,1,25000,0,,true,false,false,,false,false"
    )
    return lines + extra


@pytest.mark.parametrize(
    ("years", "women", "men", "points"), [(1, 3, 6, 35), (2, 4, 7, 35)]
)
def test_EG_24_raises_over_two_years(
    tmp_path: Path, years: int, women: int, men: int, points: int
) -> None:
    workforce = load_lines(tmp_path, eg24_lines(), period=None)
    assert workforce.periods == (2024, 2025)
    result = egapro.compute(
        workforce,
        period=2025,
        workforce_range="50:250",
        options=egapro.EgaproOptions(raise_period_years=years),
    ).to_dict()
    assert result["aggregates"]["indicator2et3"] == {
        "declared_calculable": True,
        "raised_women": women,
        "raised_men": men,
    }
    assert result["indicator2et3"]["points"] == points
    assert result["details"]["population"]["taken_into_account"] == 25
    if years == 2:
        two_three = result["indicator2et3"]
        assert (two_three["result_pct"], two_three["points_pct"]) == (13.6, 0)
        assert (two_three["result_employees"], two_three["points_employees"]) == (
            1.5,
            35,
        )
        assert two_three["raw_signed_gap"] == 13.636364


def test_EG_24_on_polars_and_with_a_missing_year(tmp_path: Path) -> None:
    workforce = load_lines(tmp_path, eg24_lines(), period=None)
    options = egapro.EgaproOptions(raise_period_years=3)
    on_duckdb = egapro.compute(workforce.table, period=2025, options=options).to_dict()
    on_pl = egapro.compute(on_polars(workforce), period=2025, options=options).to_dict()
    assert on_duckdb == on_pl
    codes = [w["code"] for w in on_duckdb["details"]["warnings"]]
    assert "raise_period_incomplete" in codes
    assert on_duckdb["aggregates"]["indicator2et3"]["raised_women"] == 4


def test_several_periods_default_to_the_latest(tmp_path: Path) -> None:
    workforce = load_lines(tmp_path, eg24_lines(), period=None)
    result = egapro.compute(workforce, workforce_range="50:250").to_dict()
    assert result["details"]["population"]["period"] == 2025
    warning = [
        w
        for w in result["details"]["warnings"]
        if w["code"] == "period_defaulted_to_latest"
    ]
    assert len(warning) == 1
    assert "2024, 2025" in warning[0]["message"]
    assert result["index"]["value"] == 95


def test_a_period_absent_from_the_table_is_bad_input(eg20: Workforce) -> None:
    with pytest.raises(InputError, match="2024"):
        egapro.compute(eg20, period=2024)


# --- EG-25: bad input files --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("employee", "changes", "line", "column"),
    [
        ("E07", {"sex": "X"}, 8, "sex"),
        ("E02", {"fte": "0"}, 3, "fte"),
        ("E05", {"excluded_pay": "40000"}, 6, "excluded_pay"),
    ],
)
def test_EG_25_rows_the_loader_altered_stop_the_index(
    tmp_path: Path, employee: str, changes: dict[str, str], line: int, column: str
) -> None:
    workforce = load_lines(tmp_path, edit(eg20_lines(), employee, **changes))
    with pytest.raises(InputError) as raised:
        egapro.compute(workforce)
    message = str(raised.value)
    assert message.startswith(f'rh_2025.csv, line {line}, field "{column}": ')


def test_EG_25_a_duplicate_row(tmp_path: Path) -> None:
    lines = eg20_lines()
    duplicate = lines[1].replace(",28000,", ",28500,")
    workforce = load_lines(tmp_path, [*lines, duplicate])
    with pytest.raises(InputError) as raised:
        egapro.compute(workforce)
    assert str(raised.value).startswith('rh_2025.csv, line 33, field "employee_id": ')


def test_EG_25_a_period_not_in_the_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as raised:
        mixite.load(write(tmp_path, eg20_lines()), period=2024)
    assert raised.value.report.messages[0].key == "period.not_in_file"
    with pytest.raises(InputError, match=r"2024 is not in the table \(periods: 2025\)"):
        egapro.compute(write(tmp_path, eg20_lines()), period=2024)  # loaded by compute


def test_warnings_of_unused_columns_do_not_stop_the_index(tmp_path: Path) -> None:
    lines = [f"{line},{'training_hours' if i == 0 else ('-3' if i == 4 else '2')}"
             for i, line in enumerate(eg20_lines())]  # fmt: skip
    result = egapro.compute(load_lines(tmp_path, lines), workforce_range="50:250")
    assert result.index.value == 95
    loader = [w for w in result.to_dict()["details"]["warnings"] if "file" in w]
    assert any(w["column"] == "training_hours" and w["row"] == 5 for w in loader)


# --- empty, incomplete, unknown ----------------------------------------------------------------


@pytest.mark.parametrize("backend", ["duckdb", "polars"])
def test_an_empty_table_gives_the_official_reasons(
    eg20: Workforce, backend: str
) -> None:
    frame = eg20.to_polars().head(0)
    connection = ibis.duckdb.connect() if backend == "duckdb" else ibis.polars.connect()
    table = connection.create_table("empty", frame)
    for band, reasons in (
        ("50:250", {"indicator1": "egvi40pcet", "indicator2et3": "etsno5f5h"}),
        ("1000:", {"indicator2": "egvi40pcet", "indicator3": "egvi40pcet"}),
    ):
        result = egapro.compute(table, workforce_range=band).to_dict()
        expected = {**reasons, "indicator4": "absrcm", "indicator5": "top10_incomplete"}
        for key, reason in expected.items():
            assert result[key]["not_calculable_reason"] == reason
        assert result["index"]["calculable"] is False
        assert result["representation"]["executives"]["not_calculable_reason"] == (
            "aucun_cadre_dirigeant"
        )


def test_a_table_without_the_index_columns(eg20: Workforce) -> None:
    table = eg20.table.select(
        "employee_id", "sex", "presence_months", "fte", "index_pay_fte"
    )
    result = egapro.compute(table, workforce_range="251:999")
    data = result.to_dict()
    for key in ("indicator1", "indicator2", "indicator3", "indicator4", "indicator5"):
        assert data[key]["not_calculable_reason"] == "missing_column", key
    assert data["details"]["indicator1"]["missing_columns"] == [
        "csp",
        "birth_date",
        "age",
        "base_pay",
    ]
    assert data["details"]["indicator2"]["missing_columns"] == ["csp", "raised"]
    assert data["aggregates"] is None
    assert data["index"]["max_points"] == 0


def test_without_any_period_dates_cannot_give_presence(tmp_path: Path) -> None:
    lines = drop_columns(eg20_lines(), "period")
    result = egapro.compute(
        load_lines(tmp_path, lines, period=None), workforce_range="50:250"
    )
    data = result.to_dict()
    for key in ("indicator1", "indicator2et3", "indicator5"):
        assert data[key]["not_calculable_reason"] == "period_unknown", key
    assert data["indicator4"]["calculable"] is True
    assert data["details"]["population"]["period"] is None
    assert data["details"]["obligations"]["deadline"] is None
    assert data["aggregates"] is None


def test_without_period_a_table_with_presence_and_age_is_computed() -> None:
    rows = [
        {"employee_id": f"P{i}", "sex": "FM"[i % 2], "period": None, "age": 30 + i % 20,
         "csp": "emp", "presence_months": 12.0, "fte": 1.0, "base_pay": 30_000.0 + 100 * i,
         "index_pay_fte": 30_000.0 + 100 * i, "raised": i % 3 == 0}
        for i in range(30)
    ]  # fmt: skip
    result = egapro.compute(trusted_table(rows), workforce_range="50:250")
    assert result.indicator1.calculable
    assert result.indicator2et3 is not None
    assert result.indicator2et3.calculable
    assert result.to_dict()["details"]["population"]["period"] is None


def test_missing_raises_are_listed_with_their_rows(tmp_path: Path) -> None:
    lines = edit(edit(eg20_lines(), "E03", raised=""), "E11", raised="")
    result = compute_eg20(lines, tmp_path)
    assert result["indicator2et3"]["not_calculable_reason"] == "incomplete_data"
    assert result["details"]["indicator2et3"]["incomplete"] == {
        "count": 2,
        "examples": [{"row": 4, "field": "raised"}, {"row": 12, "field": "raised"}],
    }
    assert result["aggregates"]["indicator2et3"] is None


def test_an_empty_maternity_return_of_an_absent_employee_is_incomplete(
    tmp_path: Path,
) -> None:
    result = compute_eg20(edit(eg20_lines(), "X05", maternity_return=""), tmp_path)
    assert result["indicator4"]["not_calculable_reason"] == "incomplete_data"
    assert result["details"]["indicator4"]["incomplete"]["examples"] == [
        {"row": 31, "field": "maternity_return"}
    ]


def test_a_returner_without_the_raised_after_leave_column(tmp_path: Path) -> None:
    result = compute_eg20(drop_columns(eg20_lines(), "raised_after_leave"), tmp_path)
    assert result["indicator4"]["not_calculable_reason"] == "missing_column"
    assert result["details"]["indicator4"]["missing_columns"] == ["raised_after_leave"]


# --- level mode, larger tables -----------------------------------------------------------------


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Workforce:
    path = tmp_path_factory.mktemp("synth") / "s.parquet"
    synth.write(path, 600, 5)
    return mixite.load(path)


@pytest.mark.parametrize("band", ["251:999", "50:250"])
def test_synthetic_workforce_same_on_both_backends(
    synthetic: Workforce, band: str
) -> None:
    options = egapro.EgaproOptions(mode="niveau_branche")
    on_duckdb = egapro.compute(synthetic.table, workforce_range=band, options=options)
    on_pl = egapro.compute(on_polars(synthetic), workforce_range=band, options=options)
    assert on_duckdb.to_dict() == on_pl.to_dict()
    round_trip(on_duckdb)
    levels = [
        g["level"] for g in on_duckdb.to_dict()["details"]["indicator1"]["groups"]
    ]
    assert levels == sorted(levels, key=lambda lv: (lv[0], int(lv[1:])))


def test_level_mode_without_a_level_column(eg20: Workforce) -> None:
    options = egapro.EgaproOptions(mode="niveau_autre")
    result = egapro.compute(eg20, workforce_range="50:250", options=options).to_dict()
    assert result["indicator1"]["not_calculable_reason"] == "missing_column"
    assert result["details"]["indicator1"]["missing_columns"] == ["level"]
    assert result["aggregates"] is None


def test_level_mode_falls_back_to_csp_on_request(tmp_path: Path) -> None:
    lines = [
        f"{line},{'level' if i == 0 else f'L{i}'}"
        for i, line in enumerate(eg20_lines())
    ]
    workforce = load_lines(tmp_path, lines)
    plain = egapro.EgaproOptions(mode="niveau_branche")
    result = egapro.compute(workforce, workforce_range="50:250", options=plain)
    assert result.indicator1.reason == "egvi40pcet"  # one person per level
    fallback = egapro.EgaproOptions(mode="niveau_branche", level_fallback_to_csp=True)
    result = egapro.compute(workforce, workforce_range="50:250", options=fallback)
    data = result.to_dict()
    assert data["details"]["mode"] == "csp"
    assert data["indicator1"]["result"] == 4.5
    assert "level_mode_fallback" in [w["code"] for w in data["details"]["warnings"]]
    assert data["aggregates"]["indicator1"]["mode"] == "csp"
    round_trip(result)


def test_bad_options_are_refused() -> None:
    with pytest.raises(ValueError, match="raise_period_years"):
        egapro.EgaproOptions(raise_period_years=4)
    with pytest.raises(ValueError, match="mode"):
        egapro.EgaproOptions(mode="level")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="top10_pay"):
        egapro.EgaproOptions(top10_pay="gross")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="workforce_range"):
        egapro.compute(
            pl.DataFrame({"employee_id": ["a"], "sex": ["F"]}), workforce_range="250:"
        )


# --- §1.4: the estimated size band -------------------------------------------------------------


def people(n: int, **values: Any) -> list[dict[str, Any]]:
    base = {"sex": "F", "period": 2025, "contract": "permanent", "presence_months": 12.0,
            "fte": 1.0, "base_pay": 30_000.0, "index_pay_fte": 30_000.0}  # fmt: skip
    return [{"employee_id": f"P{i:05d}", **base, **values} for i in range(n)]


@pytest.mark.parametrize(
    ("n", "band"),
    [(250, "50:250"), (251, "251:999"), (999, "251:999"), (1000, "1000:")],
)
def test_the_band_follows_the_estimate(n: int, band: str) -> None:
    result = egapro.compute(trusted_table(people(n)))
    assert result.workforce_range == band
    assert result.to_dict()["details"]["population"]["estimated_workforce"] == n
    codes = [w.code for w in result.warnings]
    assert "workforce_range_estimated" in codes
    assert "below_50_employees" not in codes


def test_the_estimate_is_an_exact_sum_rounded_half_up() -> None:
    rows = people(3, fte=0.5)  # 3 × 0.5 × 12 / 12 = 1.5 → 2
    rows += people(2, contract="apprentice")  # not counted
    rows += [
        {**p, "employee_id": f"X{i}"}
        for i, p in enumerate(people(1, contract="expatriate"))
    ]
    rows += [
        {**p, "employee_id": f"Y{i}"}
        for i, p in enumerate(people(10, fte=0.1, presence_months=0.1))
    ]
    result = egapro.compute(trusted_table(rows)).to_dict()
    # 18 + 12 + 10 × 0.1 × 0.1 (0.010000000000000002 each) = 30.1… months → 2.508… → 3
    assert result["details"]["population"]["estimated_workforce"] == 3
    assert [w["code"] for w in result["details"]["warnings"]][:2] == [
        "workforce_range_estimated",
        "below_50_employees",
    ]


def test_a_declared_band_is_not_estimated() -> None:
    result = egapro.compute(trusted_table(people(10)), workforce_range="1000:")
    assert result.to_dict()["details"]["workforce_range_source"] == "declared"
    assert [w.code for w in result.warnings] == ["aggregates_unavailable"]  # no csp
