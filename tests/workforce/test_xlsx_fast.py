"""The XLSX fast path (calamine values, XML cell kinds) against the whole-sheet Python pass.

Each case reads a workbook twice: as ``read_xlsx_raw`` does (the fast path must be taken)
and with ``xlsx_fast.read_table`` answering ``None``, which makes the reader fall back to
reading every cell in Python, the reference. Frames, column sets and messages must match.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import sys
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import openpyxl
import polars as pl
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from mixite.workforce.readers import read_xlsx_raw, xlsx_fast
from tests.workforce.helpers import FakeReport

if TYPE_CHECKING:
    from collections.abc import Sequence

    import pytest

    from mixite.workforce.readers.raw import RawSheet

BENCH = Path(__file__).parents[2] / "benchmarks" / "bench_xlsx.py"
READ_TABLE = xlsx_fast.read_table  # before any test replaces it
KNOWN = {"matricule", "sexe", "salaire", "salaire de base", "date"}


def score(cells: Sequence[str | None]) -> int:
    """Stand-in for mapping.header_score: cells naming a known column."""
    return sum(1 for c in cells if c and c.strip().lower() in KNOWN)


def read_both(
    path: Path, monkeypatch: pytest.MonkeyPatch, header_row: int | None = None
) -> tuple[RawSheet, FakeReport]:
    """The fast read, checked against the Python reference; the fast path must be used."""
    fast_report, slow_report = FakeReport(), FakeReport()
    answers: list[bool] = []

    def spy(*args: object) -> xlsx_fast.Table | None:
        table = READ_TABLE(*args)  # type: ignore[arg-type] # the reader's own arguments
        answers.append(table is not None)
        return table

    monkeypatch.setattr(xlsx_fast, "read_table", spy)
    fast = read_xlsx_raw(
        path,
        file="w.xlsx",
        report=fast_report,
        header_score=score,
        header_row=header_row,
    )
    monkeypatch.setattr(xlsx_fast, "read_table", lambda *_: None)
    slow = read_xlsx_raw(
        path,
        file="w.xlsx",
        report=slow_report,
        header_score=score,
        header_row=header_row,
    )
    assert answers == [True]
    assert fast is not None
    assert slow is not None
    assert fast.frame.schema == slow.frame.schema
    assert fast.frame.equals(slow.frame)
    assert fast.headers == slow.headers
    assert fast.percent_columns == slow.percent_columns
    assert fast.date_columns == slow.date_columns
    assert fast.mixed_columns == slow.mixed_columns
    assert fast_report.messages == slow_report.messages
    assert fast_report.rejected == slow_report.rejected == {}  # XLSX rejects no row
    return fast, fast_report


def rewrite_sheet(path: Path, edit: dict[str, str]) -> None:
    """Replace pieces of the first sheet's XML (openpyxl cannot write cached values)."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    xml = members["xl/worksheets/sheet1.xml"].decode()
    for old, new in edit.items():
        assert old in xml
        xml = xml.replace(old, new)
    members["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def test_empty_leading_column(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws[
        "A1"
    ].number_format = "0%"  # a styled cell without value: calamine drops column A
    for row in (["Matricule", "Sexe", "Salaire"], ["A1", "F", 1.5], ["A2", "H", 2]):
        ws.append([None, *row])
    path = tmp_path / "a.xlsx"
    wb.save(path)
    raw, report = read_both(path, monkeypatch)
    assert raw.headers == ("Matricule", "Sexe", "Salaire")
    assert raw.frame.rows() == [("A1", "F", 1.5, 3), ("A2", "H", 2.0, 4)]
    assert report.messages == []


