"""Supplementary tables, several inputs, suggestions, public readers, Parquet metadata.

workforce.md §1.3, §3.7, §5.3 (``column.missing_required``), §9.1 and §9.2, on small real
files written in ``tmp_path``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from typing import TYPE_CHECKING

import polars as pl
import pyarrow.parquet as pq
import pytest
import typer
from polars.testing import assert_frame_equal
from typer.testing import CliRunner

import mixite
from mixite.cli.main import app
from mixite.errors import InputError
from mixite.workforce import synth
from mixite.workforce.load import load, run, validate
from mixite.workforce.readers import ReadResult, read_csv, read_parquet, read_xlsx
from tests.workforce.helpers import DATA

if TYPE_CHECKING:
    from pathlib import Path

DSN = DATA / "dsn"
MAIN = ["Matricule;Sexe;Année;Salaire de base", "A;F;2025;30000", "B;H;2025;28000"]


def write(tmp_path: Path, name: str, lines: list[str]) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def rows(table: object) -> list[dict[str, object]]:
    frame = pl.from_arrow(table.to_pyarrow())  # type: ignore[attr-defined]
    assert isinstance(frame, pl.DataFrame)
    return frame.to_dicts()


@pytest.fixture(autouse=True)
def _no_pseudonym_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MIXITE_PSEUDONYM_KEY", raising=False)


# --- supplementary tables (§1.3) ----------------------------------------------------------


def test_leaves_are_mapped_parsed_and_checked(tmp_path: Path) -> None:
    main = write(tmp_path, "rh.csv", MAIN)
    leaves = write(
        tmp_path,
        "conges.csv",
        [
            "Matricule;Type;Date de début;Date de fin;Visite de reprise",
            "A;maternity;01/03/2025;30/06/2025;Oui",  # row 2
            "B;Work accident;10/02/2025;12/02/2025;",  # row 3: code normalised
            "Z;sickness;05/05/2025;;Non",  # row 4: not in the main table
            "A;vacances;01/08/2025;15/08/2025;",  # row 5: unknown kind → rejected
            "B;sickness;10/10/2025;01/10/2025;",  # row 6: end before start → null
        ],
    )
    workforce = mixite.load(main, extras={"leaves": leaves})
    got = rows(workforce.extras["leaves"])
    assert [(r["employee_id"], r["kind"], r["_source_row"]) for r in got] == [
        ("A", "maternity", 2),
        ("B", "work_accident", 3),
        ("Z", "sickness", 4),
        ("B", "sickness", 6),
    ]
    assert got[0]["start_date"] == dt.date(2025, 3, 1)
    assert got[0]["end_date"] == dt.date(2025, 6, 30)
    assert [r["return_exam"] for r in got] == [True, None, False, None]
    assert got[3]["end_date"] is None
    assert got[0]["entitled_days"] is None  # absent column: null
    report = workforce.report
    by_key = {m.key: m for m in report.messages}
    assert by_key["value.code_unknown"].column == "leaves.kind"
    assert (by_key["value.code_unknown"].row, by_key["value.code_unknown"].value) == (
        5,
        "vacances",
    )
    assert by_key["value.required_missing"].row == 5
    end = by_key["value.out_of_range"]
    assert (end.row, end.column, end.value) == (6, "leaves.end_date", "2025-10-01")
    assert end.params["range"] == "≥ 2025-10-10"
    unknown = by_key["extra.unknown_employee"]
    assert (unknown.severity, unknown.file) == ("warning", "conges.csv")
    assert unknown.params == {"table": "leaves", "count": "1"}
    assert report.counts_by_key["extra.unknown_employee"] == 1
    assert (report.rows_read, report.rows_accepted) == (2, 2)  # extras not counted


def test_training_from_parquet_with_canonical_headers(tmp_path: Path) -> None:
    main = write(tmp_path, "rh.csv", MAIN)
    training = tmp_path / "formation.parquet"
    pl.DataFrame(
        {
            "EMPLOYEE_ID": ["A", "B", "A"],
            "hours": [7.0, -2.0, 14.0],
            "action_type": ["adaptation", "other", "skills development"],
        }
    ).write_parquet(training)
    workforce = mixite.load(main, extras={"training": training})
    got = rows(workforce.extras["training"])
    assert [(r["employee_id"], r["hours"], r["action_type"]) for r in got] == [
        ("A", 7.0, "adaptation"),
        ("A", 14.0, "skills_development"),
    ]
    assert workforce.report.counts_by_key["value.out_of_range"] == 1
    assert workforce.report.counts_by_key["value.required_missing"] == 1
    assert "extra.unknown_employee" not in workforce.report.counts_by_key


def test_exposures_accept_raw_dsn_codes(tmp_path: Path) -> None:
    main = write(tmp_path, "rh.csv", MAIN)
    exposures = write(
        tmp_path,
        "expo.csv",
        ["employee_id,factor,job", "A,noise,Cariste", "B,dsn:07,", "B,boredom,"],
    )
    workforce = mixite.load(main, extras={"exposures": exposures})
    got = rows(workforce.extras["exposures"])
    assert [(r["employee_id"], r["factor"], r["job"]) for r in got] == [
        ("A", "noise", "Cariste"),
        ("B", "dsn:07", None),
    ]
    assert workforce.report.counts_by_key["value.code_unknown"] == 1


def test_extra_without_a_required_column_is_fatal(tmp_path: Path) -> None:
    main = write(tmp_path, "rh.csv", MAIN)
    careers = write(tmp_path, "carrieres.csv", ["Matricule;Date", "A;01/03/2025"])
    with pytest.raises(InputError) as raised:
        mixite.load(main, extras={"careers": careers})
    fatal = raised.value.report.messages[0]
    assert (fatal.key, fatal.file, fatal.column) == (
        "column.missing_required",
        "carrieres.csv",
        "careers.kind",
    )


def test_unknown_extra_kind_is_a_programming_error(tmp_path: Path) -> None:
    main = write(tmp_path, "rh.csv", MAIN)
    with pytest.raises(ValueError, match="holidays"):
        mixite.load(main, extras={"holidays": main})


def test_dsn_supplementary_tables_are_kept() -> None:
    workforce = mixite.load(DSN)
    assert sorted(workforce.extras) == ["careers", "exposures", "leaves"]
    leaves = rows(workforce.extras["leaves"])
    assert [(r["kind"], r["start_date"], r["end_date"]) for r in leaves] == [
        ("maternity", dt.date(2025, 6, 21), dt.date(2025, 11, 2))
    ]
    assert rows(workforce.extras["careers"]) == []


# --- several inputs (§3.7) ----------------------------------------------------------------


def test_several_tabular_files_are_concatenated(tmp_path: Path) -> None:
    first = write(tmp_path, "a.csv", MAIN)
    second = write(
        tmp_path,
        "b.csv",
        [
            "Employee ID,Sex,Year,Base pay",
            "C,F,2025,31000",  # row 2
            "A,F,2025,35000",  # row 3: A is already row 2 of a.csv
            "X,Q,2025,1",  # row 4: unknown sex
        ],
    )
    workforce = mixite.load([first, second])
    got = workforce.to_polars().select(
        "employee_id", "base_pay", "_source_file", "_source_row"
    )
    assert got.rows() == [
        ("A", 30000.0, "a.csv", 2),
        ("B", 28000.0, "a.csv", 3),
        ("C", 31000.0, "b.csv", 2),
    ]
    report = workforce.report
    assert (report.rows_read, report.rows_accepted) == (5, 3)
    assert dict(report.rejected_by_key) == {
        "row.duplicate_key": 1,
        "value.sex_unknown": 1,
    }
    duplicate = next(m for m in report.messages if m.key == "row.duplicate_key")
    assert (duplicate.file, duplicate.row) == ("b.csv", 3)
    assert duplicate.params["first_row"] == "2 (a.csv)"
    sex = next(m for m in report.messages if m.key == "value.sex_unknown")
    assert (sex.file, sex.row) == ("b.csv", 4)
    assert [s.file for s in report.sources] == ["a.csv", "b.csv"]
    assert report.mapping.columns["employee_id"] == ("Matricule", "synonym")


def test_identical_rows_across_files_are_exact_duplicates(tmp_path: Path) -> None:
    first = write(tmp_path, "a.csv", MAIN)
    second = write(tmp_path, "b.csv", [MAIN[0], "B;H;2025;28000"])
    report = validate([first, second])
    exact = next(m for m in report.messages if m.key == "row.duplicate_exact")
    assert (exact.file, exact.row, exact.params["first_row"]) == (
        "b.csv",
        2,
        "3 (a.csv)",
    )
    assert report.rows_accepted == 2


def test_dsn_with_a_complements_file(tmp_path: Path) -> None:
    ids = mixite.load(DSN).to_polars()["employee_id"].to_list()
    complements = write(
        tmp_path,
        "complements.csv",
        [
            "Matricule;Augmentation;Manager;Taux d'activité",
            f"{ids[0]};Oui;Non;0,8",  # row 2: fills raised and manager; same fte
            f"{ids[1]};Non;Oui;0,5",  # row 3: fte differs from the DSN (1.0)
            "ZZZ;Oui;Non;1",  # row 4: nobody in the DSN
        ],
    )
    workforce = mixite.load([DSN, complements])
    got = workforce.to_polars().select("employee_id", "raised", "manager", "fte")
    assert got.rows() == [
        (ids[0], True, False, 0.8),
        (ids[1], False, True, 1.0),
    ]
    report = workforce.report
    conflict = next(m for m in report.messages if m.key == "merge.conflict")
    assert (conflict.severity, conflict.file, conflict.row, conflict.column) == (
        "warning",
        "complements.csv",
        3,
        "fte",
    )
    assert (conflict.params["value"], conflict.params["other"]) == ("1.0", "0.5")
    unmatched = next(m for m in report.messages if m.key == "merge.unmatched")
    assert (unmatched.severity, unmatched.row) == ("warning", 4)
    assert unmatched.text("en") == (
        "Person ZZZ of the complement file is not in the DSN: row ignored."
    )
    assert report.counts_by_key["merge.conflict"] == 1
    assert report.rows_accepted == 2
    assert sorted(workforce.extras) == ["careers", "exposures", "leaves"]


# --- column.missing_required with suggestions (§5.3) --------------------------------------


def test_missing_sex_names_the_closest_header(tmp_path: Path) -> None:
    path = write(tmp_path, "rh.csv", ["Matricule;Sexx;Salaire de base", "A;F;1000"])
    report = validate(path, period=2025)
    fatal = report.messages[0]
    assert (fatal.key, fatal.column) == ("column.missing_required", "sex")
    assert fatal.params == {"suggestions": "Sexx"}


def test_missing_id_suggestions_skip_headers_of_other_columns(tmp_path: Path) -> None:
    path = write(
        tmp_path, "rh.csv", ["Matricul;Sexe;Salaire;Commentaire", "A;F;1000;x"]
    )
    fatal = validate(path, period=2025).messages[0]
    assert (fatal.column, fatal.params) == ("employee_id", {"suggestions": "Matricul"})


def test_no_suggestion_when_nothing_is_close(tmp_path: Path) -> None:
    path = write(tmp_path, "rh.csv", ["Matricule;Salaire", "A;1000"])
    fatal = validate(path, period=2025).messages[0]
    assert (fatal.column, fatal.params) == ("sex", {})


# --- public readers (§9.1) ----------------------------------------------------------------


def test_read_csv_from_a_file_object() -> None:
    data = b"Matricule;Sexe\nA;F\nB;H\n"
    result = read_csv(io.BytesIO(data), file="flux.csv", period=2025)
    assert isinstance(result, ReadResult)
    assert result.table is not None
    assert [r["employee_id"] for r in rows(result.table)] == ["A", "B"]
    assert {m.file for m in result.report.messages} == {"flux.csv"}
    assert result.report.sources[0].file == "flux.csv"


def test_read_parquet_path(tmp_path: Path) -> None:
    path = tmp_path / "rh.parquet"
    pl.DataFrame({"employee_id": ["1"], "sex": ["F"], "period": [2025]}).write_parquet(
        path
    )
    result = read_parquet(path)
    assert result.table is not None
    assert rows(result.table)[0]["employee_id"] == "1"
    assert result.report.sources[0].format == "parquet"


@pytest.mark.parametrize(
    ("reader", "data", "key"),
    [
        (read_xlsx, b"PK\x03\x04junk", "file.unreadable"),
        (read_csv, b"\x00\x01\x02", "csv.delimiter_not_found"),
        (read_parquet, b"PAR1junkPAR1", "file.unreadable"),
    ],
)
def test_readers_never_raise_on_junk(reader: object, data: bytes, key: str) -> None:
    result = reader(io.BytesIO(data), file="junk")  # type: ignore[operator]
    assert result.table is None
    assert result.report.counts["fatal"] == 1
    assert result.report.messages[0].key == key
    assert result.report.messages[0].file == "junk"


def test_read_xlsx_missing_path_is_reported(tmp_path: Path) -> None:
    result = read_xlsx(tmp_path / "nowhere.xlsx", sheet=2)
    assert result.table is None
    assert result.report.messages[0].key == "file.not_found"


# --- Parquet metadata and pandas (§9.1) ---------------------------------------------------


def test_to_parquet_writes_the_mixite_metadata(tmp_path: Path) -> None:
    path = write(tmp_path, "rh.csv", MAIN)
    workforce = mixite.load(path, period=2025)
    target = tmp_path / "canonical.parquet"
    workforce.to_parquet(target)
    metadata = pq.read_schema(target).metadata
    meta = json.loads(metadata[b"mixite"])
    assert meta["schema"] == "mixite.workforce/1"
    assert meta["options"]["period"] == 2025
    assert meta["options"]["period_end"] == "12-31"
    assert meta["options"]["level_order"] == []
    assert meta["mapping"]["employee_id"] == {
        "source": "Matricule",
        "origin": "synonym",
    }
    assert meta["mapping"]["base_pay"] == {
        "source": "Salaire de base",
        "origin": "synonym",
    }
    assert meta["source_sha256"] == [hashlib.sha256(path.read_bytes()).hexdigest()]
    frame = pl.read_parquet(target)
    assert "_source_file" not in frame.columns
    assert frame["base_pay"].to_list() == [30000.0, 28000.0]


def test_to_pandas(tmp_path: Path) -> None:
    frame = mixite.load(write(tmp_path, "rh.csv", MAIN)).to_pandas()
    assert frame.shape[0] == 2
    assert list(frame["employee_id"]) == ["A", "B"]


# --- CLI (§9.2) ---------------------------------------------------------------------------


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def test_import_several_files_with_an_extra(tmp_path: Path) -> None:
    first = write(tmp_path, "a.csv", MAIN)
    second = write(tmp_path, "b.csv", [MAIN[0], "C;F;2025;31000"])
    leaves = write(
        tmp_path,
        "conges.csv",
        ["Matricule;Type;Date de début", "C;paternity;01/02/2025"],
    )
    code, output = invoke(
        "import", str(first), str(second), "--extra", f"leaves={leaves}", "--json"
    )
    assert code == 0, output
    report = json.loads(output)
    assert report["rows"] == {
        "read": 3,
        "accepted": 3,
        "rejected": 0,
        "rejected_by_key": {},
    }
    assert [s["file"] for s in report["sources"]] == ["a.csv", "b.csv", "conges.csv"]
    written = pl.read_parquet(tmp_path / "canonical.parquet")
    assert written["employee_id"].to_list() == ["A", "B", "C"]


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("holidays=x.csv", "unknown table 'holidays'"),
        ("leaves", "write KIND=FILE"),
        ("leaves=", "write KIND=FILE"),
    ],
)
def test_bad_extra_exits_2_in_one_line(tmp_path: Path, value: str, words: str) -> None:
    path = write(tmp_path, "rh.csv", MAIN)
    code, _ = invoke("import", str(path), "--check", "--extra", value)
    assert code == 2
    with pytest.raises(typer.BadParameter) as raised:
        app(["import", str(path), "--extra", value], standalone_mode=False)
    message = raised.value.format_message()
    assert words in message
    assert "\n" not in message


def test_mapping_problems_name_their_own_file(tmp_path: Path) -> None:
    first = write(tmp_path, "a.csv", MAIN)
    second = write(tmp_path, "b.csv", ["Matricule;Genre x;Année", "C;F;2025"])
    fatal = validate([first, second]).messages[0]
    assert (fatal.key, fatal.file, fatal.column) == (
        "column.missing_required",
        "b.csv",
        "sex",
    )


def test_in_memory_frames_load_like_parquet() -> None:
    """§3.6: a Polars or pandas DataFrame, or an Ibis table, validated like Parquet."""
    import ibis  # noqa: PLC0415

    frame = pl.DataFrame(
        {
            "Matricule": [42, 43],
            "Sexe": ["F", "X"],
            "Salaire de base": ["48 000,00", "30000"],
        }
    )
    for data in (frame, frame.to_pandas(), ibis.memtable(frame.to_arrow())):
        outcome = run(data, period=2025)
        assert outcome.workforce is not None
        loaded = outcome.workforce.to_polars()
        assert loaded["employee_id"].to_list() == ["42"]
        assert loaded["base_pay"].to_list() == [48000.0]
        rejected = [m for m in outcome.report.messages if m.key == "value.sex_unknown"]
        assert (rejected[0].file, rejected[0].row) == ("DataFrame", 3)


def test_a_load_of_some_columns_parses_only_those(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    synth.write(path, 200, 5, style="fr")
    whole = load(path)
    some = load(path, columns=["job_category", "index_pay_fte"])
    kept = some.to_polars().columns
    assert "job_category" in kept
    assert "training_hours" not in kept  # not asked for
    assert "base_pay" in kept  # read by the pay derivations
    assert_frame_equal(some.to_polars(), whole.to_polars().select(kept))
    assert some.report.mapping.columns == whole.report.mapping.columns  # the file's
    with pytest.raises(ValueError, match="unknown columns: wage"):
        load(path, columns=["wage"])
