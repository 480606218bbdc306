"""What the Index tests share: the spec's example files, aggregated inputs, comparisons."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ibis
import polars as pl

import mixite
from mixite.indicators import egapro

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from mixite.workforce.load import Workforce

NULL_TYPES: dict[str, pl.DataType] = {  # the types of a loaded table's columns
    "period": pl.Int64(),
    "age": pl.Int64(),
    "birth_date": pl.Date(),
    "exit_date": pl.Date(),
    **{name: pl.Boolean() for name in ("raised", "promoted", "maternity_return",
                                       "raised_after_leave", "executive", "governing_body")},
    **{name: pl.Float64() for name in ("presence_months", "fte", "base_pay", "variable_pay",
                                       "excluded_pay", "index_pay_fte")},
}  # fmt: skip
GOLDEN = Path(__file__).parents[2] / "golden" / "egapro"
CSPS = ("ouv", "emp", "tam", "ic")
BANDS = (":29", "30:39", "40:49", "50:")


def golden(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((GOLDEN / name).read_text(encoding="utf-8"))
    return data


def eg20_lines() -> list[str]:
    """The CSV file of EG-20 (egapro.md §17.6), header first."""
    lines: list[str] = golden("eg20_employee_50_250.json")["csv"]
    return list(lines)


def edit(lines: Sequence[str], employee_id: str, **changes: str) -> list[str]:
    """The CSV lines with some cells of one employee's row replaced."""
    header = lines[0].split(",")
    edited = [lines[0]]
    for line in lines[1:]:
        cells = line.split(",")
        if cells[0] == employee_id:
            for column, value in changes.items():
                cells[header.index(column)] = value
        edited.append(",".join(cells))
    return edited


def drop_columns(lines: Sequence[str], *columns: str) -> list[str]:
    rows = list(csv.reader(io.StringIO("\n".join(lines))))
    keep = [i for i, name in enumerate(rows[0]) if name not in columns]
    return [",".join(row[i] for i in keep) for row in rows]


def write(tmp_path: Path, lines: Iterable[str], name: str = "rh_2025.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def load_lines(
    tmp_path: Path, lines: Iterable[str], *, period: int | None = 2025
) -> Workforce:
    return mixite.load(write(tmp_path, lines), period=period)


def on_polars(workforce: Workforce) -> ibis.Table:
    """The loaded table on the Polars backend (STYLE.md §3)."""
    return ibis.polars.connect().create_table("wf", workforce.to_polars())


def headcount(
    cells: Mapping[tuple[str, str], tuple[int, int]] | None = None,
) -> dict[str, Any]:
    """A headcount table of §16.2: every cell, zeros unless given."""
    given = cells or {}
    return {
        csp: {
            band: dict(
                zip(("women", "men"), given.get((csp, band), (0, 0)), strict=True)
            )
            for band in BANDS
        }
        for csp in CSPS
    }


def pay_cells(
    cells: Sequence[tuple[str, str, int, int, float | None, float | None]],
    key: str = "category",
) -> list[dict[str, Any]]:
    return [
        {
            key: group,
            "age_band": band,
            "women": women,
            "men": men,
            "women_avg_pay": women_pay,
            "men_avg_pay": men_pay,
        }
        for group, band, women, men, women_pay, men_pay in cells
    ]


def aggregated(
    workforce_range: str = "251:999",
    *,
    cells: Sequence[tuple[str, str, int, int, float | None, float | None]] = (),
    mode: str = "csp",
    **blocks: Any,
) -> dict[str, Any]:
    """An aggregated input: indicator-1 cells (their counts make the headcount table)."""
    counts = {(c, b): (w, m) for c, b, w, m, _, _ in cells} if mode == "csp" else {}
    data: dict[str, Any] = {
        "workforce_range": workforce_range,
        "headcount": headcount(counts),
        "indicator1": {"mode": mode, "cells": pay_cells(cells)},
        "indicator4": None,
        "indicator5": None,
    }
    if workforce_range == "50:250":
        data["indicator2et3"] = None
    else:
        data["indicator2"] = data["indicator3"] = None
    data.update(blocks)
    return data


def assert_subset(expected: Any, got: Any, path: str = "$") -> None:
    """Every key of ``expected`` is in ``got`` with the same value; lists item by item."""
    if isinstance(expected, dict):
        assert isinstance(got, dict), f"{path}: {got!r} is not an object"
        for key, value in expected.items():
            assert key in got, f"{path}.{key} missing"
            assert_subset(value, got[key], f"{path}.{key}")
    elif isinstance(expected, list):
        assert isinstance(got, list), f"{path}: {got!r} is not a list"
        assert len(got) == len(expected), (
            f"{path}: {len(got)} items, not {len(expected)}"
        )
        for i, (want, have) in enumerate(zip(expected, got, strict=True)):
            assert_subset(want, have, f"{path}[{i}]")
    else:
        assert got == expected, f"{path}: {got!r} != {expected!r}"


def indicator_objects(data: Mapping[str, Any]) -> dict[str, Any]:
    """The indicator and index objects of a result (what §5.9's invariant compares)."""
    keys = ("indicator1", "indicator2", "indicator3", "indicator2et3", "indicator4",
            "indicator5", "index")  # fmt: skip
    return {key: data[key] for key in keys if key in data}


def round_trip(result: egapro.EgaproResult) -> None:
    """§5.9: the derived aggregates give back the same indicators and index."""
    data = result.to_dict()
    assert data["aggregates"] is not None
    again = egapro.from_aggregates(data["aggregates"]).to_dict()
    expected = indicator_objects(data)
    for key, value in (data["aggregates"] or {}).items():
        if key.startswith("indicator") and key != "indicator1" and value is None:
            expected.pop(key, None)  # a null block is missing_input there (§13)
    assert_subset(expected, indicator_objects(again))


def trusted_table(
    rows: Sequence[Mapping[str, Any]], backend: str = "duckdb"
) -> ibis.Table:
    """A table that looks loaded (derived columns present) on the chosen backend."""
    names = (
        list(rows[0])
        if rows
        else ["employee_id", "sex", "csp", "contract", *NULL_TYPES]
    )
    schema = {name: NULL_TYPES.get(name, pl.String()) for name in names}
    frame = (
        pl.DataFrame(list(rows), schema=schema) if rows else pl.DataFrame(schema=schema)
    )
    connection = ibis.duckdb.connect() if backend == "duckdb" else ibis.polars.connect()
    return connection.create_table("wf", frame)
