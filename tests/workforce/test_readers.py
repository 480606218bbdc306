"""Readers on small real files: formats, encodings, delimiters, headers and row numbers."""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING

import openpyxl
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mixite.workforce.readers import (
    detect_format,
    extension_mismatch,
    read_csv_raw,
    read_parquet_raw,
    read_xlsx_raw,
)
from tests.workforce.helpers import DATA, FakeReport

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

KNOWN = {"matricule", "sexe", "salaire", "salaire de base", "prénom", "date"}


def score(cells: Sequence[str | None]) -> int:
    """Stand-in for mapping.header_score: cells naming a known column."""
    return sum(1 for c in cells if c and c.strip().lower() in KNOWN)


def test_cp1252_falls_back_with_a_warning() -> None:
    report = FakeReport()
    raw = read_csv_raw(
        DATA / "cp1252.csv", file="a.csv", report=report, header_score=score
    )
    assert raw is not None
    assert raw.headers == ("Matricule", "Sexe", "Prénom")
    assert raw.frame["Prénom"].to_list() == ["Hélène", "Jérôme"]
    assert raw.frame["_source_row"].to_list() == [2, 3]
    assert report.keys == ["file.encoding_fallback"]
    assert report.messages[0][3] == {"encoding": "cp1252"}
    assert (raw.source.encoding, raw.source.delimiter, raw.source.header_row) == (
        "cp1252",
        ";",
        1,
    )


def test_bom_title_blank_lines_multiline_and_rejected_rows() -> None:
    report = FakeReport()
    raw = read_csv_raw(
        DATA / "bom_semicolon.csv", file="b.csv", report=report, header_score=score
    )
    assert raw is not None
    assert raw.headers == ("Matricule", "Sexe", "Salaire de base")
    assert (raw.source.encoding, raw.source.delimiter, raw.source.header_row) == (
        "utf-8",
        ";",
        3,
    )
    assert raw.frame["_source_row"].to_list() == [4, 6, 9]
    assert raw.frame["Salaire de base"].to_list() == ["32 500,50", "multi\nligne", None]
    assert [(m[0], m[2]) for m in report.messages] == [
        ("row.too_many_fields", 7),
        ("row.malformed", 8),
    ]
    assert report.messages[0][3] == {"count": "4", "expected": "3"}
    assert report.rejected == {"row.too_many_fields": 1, "row.malformed": 1}
    assert report.sources[0].sha256 == raw.source.sha256
    assert raw.source.sha256 is not None
    assert len(raw.source.sha256) == 64


def test_comma_delimiter_and_cr_line_ends() -> None:
    raw = read_csv_raw(
        DATA / "comma.csv", file="c.csv", report=FakeReport(), header_score=score
    )
    assert raw is not None
    assert raw.source.delimiter == ","
    assert raw.frame.rows() == [("A1", "F", "1.5", 2), ("A2", "H", "2", 3)]


def test_utf16() -> None:
    raw = read_csv_raw(
        DATA / "utf16.csv", file="u.csv", report=FakeReport(), header_score=score
    )
    assert raw is not None
    assert (raw.source.encoding, raw.source.delimiter) == ("utf-16", "\t")
    assert raw.frame.rows() == [("A1", "F", "10", 2)]


@pytest.mark.parametrize(
    ("content", "key"),
    [
        (b"", "file.empty"),
        (b"\n  \n", "file.empty"),
        (b"Matricule;Sexe\n", "file.empty"),
        (b"hello\nworld\n", "csv.delimiter_not_found"),
        (b"a;b\nc;d\n", "header.not_found"),
    ],
)
def test_csv_fatal(content: bytes, key: str) -> None:
    report = FakeReport()
    assert (
        read_csv_raw(
            io.BytesIO(content), file="f.csv", report=report, header_score=score
        )
        is None
    )
    assert report.keys[-1] == key
    assert report.sources == []


def test_missing_file() -> None:
    report = FakeReport()
    assert (
        read_csv_raw(DATA / "nope.csv", file="n.csv", report=report, header_score=score)
        is None
    )
    assert report.keys == ["file.not_found"]


def test_unclosed_quote_swallows_the_rest() -> None:
    report = FakeReport()
    data = b'Matricule;Sexe\nA1;F\nA2;"F\nA3;H\n'
    raw = read_csv_raw(
        io.BytesIO(data), file="q.csv", report=report, header_score=score
    )
    assert raw is not None
    assert raw.frame["_source_row"].to_list() == [2]
    assert [(m[0], m[2]) for m in report.messages] == [("row.malformed", 3)]


def test_duplicate_headers_and_forced_options() -> None:
    data = b"x|y\nSexe|Sexe|Matricule\nF|M|A1\n"
    raw = read_csv_raw(
        io.BytesIO(data),
        file="d.csv",
        report=FakeReport(),
        delimiter="|",
        header_row=2,
        header_score=score,
    )
    assert raw is not None
    assert raw.headers == ("Sexe", "Sexe (2)", "Matricule")
    assert raw.frame["_source_row"].to_list() == [3]


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("cp1252.csv", "csv"),
        ("utf16.csv", "csv"),
        ("xls_like.xls", "unsupported"),
        ("image.png", "unsupported"),
        ("empty.csv", "csv"),
    ],
)
def test_detect_format_files(name: str, fmt: str) -> None:
    assert detect_format(DATA / name) == fmt