def test_header_row_3_with_blank_columns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["B1"] = "Export RH"
    ws["A3"], ws["C3"], ws["F3"] = "Matricule", "Sexe", "Salaire"
    ws["A4"], ws["C4"], ws["F4"] = "A1", "F", 1234.5
    ws["A6"], ws["C6"], ws["F6"] = 123, "H", "n/c"
    ws["D7"] = "hors tableau"  # a cell in a blank column: that row is kept
    ws["F8"] = 0.25
    ws["F8"].number_format = "0.00%"
    path = tmp_path / "h.xlsx"
    wb.save(path)
    raw, _ = read_both(path, monkeypatch)
    assert raw.source.header_row == 3
    assert raw.headers == ("Matricule", "", "Sexe", " (2)", " (3)", "Salaire")
    assert raw.frame["_source_row"].to_list() == [4, 6, 7, 8]
    assert raw.frame.columns[1] == "column_1"  # polars' name for "", as before
    assert raw.frame.dtypes[1] == pl.String
    assert raw.frame[" (2)"].to_list() == [None, None, "hors tableau", None]
    assert raw.frame["Matricule"].to_list() == ["A1", "123", None, None]
    assert raw.frame["Salaire"].to_list() == ["1234.5", "n/c", None, "0.25"]
    assert raw.mixed_columns == frozenset({"Matricule", "Salaire"})
    assert raw.percent_columns == frozenset({"Salaire"})
    raw, _ = read_both(path, monkeypatch, header_row=3)
    assert raw.source.header_row == 3


def test_formula_column_with_cached_values_and_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Matricule", "Salaire", "Salaire de base"])
    for n in range(2, 7):
        ws.append([f"A{n}", n * 1000, f"=B{n}*12"])
    path = tmp_path / "f.xlsx"
    wb.save(path)
    cached = {
        f"<f>B{n}*12</f><v /></c>": f"<f>B{n}*12</f><v>{n * 12000}</v></c>"
        for n in (2, 3, 5)
    }
    cached['<c r="C6"><f>B6*12</f><v /></c>'] = (
        '<c r="C6" t="e"><f>B6*12</f><v>#DIV/0!</v></c>'
    )
    rewrite_sheet(path, cached)  # C4: a formula never computed
    raw, report = read_both(path, monkeypatch)
    assert raw.frame["Salaire de base"].dtype == pl.Float64
    assert raw.frame["Salaire de base"].to_list() == [
        24000.0,
        36000.0,
        None,
        60000.0,
        None,
    ]
    assert raw.frame["_source_row"].to_list() == [2, 3, 4, 5, 6]
    assert [(m[0], m[2], m[3].get("source_column")) for m in report.messages] == [
        ("xlsx.cell_error", 6, "Salaire de base"),
        ("xlsx.formula_without_value", 4, "Salaire de base"),
    ]


def test_1904_workbook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.append(["Matricule", "Date"])
    ws.append(["A1", dt.date(2024, 1, 2)])
    ws.append(["A2", dt.datetime(1904, 3, 1, 18, 30)])  # noqa: DTZ001 - a sheet's clock
    for row in (2, 3):
        ws.cell(row, 2).number_format = "dd/mm/yyyy"
    path = tmp_path / "mac.xlsx"
    wb.save(path)
    with zipfile.ZipFile(path) as archive:
        assert b'date1904="1"' in archive.read("xl/workbook.xml")
    raw, _ = read_both(path, monkeypatch)
    assert raw.frame["Date"].dtype == pl.Date
    assert raw.frame["Date"].to_list() == [dt.date(2024, 1, 2), dt.date(1904, 3, 1)]
    assert raw.date_columns == frozenset({"Date"})


def test_serial_60_is_left_as_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Matricule", "Date"])
    ws.append(["A1", 60])
    ws.append(["A2", 45_000])
    for row in (2, 3):
        ws.cell(row, 2).number_format = "dd/mm/yyyy"
    path = tmp_path / "s.xlsx"
    wb.save(path)
    raw, _ = read_both(path, monkeypatch)
    assert raw.frame["Date"].to_list() == ["1900-02-29", "2023-03-15"]
    assert raw.mixed_columns == frozenset({"Date"})


def _bench_module() -> object:
    spec = importlib.util.spec_from_file_location("mixite_bench_bench_xlsx", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_generated_workbook_matches_the_python_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bench = _bench_module()
    path = bench.write_workbook(tmp_path / "effectifs.xlsx", 2_000)  # type: ignore[attr-defined]
    raw, _ = read_both(path, monkeypatch)
    assert raw.frame.height == 2_000
    assert raw.frame["_source_row"].to_list() == list(range(4, 2_004))
    assert raw.frame["Date de naissance"].dtype == pl.Date
    assert raw.frame["Promotion"].dtype == pl.Boolean
    assert raw.mixed_columns == frozenset({"Coefficient"})
    assert raw.percent_columns == frozenset({"Taux d'activité"})
    assert re.fullmatch(r"M\d{6}", raw.frame["Matricule"][0])
