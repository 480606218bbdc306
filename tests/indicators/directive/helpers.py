"""What the directive tests share: the acceptance examples' rows and loaded tables."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ibis
import polars as pl

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from mixite.indicators.directive.gaps import Gap

NBSP = "\u00a0"
NNBSP = "\u202f"

# DIR-01: (employee_id, sex, job_category, fte, hours_paid, base_pay, variable_pay)
DIR01 = (
    ("E01", "F", "Employés", 1.0, 1820, 28000, 0),
    ("E02", "F", "Employés", 0.5, 910, 15000, 500),
    ("E03", "F", "Employés", 1.0, 1820, 30000, 1000),
    ("E04", "M", "Employés", 1.0, 1820, 29000, 1500),
    ("E05", "M", "Employés", 1.0, 1820, 31000, 0),
    ("E06", "F", "Techniciens", 1.0, 1820, 36000, 2000),
    ("E07", "M", "Techniciens", 1.0, 1820, 38000, 0),
    ("E08", "M", "Techniciens", 1.0, 1820, 37000, 3000),
    ("E09", "F", "Cadres", 1.0, 1820, 50000, 5000),
    ("E10", "M", "Cadres", 1.0, 1820, 52000, 8000),
    ("E11", "M", "Cadres", 1.0, 1820, 58000, 6000),
    ("E12", "F", "Cadres", 0.8, 1456, 44000, 3000),
)
COLUMNS = (
    "employee_id",
    "sex",
    "job_category",
    "fte",
    "hours_paid",
    "base_pay",
    "variable_pay",
)
SCHEMA: Mapping[str, pl.DataType] = {
    "employee_id": pl.String(),
    "sex": pl.String(),
    "period": pl.Int64(),
    "job_category": pl.String(),
    "contract": pl.String(),
    "presence_months": pl.Float64(),
    "fte": pl.Float64(),
    "hours_paid": pl.Float64(),
    "base_pay": pl.Float64(),
    "variable_pay": pl.Float64(),
    "index_pay_fte": pl.Float64(),  # a loader marker: the table counts as loaded
}


def record(values: Iterable[Any], **extra: Any) -> dict[str, Any]:
    """A canonical row from a DIR-01-like tuple; 2026, permanent, present all year."""
    row: dict[str, Any] = dict(zip(COLUMNS, values, strict=True))
    row = {"period": 2026, "contract": "permanent", "presence_months": 12.0, **row}
    row["index_pay_fte"] = 0.0
    return {**row, **extra}


def dir01_rows(**extra: Any) -> list[dict[str, Any]]:
    return [record(values, **extra) for values in DIR01]


def frame(rows: Iterable[Mapping[str, Any]], drop: Iterable[str] = ()) -> pl.DataFrame:
    """Rows as a typed frame with every canonical column of :data:`SCHEMA`."""
    rows = list(rows)
    if not rows:
        return pl.DataFrame(schema=SCHEMA).drop(list(drop))
    data = pl.DataFrame(rows, schema_overrides=SCHEMA, infer_schema_length=None)
    return data.drop(list(drop))


def table(
    rows: Iterable[Mapping[str, Any]],
    *,
    backend: str = "duckdb",
    drop: Iterable[str] = (),
) -> ibis.Table:
    """A loaded-like Ibis table (loader markers present) on DuckDB or Polars."""
    data = frame(list(rows), drop)
    if backend == "polars":
        return ibis.polars.connect().create_table("wf", data)
    return ibis.duckdb.connect().create_table("wf", data.to_arrow())


def person(
    employee_id: str,
    sex: str,
    base: float,
    variable: float = 0.0,
    *,
    hours: float | None = 1820.0,
    fte: float = 1.0,
    category: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    return record((employee_id, sex, category, fte, hours, base, variable), **extra)


def sides(gap: Gap) -> tuple[float | None, float | None]:
    """The two values of a gap as written (2 decimals)."""
    data = gap.to_dict()
    return data["women"]["value"], data["men"]["value"]


def shown(gap: Gap) -> tuple[float | None, float | None, str, bool]:
    """(ratio, percent, display with an ordinary space, high) as written."""
    data = gap.to_dict()
    return (
        data["gap_ratio"],
        data["gap_percent"],
        data["display"].replace(NBSP, " "),
        data["high"],
    )


def codes(result_dict: Mapping[str, Any]) -> list[tuple[str, str | None]]:
    return [(w["code"], w["indicator"]) for w in result_dict["warnings"]]
