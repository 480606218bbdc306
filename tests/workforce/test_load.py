"""The whole pipeline on small real files: workforce.md §10.1 and §10.2 examples."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl
import pytest

import mixite
from mixite.errors import InputError
from mixite.workforce.load import run, validate
from tests.workforce.helpers import DATA

if TYPE_CHECKING:
    from mixite.workforce.report import ValidationReport

MIXITE = Path(sys.executable).parent / "mixite"
HEADER = "Matricule;Sexe;Année;Date d'entrée;Salaire de base"


def write(
    tmp_path: Path, lines: list[str], name: str = "rh.csv", bom: bool = False
) -> Path:
    path = tmp_path / name
    text = "\n".join(lines) + "\n"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def keyed(report: ValidationReport) -> dict[str, int]:
    return dict(report.counts_by_key)


def test_C1_one_row_loaded_with_two_warnings(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        [
            "Matricule;Sexe;Date de naissance;CSP;Salaire de base;Primes;Taux d'activité",
            "A001;F;15/06/1988;Cadre;48 000,00;3 500,50;80 %",
        ],
        bom=True,
    )
    workforce = mixite.load(path, period=2025)
    row = workforce.to_polars().row(0, named=True)
    assert row["employee_id"] == "A001"
    assert row["sex"] == "F"
    assert row["birth_date"] == dt.date(1988, 6, 15)
    assert (row["age"], row["age_band"], row["csp"]) == (37, "30-39", "ic")
    assert (row["base_pay"], row["variable_pay"], row["fte"]) == (48000.0, 3500.5, 0.8)
    assert row["presence_months"] == 12.0
    report = workforce.report
    assert report.ok
    assert keyed(report) == {
        "column.presence_assumed_full_year": 1,
        "column.hours_estimated": 1,
    }
    origins = {
        name: origin for name, (_source, origin) in report.mapping.columns.items()
    }
    assert origins.pop("csp") == "exact"
    assert set(origins.values()) == {"synonym"}


def test_C35_period_argument_keeps_that_year(tmp_path: Path) -> None:
    path = write(
        tmp_path, [HEADER, "A;F;2024;01/01/2020;30000", "A;F;2025;01/01/2020;31000"]
    )
    workforce = mixite.load(path, period=2025)
    assert workforce.periods == (2025,)
    assert workforce.to_polars()["base_pay"].to_list() == [31000.0]
    assert workforce.report.period.origin == "column"
    assert workforce.report.rows_read == 1  # rows of other periods are not counted


def test_E1_missing_sex_column_is_fatal(tmp_path: Path) -> None:
    path = write(tmp_path, ["Matricule;Salaire de base", "A;1000"])
    with pytest.raises(InputError) as raised:
        mixite.load(path, period=2025)
    message = raised.value.report.messages[0]
    assert (message.key, message.severity, message.column, message.row) == (
        "column.missing_required",
        "fatal",
        "sex",
        None,
    )


def test_E3_E4_E5_E6_rejections_and_accounting(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        [
            HEADER,
            "A001;F;2025;01/01/2020;30000",  # row 2
            "A001;F;2025;01/01/2020;30000",  # row 3: identical → dropped, warning
            ";F;2025;01/01/2020;30000",  # row 4: no employee_id
            "A001;F;2025;01/01/2020;35000",  # row 5: same key, other pay → rejected
            "B002;X;2025;01/01/2020;30000",  # row 6: sex X
            "C003;H;2025;01/01/2020;28000",  # row 7: accepted
        ],
    )
    report = validate(path)
    assert report.rows_read == 6
    assert report.rows_accepted == 2
    assert dict(report.rejected_by_key) == {
        "row.duplicate_exact": 1,
        "value.required_missing": 1,
        "row.duplicate_key": 1,
        "value.sex_unknown": 1,
    }
    by_key = {m.key: m for m in report.messages}
    assert by_key["row.duplicate_key"].row == 5
    assert by_key["row.duplicate_key"].params["first_row"] == "2"
    assert by_key["row.duplicate_exact"].row == 3
    assert (by_key["value.sex_unknown"].row, by_key["value.sex_unknown"].value) == (
        6,
        "X",
    )
    assert (
        by_key["value.required_missing"].row,
        by_key["value.required_missing"].column,
    ) == (
        4,
        "employee_id",
    )


def test_E7_merge_combines_duplicates(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        [
            "Matricule;Sexe;Année;Mois de présence;Salaire de base",
            "A001;F;2025;4;10000",
            "A001;F;2025;6;5000",
        ],
    )
    outcome = run(path, mapping={"version": 1, "options": {"on_duplicate": "merge"}})
    assert outcome.workforce is not None
    frame = outcome.workforce.to_polars()
    assert frame.select("base_pay", "presence_months").row(0) == (15000.0, 10.0)
    assert keyed(outcome.report)["row.duplicate_merged"] == 1


def test_E21_row_outside_period_is_rejected(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        [
            "Matricule;Sexe;Date de sortie;Salaire de base",
            "A;F;31/12/2024;100",
            "B;F;;100",
        ],
    )
    report = validate(path, period=2025)
    assert dict(report.rejected_by_key) == {"row.not_in_period": 1}


def test_E27_total_line_is_skipped(tmp_path: Path) -> None:
    path = write(tmp_path, [HEADER, "A;F;2025;01/01/2020;30000", ";;;;1 234 567,00"])
    report = validate(path)
    assert dict(report.rejected_by_key) == {"row.no_identifier_skipped": 1}
    assert report.ok


def test_E33_period_absent_from_file_is_fatal(tmp_path: Path) -> None:
    path = write(tmp_path, [HEADER, "A;F;2023;01/01/2020;1", "B;F;2024;01/01/2020;1"])
    report = validate(path, period=2025)
    fatal = report.messages[0]
    assert (fatal.key, fatal.params["periods"]) == ("period.not_in_file", "2023, 2024")


def test_E34_no_period_keeps_rows_with_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path, ["Matricule;Sexe;Date de naissance", "A;F;01/01/1980"])
    outcome = run(path)
    assert outcome.workforce is not None
    assert outcome.workforce.to_polars()["age"].to_list() == [None]
    assert keyed(outcome.report)["period.missing"] == 1


def test_E35_nobody_accepted_is_fatal(tmp_path: Path) -> None:
    path = write(tmp_path, ["Matricule;Sexe", "A;X", "B;X"])
    report = validate(path, period=2025)
    assert keyed(report)["value.sex_unknown"] == 2
    assert keyed(report)["rows.none_accepted"] == 1
    assert report.counts["fatal"] == 1


def test_E38_message_cap_and_priority(tmp_path: Path) -> None:
    lines = ["Matricule;Sexe;CSP"]
    lines += [f"E{i};F;??" for i in range(2, 5002)]
    lines += [f"E{i};F;ic" for i in range(5002, 5998)]
    lines += [f"E{i};X;ic" for i in range(5998, 6001)]
    report = validate(write(tmp_path, lines), period=2025)
    assert report.counts["error"] == 5003
    assert report.counts_by_key["value.code_unknown"] == 5000
    assert report.truncated
    assert len(report.messages) == 1000
    assert [m.key for m in report.messages[:3]] == ["value.sex_unknown"] * 3
    assert [m.row for m in report.messages[3:6]] == [2, 3, 4]
    assert report.messages[-1].row == 998


def test_to_parquet_round_trip(tmp_path: Path) -> None:
    path = write(tmp_path, [HEADER, "A;F;2025;01/03/2025;30000"])
    target = tmp_path / "canonical.parquet"
    mixite.load(path).to_parquet(target)
    frame = pl.read_parquet(target)
    assert "_source_row" not in frame.columns
    assert frame["presence_months"][0] == pytest.approx(10.0)


def test_dsn_directory_loads(tmp_path: Path) -> None:
    folder = DATA / "dsn"
    workforce = mixite.load(folder)
    assert workforce.periods == (2025,)
    assert workforce.to_polars().height == 2


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our console script, fixed arguments
        [MIXITE, *args], capture_output=True, text=True, check=False, cwd=cwd
    )


def test_E40_import_check_exit_codes(tmp_path: Path) -> None:
    warnings_only = write(
        tmp_path, [HEADER, "A;F;2025;01/01/2020;30000"], name="ok.csv"
    )
    one_error = write(tmp_path, [HEADER, "A;F;2025;31/02/2024;30000"], name="bad.csv")
    assert cli("import", str(warnings_only), "--check", cwd=tmp_path).returncode == 0
    done = cli("import", str(one_error), "--check", "--json", cwd=tmp_path)
    assert done.returncode == 2
    assert json.loads(done.stdout)["counts_by_key"]["value.date_invalid"] == 1


def test_import_writes_parquet_and_mapping(tmp_path: Path) -> None:
    path = write(tmp_path, [HEADER, "A;F;2025;01/01/2020;30000"])
    done = cli("import", str(path), "--write-mapping", "mapping.toml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "canonical.parquet").exists()
    text = (tmp_path / "mapping.toml").read_text(encoding="utf-8")
    assert 'employee_id = "Matricule"' in text
    again = cli(
        "import", str(path), "--check", "--mapping", "mapping.toml", cwd=tmp_path
    )
    assert again.returncode == 0


def test_import_bad_period_end_exits_2(tmp_path: Path) -> None:
    path = write(tmp_path, [HEADER, "A;F;2025;01/01/2020;30000"])
    done = cli("import", str(path), "--period-end", "03-01", cwd=tmp_path)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_missing_file_exits_2(tmp_path: Path) -> None:
    done = cli("import", "nowhere.csv", "--check", cwd=tmp_path)
    assert done.returncode == 2