def test_detect_format_bytes_and_mismatch(tmp_path: Path) -> None:
    assert detect_format(b"S10.G00.00.001,'01'\n") == "dsn"
    assert detect_format(b"PAR1xxxxPAR1") == "parquet"
    assert detect_format(b"PK\x03\x04broken") == "unreadable"
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le")
    assert detect_format(ole) == "unreadable"
    assert detect_format(tmp_path) == "dsn_dir"
    assert extension_mismatch("paie.xlsx", "csv")
    assert not extension_mismatch("paie.csv", "csv")
    assert not extension_mismatch("paie", "csv")


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Effectifs"
    ws["A1"] = "Export RH"
    ws.merge_cells("A1:D1")
    ws.append([])
    ws["A3"], ws["B3"], ws["C3"], ws["D3"] = "Matricule", "Sexe", "Salaire", "Date"
    ws.append(["A1", "F", 1234.5, dt.date(2024, 1, 2)])
    ws.append([123, "H", "=1/0", "x"])
    ws["C5"] = "=A5*2"  # no cached value: openpyxl writes only the formula
    ws.append([])
    ws.append(["A3", "F", 0.5, None])
    ws["C7"].number_format = "0%"
    ws["D4"].number_format = "dd/mm/yyyy"
    notes = wb.create_sheet("Notes")
    notes["A1"] = "x"
    path = tmp_path / "book.xlsx"
    wb.save(path)
    return path


def test_xlsx_header_row_3_banner_types(workbook: Path) -> None:
    report = FakeReport()
    raw = read_xlsx_raw(workbook, file="w.xlsx", report=report, header_score=score)
    assert raw is not None
    assert raw.headers == ("Matricule", "Sexe", "Salaire", "Date")
    assert raw.source.header_row == 3
    assert raw.source.sheet == "Effectifs"
    assert raw.frame["_source_row"].to_list() == [4, 5, 7]
    assert raw.frame["Matricule"].to_list() == ["A1", "123", "A3"]
    assert raw.frame["Salaire"].dtype == pl.Float64
    assert raw.frame["Salaire"].to_list() == [1234.5, None, 0.5]
    assert raw.frame["Date"].to_list() == ["2024-01-02", "x", None]
    assert raw.mixed_columns == frozenset({"Matricule", "Date"})
    assert raw.percent_columns == frozenset({"Salaire"})
    assert raw.date_columns == frozenset({"Date"})
    assert [(m[0], m[2], m[3].get("source_column")) for m in report.messages] == [
        ("xlsx.formula_without_value", 5, "Salaire")
    ]


def test_xlsx_sheet_selection(workbook: Path) -> None:
    report = FakeReport()
    assert (
        read_xlsx_raw(
            workbook, file="w.xlsx", report=report, sheet="Paie", header_score=score
        )
        is None
    )
    assert report.keys == ["xlsx.sheet_not_found"]
    assert report.messages[0][3]["sheets"] == "Effectifs, Notes"
    raw = read_xlsx_raw(
        workbook,
        file="w.xlsx",
        report=FakeReport(),
        sheet="effectifs",
        header_score=score,
    )
    assert raw is not None
    report = FakeReport()
    assert (
        read_xlsx_raw(
            workbook, file="w.xlsx", report=report, sheet=2, header_score=score
        )
        is None
    )
    assert report.keys == ["header.not_found"]


def test_xlsx_merged_cells_in_table(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Matricule", "Sexe", "Salaire"])
    ws.append(["A1", "F", 1])
    ws.append(["A2", "H", 2])
    ws.merge_cells("B3:C3")
    ws.merge_cells("A5:A6")
    path = tmp_path / "m.xlsx"
    wb.save(path)
    report = FakeReport()
    assert read_xlsx_raw(path, file="m.xlsx", report=report, header_score=score) is None
    assert report.keys == ["xlsx.merged_cells"]
    assert report.messages[0][3] == {"ranges": "B3:C3, A5:A6"}


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("xls_like.xls", "file.format_unsupported"),
        ("image.png", "file.format_unsupported"),
        ("nope.xlsx", "file.not_found"),
        ("cp1252.csv", "file.unreadable"),
    ],
)
def test_xlsx_fatal(name: str, key: str) -> None:
    report = FakeReport()
    assert (
        read_xlsx_raw(DATA / name, file=name, report=report, header_score=score) is None
    )
    assert report.keys == [key]


def test_parquet(tmp_path: Path) -> None:
    path = tmp_path / "p.parquet"
    pl.DataFrame({"Matricule": ["A1", "A2"], "Salaire": [1.5, 2.0]}).write_parquet(path)
    report = FakeReport()
    raw = read_parquet_raw(path, file="p.parquet", report=report)
    assert raw is not None
    assert raw.frame["_source_row"].to_list() == [2, 3]
    assert raw.frame["Salaire"].dtype == pl.Float64
    assert report.sources[0].format == "parquet"
    report = FakeReport()
    assert (
        read_parquet_raw(DATA / "cp1252.csv", file="x.parquet", report=report) is None
    )
    assert report.keys == ["file.unreadable"]


@settings(max_examples=200, deadline=None)
@given(raw=st.binary(max_size=4096))
def test_csv_reader_never_raises_on_junk(raw: bytes) -> None:
    report = FakeReport()
    read_csv_raw(io.BytesIO(raw), file="junk.csv", report=report, header_score=score)
    assert all(m[1] == "junk.csv" for m in report.messages)


@settings(max_examples=200, deadline=None)
@given(raw=st.binary(max_size=4096))
def test_detect_and_xlsx_never_raise_on_junk(raw: bytes) -> None:
    detect_format(raw)
    report = FakeReport()
    assert (
        read_xlsx_raw(
            io.BytesIO(raw), file="junk.xlsx", report=report, header_score=score
        )
        is None
    )
    assert all(m[1] == "junk.xlsx" for m in report.messages)
