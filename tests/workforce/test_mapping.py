"""Column mapping by synonyms and by mapping file (workforce spec §4.2, §4.4)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from mixite.workforce.mapping import (
    ColumnMapping,
    MappingFile,
    MappingInvalid,
    Problem,
    header_score,
    read_mapping,
    resolve,
    write_mapping,
)
from mixite.workforce.options import Options
from mixite.workforce.schema import COLUMNS

if TYPE_CHECKING:
    from pathlib import Path

SYNONYM_CASES = [
    (synonym, column.name, synonym in column.weak)
    for column in COLUMNS
    for synonym in column.synonyms
]


def mapped(
    headers: list[str], mapping_file: MappingFile | None = None
) -> ColumnMapping:
    outcome = resolve(headers, mapping_file=mapping_file)
    assert outcome.mapping is not None, outcome.problems
    return outcome.mapping


@pytest.mark.parametrize(("synonym", "column", "weak"), SYNONYM_CASES)
def test_each_synonym_maps_to_its_column(synonym: str, column: str, weak: bool) -> None:
    if column == "employee_id":
        headers = [synonym, "Sexe"]
    elif column == "sex":
        headers = ["Matricule", synonym]
    else:
        headers = ["Matricule", "Sexe", synonym]
    mapping = mapped(headers)
    assert mapping.columns[column] == (synonym,)
    # a synonym that is the canonical name itself ("CSP", "Sex", "FTE") maps as exact
    exact = synonym.casefold() == column
    expected = "exact" if exact else "weak_synonym" if weak else "synonym"
    assert mapping.origins[column] == expected


def test_synonym_count() -> None:
    assert len(SYNONYM_CASES) == 250  # §4.2, each synonym once per column


def test_spec_example_C1() -> None:
    outcome = resolve(
        ["Matricule", "Sexe", "Date de naissance", "CSP", "Salaire de base", "Primes",
         "Taux d'activité (%)"]
    )  # fmt: skip
    assert outcome.problems == ()
    assert outcome.mapping is not None
    assert dict(outcome.mapping.origins) == {
        "employee_id": "synonym",
        "sex": "synonym",
        "birth_date": "synonym",
        "csp": "exact",
        "fte": "synonym",
        "base_pay": "synonym",
        "variable_pay": "synonym",
    }
    assert outcome.mapping.columns["fte"] == ("Taux d'activité (%)",)
    assert outcome.mapping.ignored == ()
    assert outcome.mapping.missing_optional[:3] == ("period", "age", "level")
    assert len(outcome.mapping.missing_optional) == 40 - 2 - 5


def test_spec_example_C26() -> None:
    headers = ["N° salarié", "Genre", "Année", "Emploi", "Établissement", "Type de contrat",
               "Date d'entrée", "Date de sortie", "Commentaire"]  # fmt: skip
    mapping = mapped(headers)
    assert list(mapping.columns) == [
        "employee_id", "sex", "period", "job", "unit", "contract", "hire_date", "exit_date",
    ]  # fmt: skip
    assert mapping.ignored == (("Commentaire", "no_match"),)


def test_weak_synonym_superseded_by_strong() -> None:
    outcome = resolve(["Matricule", "Sexe", "Salaire brut", "Salaire de base"])
    assert outcome.problems == ()
    assert outcome.mapping is not None
    assert outcome.mapping.columns["base_pay"] == ("Salaire de base",)
    assert outcome.mapping.origins["base_pay"] == "synonym"
    assert outcome.mapping.ignored == (("Salaire brut", "weak_match_superseded"),)


def test_weak_synonym_alone_maps() -> None:
    mapping = mapped(["Matricule", "Sexe", "Salaire brut"])
    assert mapping.columns["base_pay"] == ("Salaire brut",)
    assert mapping.origins["base_pay"] == "weak_synonym"
    mapping = mapped(["Matricule", "Civilité"])
    assert mapping.origins["sex"] == "weak_synonym"


def test_two_weak_synonyms_are_ambiguous() -> None:
    outcome = resolve(["Matricule", "Sexe", "Salaire", "Salaire brut"])
    assert outcome.mapping is None
    assert outcome.problems == (
        Problem(
            "mapping.ambiguous",
            {"column": "base_pay", "sources": "Salaire, Salaire brut"},
        ),
    )


def test_two_strong_synonyms_are_ambiguous_E2() -> None:
    outcome = resolve(["Matricule", "Sexe", "Salaire de base", "Rémunération de base"])
    assert outcome.mapping is None
    assert outcome.problems == (
        Problem(
            "mapping.ambiguous",
            {"column": "base_pay", "sources": "Salaire de base, Rémunération de base"},
        ),
    )


def test_exact_name_beats_synonym() -> None:
    mapping = mapped(["employee_id", "Matricule", "SEX"])
    assert mapping.columns["employee_id"] == ("employee_id",)
    assert mapping.origins == {"employee_id": "exact", "sex": "exact"}
    assert mapping.ignored == (("Matricule", "superseded"),)
    assert mapped([" Base_Pay ", "Matricule", "Sexe"]).origins["base_pay"] == "exact"


def test_statut_and_bare_position_not_mapped() -> None:
    mapping = mapped(["Matricule", "Sexe", "Statut", "Position", "POSITION"])
    assert "position" not in mapping.columns
    assert mapping.ignored == (
        ("Statut", "no_match"),
        ("Position", "no_match"),
        ("POSITION", "no_match"),
    )


def test_position_exact_maps() -> None:
    mapping = mapped(["Matricule", "Sexe", "position"])
    assert mapping.columns["position"] == ("position",)
    assert mapping.origins["position"] == "exact"
    assert (
        mapped(["Matricule", "Sexe", "Position hiérarchique"]).origins["position"]
        == "synonym"
    )


def test_missing_required() -> None:
    outcome = resolve(["Matricule", "Salaire"])
    assert outcome.mapping is None
    assert outcome.problems == (Problem("column.missing_required", {"column": "sex"}),)
    outcome = resolve([])
    assert [p.params["column"] for p in outcome.problems] == ["employee_id", "sex"]


def test_derived_column_ignored() -> None:
    outcome = resolve(["Matricule", "Sexe", "Age_Band", "pay_fte"])
    assert outcome.problems == (
        Problem("column.derived_ignored", {"source": "Age_Band"}),
        Problem("column.derived_ignored", {"source": "pay_fte"}),
    )
    assert outcome.mapping is not None
    assert outcome.mapping.ignored == (("Age_Band", "derived"), ("pay_fte", "derived"))


# --- mapping file ------------------------------------------------------------------------

SPEC_TOML = """\
version = 1                      # required; only 1 exists

