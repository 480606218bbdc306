"""Progress bars: on inputs over 100,000 rows (workforce.md §9.2) and on synthesis (§7.2).

Rich draws a bar only on a terminal; the tests give the commands a console that takes
CliRunner's captured stderr for one, and read the bar's labels there.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING

import polars as pl
import pytest
from openpyxl import Workbook
from rich.console import Console
from typer.testing import CliRunner

from mixite.cli import importer
from mixite.cli import synth as synth_cli
from mixite.cli.importer import LARGE_INPUT_ROWS, estimated_rows
from mixite.cli.main import app
from tests.workforce.helpers import DATA

if TYPE_CHECKING:
    from pathlib import Path

TERMINAL = functools.partial(Console, force_terminal=True, width=100)


def csv_of(path: Path, n_rows: int) -> Path:
    lines = [f"E{i:07d};{'FH'[i % 2]};{20_000 + i % 9_000},50" for i in range(n_rows)]
    text = "Matricule;Sexe;Salaire de base\n" + "\n".join(lines) + "\n"
    path.write_text(text, encoding="utf-8")
    return path


def test_threshold_is_the_spec_one() -> None:
    assert LARGE_INPUT_ROWS == 100_000


def test_csv_rows_estimated_from_its_first_lines(tmp_path: Path) -> None:
    big = estimated_rows(csv_of(tmp_path / "big.csv", 150_000))
    assert big == pytest.approx(150_001, rel=0.02)
    assert estimated_rows(csv_of(tmp_path / "small.csv", 12)) == 13  # read whole
    assert estimated_rows(DATA / "paie_fr.csv") == 13  # CRLF, BOM
    assert estimated_rows(DATA / "utf16.csv") == 2


def test_parquet_rows_from_its_metadata(tmp_path: Path) -> None:
    path = tmp_path / "p.parquet"
    pl.DataFrame({"Matricule": [f"E{i}" for i in range(120_000)]}).write_parquet(path)
    assert estimated_rows(path) == 120_000


def test_xlsx_rows_from_the_sheet_xml(tmp_path: Path) -> None:
    workbook = Workbook(write_only=True)  # streams rows: no <dimension> element
    sheet = workbook.create_sheet("Effectifs")
    sheet.append(["Matricule", "Sexe", "Date d'entrée", "Salaire de base"])
    for i in range(5_000):
        sheet.append([f"E{i:05d}", "FH"[i % 2], dt.date(2020, 1, 1), 20_000.0 + i])
    path = tmp_path / "w.xlsx"
    workbook.save(path)
    assert estimated_rows(path) == pytest.approx(5_001, rel=0.05)
    assert estimated_rows(DATA / "effectif_titre.xlsx") == 12  # title, header, 10 rows


def test_dsn_folder_and_unreadable_inputs(tmp_path: Path) -> None:
    assert estimated_rows(DATA / "dsn") == 97 + 96  # a DSN's rows are its lines
    assert estimated_rows(tmp_path / "missing.csv") == 0
    assert estimated_rows(DATA / "empty.csv") == 0
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not a zip")
    assert estimated_rows(broken) == 0


def test_large_sums_the_inputs(tmp_path: Path) -> None:
    half = [csv_of(tmp_path / f"{n}.csv", 60_000) for n in ("a", "b")]
    assert not importer._large(half[:1])
    assert importer._large(half)


def import_stderr(monkeypatch: pytest.MonkeyPatch, *args: str) -> str:
    monkeypatch.setattr(importer, "Console", TERMINAL)
    result = CliRunner().invoke(app, ["import", *args])
    assert result.exit_code == 0, result.output
    return result.stderr


def test_import_shows_a_bar_over_the_threshold(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(importer, "LARGE_INPUT_ROWS", 12)  # the sample has 13 lines
    err = import_stderr(monkeypatch, str(DATA / "paie_fr.csv"), "--check", "--json")
    # the first step's label is drawn at once, the last one when the bar stops; those
    # between show only if a refresh (10 a second) falls on them
    assert "Lecture du fichier" in err
    assert "Terminé" in err
    err = import_stderr(
        monkeypatch, str(DATA / "paie_fr.csv"), "--check", "--json", "--lang", "en"
    )
    assert "Reading the file" in err
    assert "Done" in err


def test_import_shows_no_bar_below_the_threshold(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(importer, "LARGE_INPUT_ROWS", 13)
    err = import_stderr(monkeypatch, str(DATA / "paie_fr.csv"), "--check", "--json")
    assert err == ""


def test_synthesis_shows_a_bar(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(synth_cli, "Console", TERMINAL)
    out = tmp_path / "s.parquet"
    result = CliRunner().invoke(
        app, ["synth", "--rows", "1000", "--seed", "7", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "Writing s.parquet" in result.stderr
    assert "1000/1000" in result.stderr  # rows, counted as each chunk is written
