"""The message catalogue (§5.3) and the validation report (§5.4, §9.1, §9.3)."""

from __future__ import annotations

import json
import pickle
import re
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from rich.console import Console

from mixite.workforce.messages import CATALOGUE, MessageDef, definition, severity_of
from mixite.workforce.report import (
    MappingInfo,
    Message,
    PeriodInfo,
    ReportBuilder,
    SourceInfo,
    ValidationReport,
)

SPEC = Path(__file__).parents[3] / "shared" / "specs" / "workforce.md"
NNBSP = "\u202f"
NBSP = "\u00a0"


def _french(text: str) -> str:
    """The spec writes ordinary spaces; §5.3 asks for these characters instead."""
    text = text.replace("« ", "«" + NNBSP)
    text = re.sub(r" (?=[:;!?»])", NNBSP, text)
    text = re.sub(r" (?=[%€])", NBSP, text)
    return re.sub(r"(?<=\d) (?=\d{3}\b)", NNBSP, text)  # 32 500,50


def _spec_rows() -> list[tuple[str, str, str, str, str, str, str, str]]:
    """(table, key, effect, fr, fr_hint, en, en_hint, key cell) for every §5.3 row."""
    if not SPEC.exists():
        pytest.skip(f"spec not found at {SPEC}")
    text = SPEC.read_text(encoding="utf-8")
    section = text[text.index("### 5.3") : text.index("### 5.4")]
    rows = []
    table = ""
    for line in section.splitlines():
        if line.startswith("**"):
            table = line.strip("*").lower()
        if not line.startswith("| `"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
        match = re.match(r"`([^`]+)`", cells[0])
        assert match is not None
        effect = cells[1].replace("`", "") if len(cells) == 4 else ""
        fr, fr_hint = cells[-2].split(" · ")
        en, en_hint = cells[-1].split(" · ")
        rows.append((table, match.group(1), effect, fr, fr_hint, en, en_hint, cells[0]))
    return rows


def test_catalogue_has_every_key_of_the_three_tables() -> None:
    rows = _spec_rows()
    assert len(rows) == 79  # 15 fatal, 22 errors, 42 warnings (source_missing twice)
    assert {key for _, key, *_ in rows} == set(CATALOGUE)
    assert len(CATALOGUE) == 78


def test_catalogue_texts_match_the_spec_exactly() -> None:
    severity_of_table = {"fatal": "fatal", "errors": "error", "warnings": "warning"}
    for table, key, effect, fr, fr_hint, en, en_hint, _ in _spec_rows():
        entry = definition(key, severity_of_table[table])  # type: ignore[arg-type]
        expected = (
            severity_of_table[table],
            effect,
            _french(fr),
            _french(fr_hint),
            en,
            en_hint,
        )
        got = (
            entry.severity,
            entry.effect,
            entry.fr,
            entry.fr_hint,
            entry.en,
            entry.en_hint,
        )
        assert got == expected, key


def test_rows_rejecting_errors_are_those_whose_effect_says_so() -> None:
    for table, key, effect, *_ in _spec_rows():
        if table == "errors":
            assert CATALOGUE[key].rejects_row == (effect == "row rejected"), key


def test_french_typography() -> None:
    texts = [
        text
        for entry in (
            *CATALOGUE.values(),
            definition("mapping.source_missing", "warning"),
        )
        for text in (entry.fr, entry.fr_hint)
    ]
    for text in texts:
        assert not re.search(r" [:;!?»%€]|« ", text), text
        assert not re.search(r"\S[;!?»]|\w:\s|«\S", text.replace("--", "")), text
    assert "32\u202f500,50" in CATALOGUE["value.number_invalid"].fr_hint
    assert "80\u00a0%" in CATALOGUE["column.fte_percent_scale"].fr_hint
    assert (
        "«\u202f;\u202f», «\u202f,\u202f»"
        in CATALOGUE["csv.delimiter_not_found"].fr_hint
    )


def test_sex_unknown_texts() -> None:
    builder = ReportBuilder()
    builder.add("value.sex_unknown", file="rh.csv", row=6, column="sex", value="X")
    (message,) = builder.build().messages
    assert (
        message.text()
        == "Sexe non reconnu\u202f: «\u202fX\u202f»\u202f; ligne écartée."
    )
    assert message.text("en") == 'Unrecognised sex "X": row rejected.'
    assert message.hint("en") == (
        "Use F or M (or Female/Male, 2/1). These people are counted separately in the report."
    )
    assert message.severity == "error"
    assert message.params == {"value": "X"}


def test_source_missing_has_two_severities() -> None:
    assert severity_of("mapping.source_missing", {"column": "sex"}) == "fatal"
    assert (
        severity_of("mapping.source_missing", {"column": "training_hours"}) == "warning"
    )
    builder = ReportBuilder()
    builder.add("mapping.source_missing", column="employee_id", source="Matricule")
    builder.add("mapping.source_missing", column="training_hours", source="Formation")
    report = builder.build()
    assert report.counts == {"fatal": 1, "error": 0, "warning": 1}
    fatal, warning = report.messages
    assert (
        fatal.text("en")
        == 'Column "Matricule" given for employee_id is not in the file.'
    )
    assert warning.text("en") == (
        'Column "Formation" given for training_hours is missing; training_hours is ignored.'
    )
    assert warning.text() == (
        "La colonne «\u202fFormation\u202f» indiquée pour training_hours est absente\u202f; "
        "training_hours est ignorée."
    )


def test_excluded_exceeds_pay_is_a_warning_for_dsn_input() -> None:
    builder = ReportBuilder()
    builder.add_source(SourceInfo(file="dsn_01.txt", format="dsn"))
    builder.add("value.excluded_exceeds_pay", file="dsn_01.txt", value=5000, total=4000)
    builder.add("value.excluded_exceeds_pay", file="rh.csv", value=5000, total=4000)
    error, warning = builder.build().messages  # errors come before warnings (§5.4)
    assert (error.file, error.severity) == ("rh.csv", "error")
    assert (warning.file, warning.severity) == ("dsn_01.txt", "warning")
    assert warning.text("en") == "Excluded items (5000) exceed total pay (4000)."


def test_dsn_identity_values_are_masked() -> None:
    builder = ReportBuilder()
    builder.add(
        "dsn.bad_value", file="d.txt", row=12, rubric="S21.G00.30.001", value="1850"
    )
    (message,) = builder.build().messages
    assert message.value == "[masqué]"
    assert message.text() == "Valeur invalide pour S21.G00.30.001\u202f: [masqué]."
    assert message.text("en") == "Invalid value for S21.G00.30.001: [hidden]."


def test_values_are_cut_to_100_characters() -> None:
    builder = ReportBuilder()
    builder.add("value.number_invalid", row=2, column="base_pay", value="9" * 150)
    builder.add("value.number_invalid", row=3, column="base_pay", value="8" * 100)
    cut, kept = builder.build().messages
    assert cut.value == "9" * 99 + "…"
    assert len(cut.value) == 100
    assert cut.params["value"] == cut.value
    assert cut.text("en") == f'Unreadable number "{"9" * 99}…".'
    assert kept.value == "8" * 100


def test_unknown_key_is_a_programming_error() -> None:
    with pytest.raises(KeyError):
        ReportBuilder().add("value.no_such_key")


def _small_report() -> ValidationReport:
    builder = ReportBuilder(column_order=["employee_id", "sex", "base_pay"])
    builder.add_source(
        SourceInfo(
            file="rh_2025.xlsx",
            format="xlsx",
            sha256="9f2c",
            sheet="Effectifs",
            header_row=3,
            decimal=",",
        )
    )
    builder.set_mapping(
        MappingInfo(
            columns={
                "employee_id": ("Matricule", "synonym"),
                "sex": ("Sexe", "synonym"),
                "base_pay": ("Salaire annuel brut", "mapping_file"),
            },
            ignored_columns=[("Commentaire", "no_match")],
            missing_optional=["raised"],
            options={"period_end": "12-31", "full_time_monthly_hours": 151.67},
        )
    )
    builder.set_period(
        PeriodInfo(
            values=[2025],
            origin="argument",
            start=date(2025, 1, 1),
            end=date(2025, 12, 31),
        )
    )
    builder.add("value.zero_pay", file="rh_2025.xlsx", row=9, column="base_pay")
    builder.add(
        "value.sex_unknown",
        file="rh_2025.xlsx",
        row=17,
        column="sex",
        source_column="Sexe",
        value="X",
    )
    builder.reject("value.sex_unknown")
    builder.set_rows(read=1204, accepted=1203)
    return builder.build()


def test_to_dict_has_the_shape_of_9_3() -> None:
    report = _small_report()
    assert report.to_dict() == {
        "schema": "mixite.validation/1",
        "ok": False,
        "sources": [
            {
                "file": "rh_2025.xlsx",
                "format": "xlsx",
                "sha256": "9f2c",
                "sheet": "Effectifs",
                "header_row": 3,
                "encoding": None,
                "delimiter": None,
                "decimal": ",",
                "lines": None,
                "norm": None,
            }
        ],
        "mapping": {
            "columns": {
                "employee_id": {"source": "Matricule", "origin": "synonym"},
                "sex": {"source": "Sexe", "origin": "synonym"},
                "base_pay": {"source": "Salaire annuel brut", "origin": "mapping_file"},
            },
            "ignored_columns": [{"source": "Commentaire", "reason": "no_match"}],
            "missing_optional": ["raised"],
            "options": {"period_end": "12-31", "full_time_monthly_hours": 151.67},
        },
        "period": {
            "values": [2025],
            "origin": "argument",
            "start": "2025-01-01",
            "end": "2025-12-31",
        },
        "rows": {
            "read": 1204,
            "accepted": 1203,
            "rejected": 1,
            "rejected_by_key": {"value.sex_unknown": 1},
        },
        "counts": {"fatal": 0, "error": 1, "warning": 1},
        "counts_by_key": {"value.zero_pay": 1, "value.sex_unknown": 1},
        "truncated": False,
        "max_messages": 1000,
        "messages": [
            {
                "severity": "error",
                "key": "value.sex_unknown",
                "file": "rh_2025.xlsx",
                "row": 17,
                "column": "sex",
                "source_column": "Sexe",
                "rubric": None,
                "value": "X",
                "params": {"value": "X"},
                "message_fr": "Sexe non reconnu\u202f: «\u202fX\u202f»\u202f; ligne écartée.",
                "message_en": 'Unrecognised sex "X": row rejected.',
                "hint_fr": "Utilisez F ou H (ou Femme/Homme, 2/1). "
                "Les personnes concernées sont comptées à part dans le rapport.",
                "hint_en": "Use F or M (or Female/Male, 2/1). "
                "These people are counted separately in the report.",
            },
            {
                "severity": "warning",
                "key": "value.zero_pay",
                "file": "rh_2025.xlsx",
                "row": 9,
                "column": "base_pay",
                "source_column": None,
                "rubric": None,
                "value": None,
                "params": {},
                "message_fr": "Salaire de base nul pour une personne présente.",
                "message_en": "Zero base pay for someone present.",
                "hint_fr": "Vérifiez le montant.",
                "hint_en": "Check the amount.",
            },
        ],
    }
    text = report.to_json()
    assert "«\u202fX\u202f»" in text  # not ASCII-escaped
    assert json.loads(text) == report.to_dict()


def test_ok_and_has_error() -> None:
    builder = ReportBuilder()
    builder.add("value.zero_pay", row=2, column="base_pay")
    assert not builder.has_error
    assert not builder.has_fatal
    assert builder.build().ok
    builder.add("rows.none_accepted")
    assert builder.has_fatal
    assert not builder.build().ok


def test_cap_keeps_1000_messages_fatal_first() -> None:
    builder = ReportBuilder(column_order=["employee_id", "sex", "csp"])
    for row in range(2, 1502):
        builder.add("value.zero_pay", file="a.csv", row=row, column="base_pay")
    for row in range(2, 12):
        builder.add(
            "value.code_unknown", file="a.csv", row=row, column="csp", value="??"
        )
    builder.add("file.empty", file="b.csv")
    builder.add("rows.none_accepted")
    report = builder.build()
    assert len(report.messages) == 1000
    assert report.truncated
    assert report.counts == {"fatal": 2, "error": 10, "warning": 1500}
    assert report.counts_by_key == {
        "value.zero_pay": 1500,
        "value.code_unknown": 10,
        "file.empty": 1,
        "rows.none_accepted": 1,
    }
    assert [m.key for m in report.messages[:2]] == ["rows.none_accepted", "file.empty"]
    assert [m.row for m in report.messages[2:12]] == list(range(2, 12))
    assert [m.row for m in report.messages[12:]] == list(range(2, 990))


def test_order_follows_5_4_and_example_E38() -> None:
    builder = ReportBuilder(column_order=["employee_id", "sex", "csp"])
    builder.add_many(
        "value.code_unknown",
        file="rh.csv",
        column="csp",
        rows=list(range(2, 5002)),
        values=["??"] * 5000,
        params={"allowed": "ouv, emp, tam, ic"},
    )
    builder.add_many(
        "value.sex_unknown",
        file="rh.csv",
        column="sex",
        rows=[5998, 5999, 6000],
        values=["X"] * 3,
    )
    builder.add(
        "value.out_of_range", file="rh.csv", row=3, column="employee_id", value="x" * 65
    )
    builder.add("value.required_missing", file="rh.csv", row=3, column="sex")
    builder.add(
        "row.duplicate_key",
        file="rh.csv",
        row=3,
        employee_id="A1",
        first_row=2,
        period=2025,
    )
    report = builder.build()
    assert report.counts["error"] == 5006
    assert report.counts_by_key["value.code_unknown"] == 5000
    assert report.truncated
    head = [(m.key, m.row, m.column) for m in report.messages[:6]]
    assert head == [
        ("row.duplicate_key", 3, None),
        ("value.out_of_range", 3, "employee_id"),
        ("value.required_missing", 3, "sex"),
        ("value.sex_unknown", 5998, "sex"),
        ("value.sex_unknown", 5999, "sex"),
        ("value.sex_unknown", 6000, "sex"),
    ]
    rest = report.messages[6:]
    assert len(rest) == 994
    assert {m.key for m in rest} == {"value.code_unknown"}
    assert [m.row for m in rest] == list(range(2, 996))
    assert rest[0].text("en") == 'Unknown value for csp: "??".'

    assert rest[0].hint() == (
        "Valeurs acceptées\u202f: ouv, emp, tam, ic\u202f; ou ajoutez une correspondance "
        "dans [values.csp]."
    )


def test_files_sort_in_the_order_added_then_row_less_first() -> None:
    builder = ReportBuilder()
    builder.add_source(SourceInfo(file="b.csv", format="csv"))
    builder.add_source(SourceInfo(file="a.csv", format="csv"))
    builder.add("value.zero_pay", file="a.csv", row=2, column="base_pay")
    builder.add("value.zero_pay", file="b.csv", row=9, column="base_pay")
    builder.add("file.encoding_fallback", file="b.csv", encoding="cp1252")
    report = builder.build()
    assert [(m.file, m.row) for m in report.messages] == [
        ("b.csv", None),
        ("b.csv", 9),
        ("a.csv", 2),
    ]


def test_add_many_counts_a_million_rows() -> None:
    n = 1_000_000
    builder = ReportBuilder()
    builder.add_many(
        "value.number_invalid",
        file="big.csv",
        column="base_pay",
        rows=pl.int_range(2, n + 2, eager=True),
        values=pl.Series(["abc"] * n),
    )
    report = builder.build()
    assert report.counts == {"fatal": 0, "error": n, "warning": 0}
    assert report.counts_by_key == {"value.number_invalid": n}
    assert len(report.messages) == 1000
    assert report.truncated
    assert [m.row for m in report.messages] == list(range(2, 1002))
    assert report.messages[0].value == "abc"


def test_add_many_keeps_the_first_rows_when_unsorted() -> None:
    builder = ReportBuilder()
    rows: list[int | None] = [*range(3000, 1, -1), None]
    builder.add_many(
        "value.date_invalid",
        file="x.csv",
        column="hire_date",
        rows=rows,
        values=[f"v{r}" for r in rows],
        params_per_row=[{"value": "ignored"} for _ in rows],
    )
    report = builder.build()
    assert report.messages[0].row is None
    assert [m.row for m in report.messages[1:4]] == [2, 3, 4]
    assert report.messages[1].value == "v2"
    assert report.messages[1].params == {"value": "v2"}
    assert report.counts["error"] == 3000


def test_render_shows_the_summary_and_messages() -> None:
    console = Console(record=True, width=200)
    console.print(_small_report().render())
    text = console.export_text()
    assert "Lignes lues / retenues / écartées" in text
    assert "1\u202f204 / 1\u202f203 / 1" in text
    assert "0 bloquant, 1 erreur, 1 avertissement" in text
    assert "Effectifs" in text
    assert "sex (Sexe)" in text
    assert "Sexe non reconnu" in text
    console = Console(record=True, width=200)
    console.print(_small_report().render("en"))
    text = console.export_text()
    assert "1,204 / 1,203 / 1" in text
    assert "0 fatal, 1 error, 1 warning" in text
    assert "Zero base pay for someone present." in text


def test_message_is_frozen() -> None:
    message = Message(severity="warning", key="value.zero_pay")
    with pytest.raises(AttributeError):
        message.key = "x"  # type: ignore[misc]
    assert isinstance(CATALOGUE["file.empty"], MessageDef)


def test_pruning_while_adding_keeps_the_first_rows() -> None:
    builder = ReportBuilder()
    for row in range(4500, 1, -1):  # reverse order: pruning must keep the smallest rows
        builder.add(
            "value.hours_implausible",
            file="h.csv",
            row=row,
            column="hours_paid",
            value=4000,
        )
    report = builder.build()
    assert report.counts_by_key == {"value.hours_implausible": 4499}
    assert [m.row for m in report.messages] == list(range(2, 1002))
    assert report.messages[0].text() == "Heures payées très élevées\u202f: 4000."


def test_report_survives_pickling() -> None:
    report = _small_report()
    assert pickle.loads(pickle.dumps(report)) == report  # noqa: S301 (our own data)