[source]                         # every key optional; absent = detected
sheet = "Effectifs 2025"         # XLSX: name or 1-based index
header_row = 3
delimiter = ";"                  # CSV
encoding = "cp1252"              # CSV
decimal = ","
date_order = "dmy"               # "dmy" (default) or "mdy"; ISO always accepted
auto = true                      # false: columns not listed below are ignored

[columns]                        # canonical name = header as written in the file
employee_id = "Matricule"
sex = "Sexe"
base_pay = "Salaire annuel brut"
variable_pay = ["Prime annuelle", "Prime d'objectifs"]   # amounts only: summed
excluded_pay = ["Heures supplémentaires", "Indemnité de départ"]

[values.csp]                     # file value = canonical code
"Agent de maîtrise principal" = "tam"
"Directeur" = "ic"

[values.sex]
"0" = "M"
"1" = "F"

[options]
period = 2025
period_end = "12-31"
on_duplicate = "error"           # "error" | "merge" | "keep_last"
full_time_monthly_hours = 151.67
full_time_weekly_hours = 35
hours_per_day = 7.0
level_order = ["N1", "N2", "N3", "N4"]
employee_id_from = "nir_hash"    # DSN only: "nir_hash" | "matricule"
"""

SPEC_HEADERS = [
    "Matricule", "Sexe", "Salaire de base", "Salaire annuel brut", "Prime annuelle",
    "Prime d'objectifs", "Heures supplémentaires", "Indemnité de départ", "CSP",
]  # fmt: skip


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_read_spec_example(tmp_path: Path) -> None:
    mapping_file = read_mapping(write(tmp_path, "mapping.toml", SPEC_TOML))
    assert mapping_file.version == 1
    assert dict(mapping_file.columns) == {
        "employee_id": ("Matricule",),
        "sex": ("Sexe",),
        "base_pay": ("Salaire annuel brut",),
        "variable_pay": ("Prime annuelle", "Prime d'objectifs"),
        "excluded_pay": ("Heures supplémentaires", "Indemnité de départ"),
    }
    assert dict(mapping_file.values["sex"]) == {"0": "M", "1": "F"}
    options = mapping_file.options
    assert (options.sheet, options.header_row, options.delimiter) == (
        "Effectifs 2025",
        3,
        ";",
    )
    assert (options.encoding, options.decimal, options.date_order) == (
        "cp1252",
        ",",
        "dmy",
    )
    assert options.period == 2025
    assert options.level_order == ("N1", "N2", "N3", "N4")
    assert options.full_time_weekly_hours == 35
    assert "sheet" in mapping_file.given
    assert "delimiter" in mapping_file.given


def test_mapping_file_precedence_and_amount_lists(tmp_path: Path) -> None:
    mapping_file = read_mapping(write(tmp_path, "mapping.toml", SPEC_TOML))
    outcome = resolve(SPEC_HEADERS, mapping_file=mapping_file)
    assert outcome.problems == ()
    mapping = outcome.mapping
    assert mapping is not None
    assert dict(mapping.columns) == {
        "employee_id": ("Matricule",),
        "sex": ("Sexe",),
        "csp": ("CSP",),
        "base_pay": ("Salaire annuel brut",),
        "variable_pay": ("Prime annuelle", "Prime d'objectifs"),
        "excluded_pay": ("Heures supplémentaires", "Indemnité de départ"),
    }
    assert dict(mapping.origins) == {
        "employee_id": "mapping_file",
        "sex": "mapping_file",
        "csp": "exact",
        "base_pay": "mapping_file",
        "variable_pay": "mapping_file",
        "excluded_pay": "mapping_file",
    }
    # the strong synonym loses to the mapping file's choice
    assert mapping.ignored == (("Salaire de base", "superseded"),)
    assert dict(mapping.values["csp"]) == {
        "agent de maitrise principal": "tam",
        "directeur": "ic",
    }
    assert mapping.source("variable_pay") == "Prime annuelle, Prime d'objectifs"


def test_mapping_file_headers_match_after_normalisation() -> None:
    mapping_file = read_mapping(
        {
            "version": 1,
            "columns": {"employee_id": "ID", "sex": "GENRE (F/H)", "level": "coef."},
        }
    )
    mapping = mapped(["id", "Genre", "Coef"], mapping_file)
    assert mapping.columns["employee_id"] == ("id",)
    assert mapping.columns["sex"] == ("Genre",)
    assert mapping.columns["level"] == ("Coef",)


def test_mapping_file_normalised_header_twice_is_ambiguous() -> None:
    mapping_file = read_mapping({"version": 1, "columns": {"employee_id": "ID"}})
    outcome = resolve(["id", "Id", "Sexe"], mapping_file=mapping_file)
    assert outcome.mapping is None
    assert outcome.problems == (
        Problem("mapping.ambiguous", {"column": "employee_id", "sources": "id, Id"}),
    )
    outcome = resolve(["ID", "Id", "Sexe"], mapping_file=mapping_file)
    assert outcome.mapping is not None
    assert outcome.mapping.columns["employee_id"] == ("ID",)


def test_source_missing_E37() -> None:
    mapping_file = read_mapping(
        {"version": 1, "columns": {"training_hours": "Formation"}}
    )
    outcome = resolve(
        ["Matricule", "Sexe", "Heures de formation"], mapping_file=mapping_file
    )
    assert outcome.problems == (
        Problem(
            "mapping.source_missing",
            {"source": "Formation", "column": "training_hours"},
        ),
    )
    assert outcome.mapping is not None
    assert "training_hours" not in outcome.mapping.columns
    assert "training_hours" in outcome.mapping.missing_optional
    assert outcome.mapping.ignored == (("Heures de formation", "superseded"),)


def test_source_missing_for_required_is_fatal() -> None:
    mapping_file = read_mapping({"version": 1, "columns": {"sex": "Sexe"}})
    outcome = resolve(["Matricule", "Genre"], mapping_file=mapping_file)
    assert outcome.mapping is None
    assert outcome.problems == (
        Problem("mapping.source_missing", {"source": "Sexe", "column": "sex"}),
    )


def test_auto_false_ignores_unlisted() -> None:
    mapping_file = read_mapping(
        {
            "version": 1,
            "source": {"auto": False},
            "columns": {"employee_id": "Matricule", "sex": "Sexe"},
        }
    )
    mapping = mapped(["Matricule", "Sexe", "CSP", "Primes", "age_band"], mapping_file)
    assert list(mapping.columns) == ["employee_id", "sex"]
    assert mapping.ignored == (
        ("CSP", "not_listed"),
        ("Primes", "not_listed"),
        ("age_band", "derived"),
    )
    outcome = resolve(["Matricule", "Sexe"], mapping_file=read_mapping(
        {"version": 1, "source": {"auto": False}, "columns": {"employee_id": "Matricule"}}
    ))  # fmt: skip
    assert outcome.problems == (Problem("column.missing_required", {"column": "sex"}),)


@pytest.mark.parametrize(
    ("document", "detail"),
    [
        ({"version": 2}, "version 2"),
        ({}, "version is missing"),
        ({"version": "1"}, "version '1'"),
        ({"version": True}, "version True"),
        ({"version": 1, "columns": {"salary": "Salaire"}}, "'salary'"),  # E36
        ({"version": 1, "columns": {"age_band": "Tranche"}}, "'age_band'"),
        (
            {"version": 1, "columns": {"sex": ["Sexe", "Genre"]}},
            "only allowed for amounts",
        ),
        ({"version": 1, "columns": {"sex": 3}}, "columns.sex must be a header name"),
        ({"version": 1, "columns": {"sex": ""}}, "columns.sex must be a header name"),
        (
            {"version": 1, "options": {"colour": "red"}},
            "unknown option 'colour' in [options]",
        ),
        (
            {"version": 1, "source": {"period": 2025}},
            "unknown option 'period' in [source]",
        ),
        ({"version": 1, "options": {"period": "2025"}}, "options.period must be int"),
        (
            {"version": 1, "options": {"period_end": "03-01"}},
            "not the last day of a month",
        ),
        ({"version": 1, "options": {"on_duplicate": "drop"}}, "options.on_duplicate"),
        ({"version": 1, "options": {"hours_per_day": True}}, "options.hours_per_day"),
        ({"version": 1, "options": {"level_order": ["A", 2]}}, "list of strings"),
        ({"version": 1, "source": {"auto": "yes"}}, "source.auto must be bool"),
        ({"version": 1, "source": {"header_row": 0}}, "header_row"),
        ({"version": 1, "source": {"decimal": ";"}}, "source.decimal"),
        ({"version": 1, "mapping": {}}, "unknown key 'mapping'"),
        ({"version": 1, "columns": []}, "[columns] must be a table"),
        ({"version": 1, "values": {"sex": {"0": "H"}}}, "'H' is not a code of sex"),
        ({"version": 1, "values": {"level": {"A": "1"}}}, "coded columns"),
        ({"version": 1, "values": {"sex": {"Mme": "F", "MME": "M"}}}, "two codes"),
    ],
)
def test_invalid_mapping(document: dict[str, object], detail: str) -> None:
    with pytest.raises(MappingInvalid) as caught:
        read_mapping(document)
    assert detail in caught.value.detail
    assert caught.value.line is None


def test_invalid_mapping_lines(tmp_path: Path) -> None:
    text = 'version = 1\n\n[columns]\nsex = "Sexe"\nsalary = "Salaire"\n'
    with pytest.raises(MappingInvalid) as caught:
        read_mapping(write(tmp_path, "m.toml", text))
    assert (caught.value.detail, caught.value.line) == (
        "unknown column name 'salary' in [columns]",
        5,
    )
    text = 'version = 1\n[columns]\ncolour = "x"\n[options]\ncolour = 1\n'
    with pytest.raises(MappingInvalid) as caught:
        read_mapping(write(tmp_path, "m.toml", text))
    assert (caught.value.detail, caught.value.line) == (
        "unknown option 'colour' in [options]",
        5,
    )
    with pytest.raises(MappingInvalid) as caught:
        read_mapping(write(tmp_path, "m.toml", "version = 2\n"))
    assert caught.value.line == 1
    with pytest.raises(MappingInvalid) as caught:
        read_mapping(write(tmp_path, "m.toml", 'version = 1\n[columns\nsex = "S"\n'))
    assert caught.value.line == 2
    assert caught.value.detail.startswith("TOML syntax")
    text = '{\n  "version": 1,\n  "columns": {\n    "sex": ["Sexe", "Genre"]\n  }\n}\n'
    with pytest.raises(MappingInvalid) as caught:
        read_mapping(write(tmp_path, "m.json", text))
    assert caught.value.line == 4
    with pytest.raises(MappingInvalid) as caught:
        read_mapping(write(tmp_path, "m.json", '{\n"version": 1,\n}'))
    assert caught.value.line == 3
    with pytest.raises(MappingInvalid, match=r"\.toml or \.json"):
        read_mapping(write(tmp_path, "m.yaml", "version: 1"))
    with pytest.raises(MappingInvalid, match="cannot read"):
        read_mapping(tmp_path / "absent.toml")


@pytest.mark.parametrize("name", ["mapping.toml", "mapping.json"])
def test_write_then_read_reproduces_the_run(tmp_path: Path, name: str) -> None:
    first = read_mapping(write(tmp_path, "first.toml", SPEC_TOML))
    mapping = mapped([*SPEC_HEADERS, "Âge", "Salaire brut", "Commentaire"], first)
    options = first.options.with_overrides(period_end="06-30", on_duplicate="keep_last")
    path = tmp_path / name
    write_mapping(path, mapping, options)
    again = read_mapping(path)
    assert dict(again.columns) == dict(mapping.columns)
    assert list(again.columns) == [  # canonical order
        "employee_id", "sex", "age", "csp", "base_pay", "variable_pay", "excluded_pay",
    ]  # fmt: skip
    assert again.options == options
    remapped = mapped([*SPEC_HEADERS, "Âge", "Salaire brut", "Commentaire"], again)
    assert dict(remapped.columns) == dict(mapping.columns)
    assert set(remapped.origins.values()) == {"mapping_file"}
    assert remapped.values == mapping.values
    assert remapped.ignored == mapping.ignored


def test_written_toml_content(tmp_path: Path) -> None:
    mapping = mapped(["Matricule", "Sexe", "Primes"])
    path = tmp_path / "m.toml"
    write_mapping(path, mapping, Options(period=2025, delimiter=";"))
    assert path.read_text(encoding="utf-8") == (
        "version = 1\n\n"
        "[source]\n"
        'delimiter = ";"\n'
        'date_order = "dmy"\n'
        "auto = true\n\n"
        "[columns]\n"
        'employee_id = "Matricule"\n'
        'sex = "Sexe"\n'
        'variable_pay = "Primes"\n\n'
        "[options]\n"
        "period = 2025\n"
    )
    json_path = tmp_path / "m.json"
    write_mapping(json_path, mapping, Options())
    assert json.loads(json_path.read_text(encoding="utf-8")) == {
        "version": 1,
        "source": {"date_order": "dmy", "auto": True},
        "columns": {
            "employee_id": "Matricule",
            "sex": "Sexe",
            "variable_pay": "Primes",
        },
    }


def test_header_score() -> None:
    assert header_score(["Matricule", "Sexe", "CSP", "Commentaire", None, ""]) == 3
    assert header_score(["Rapport égalité 2025", None, None]) == 0
    assert header_score(["A001", "F", "Cadre", "48 000"]) == 0
    mapping_file = read_mapping({"version": 1, "columns": {"base_pay": "Brut fiscal"}})
    assert (
        header_score(["Matricule", "BRUT FISCAL", "X"], mapping_file=mapping_file) == 2
    )
    assert header_score(["Position", "position"]) == 1
