"""Canonical columns, normalisation, value synonyms and options (workforce spec §1, §4.1, §4.3)."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from mixite.workforce.normalise import has_percent, normalise
from mixite.workforce.options import Options, check_period_end, period_bounds
from mixite.workforce.schema import (
    BY_NAME,
    COLUMNS,
    DERIVED,
    EXTRA_TABLES,
    REQUIRED,
    VALUE_SYNONYMS,
    ColumnType,
    code_for,
)

# --- §4.1 normalisation -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "percent"),
    [
        ("N° salarié", "numero salarie", False),
        ("Date d'entrée", "date d entree", False),
        ("Taux d'activité (%)", "taux d activite", True),
        ("Salaire de base (€)", "salaire de base", False),
    ],
)
def test_spec_examples(text: str, expected: str, percent: bool) -> None:
    assert normalise(text) == expected
    assert has_percent(text) is percent


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Nº de matricule",
            "numero de matricule",
        ),  # ordinal sign, which NFKC turns into "o"
        ("n°", "numero"),
        ("  CŒUR  Æther ", "coeur aether"),
        ("Prime [brut] (annuelle) totale", "prime totale"),
        ("I&C", "i c"),
        ("M.", "m"),
        ("ÉCHELON", "echelon"),
        ("Straße", "strasse"),
        ("Ｓalaire", "salaire"),  # full-width letter, NFKC
        ("", ""),
        ("%", ""),
    ],
)
def test_normalise_more(text: str, expected: str) -> None:
    assert normalise(text) == expected


def test_normalise_is_idempotent() -> None:
    for column in COLUMNS:
        for synonym in column.synonyms:
            assert normalise(normalise(synonym)) == normalise(synonym)


def test_full_width_percent() -> None:
    assert has_percent("Taux ％")
    assert not has_percent("Taux")


# --- §1.2 columns -------------------------------------------------------------------------


def test_columns_in_spec_order() -> None:
    assert [c.name for c in COLUMNS] == [
        "employee_id", "sex", "period", "birth_date", "age", "csp", "level", "job",
        "job_category", "unit", "contract", "hire_date", "exit_date", "presence_months",
        "fte", "hours_paid", "base_pay", "variable_pay", "excluded_pay", "raised",
        "promoted", "maternity_return", "raised_after_leave", "executive",
        "governing_body", "manager", "training_hours", "hired", "exit_reason",
        "part_time_chosen", "absence_days", "work_accidents", "shift_work", "night_work",
        "variable_hours", "weekend_work", "executive_months", "governing_body_months",
        "education", "position",
    ]  # fmt: skip
    assert list(BY_NAME) == [c.name for c in COLUMNS]


def test_required_and_amounts() -> None:
    assert REQUIRED == ("employee_id", "sex")
    assert [c.name for c in COLUMNS if c.required] == ["employee_id", "sex"]
    assert [c.name for c in COLUMNS if c.amount] == [
        "base_pay",
        "variable_pay",
        "excluded_pay",
    ]


def test_types_codes_and_ranges() -> None:
    assert BY_NAME["sex"].type is ColumnType.CODE
    assert BY_NAME["sex"].codes == ("F", "M")
    assert BY_NAME["csp"].codes == ("ouv", "emp", "tam", "ic")
    assert BY_NAME["contract"].codes == (
        "permanent", "fixed_term", "apprentice", "professionalisation", "intern",
        "temp_agency", "expatriate", "other",
    )  # fmt: skip
    assert BY_NAME["exit_reason"].codes[-3:] == ("death", "transfer", "other")
    assert BY_NAME["position"].codes == ("1", "2", "3", "4", "5")
    assert BY_NAME["employee_id"].type is ColumnType.STR
    assert BY_NAME["employee_id"].max_length == 64
    assert BY_NAME["birth_date"].type is ColumnType.DATE
    assert BY_NAME["work_accidents"].type is ColumnType.INT
    assert BY_NAME["night_work"].type is ColumnType.BOOL
    assert (BY_NAME["period"].minimum, BY_NAME["period"].maximum) == (1990, 2100)
    assert (BY_NAME["age"].minimum, BY_NAME["age"].maximum) == (14, 99)
    fte = BY_NAME["fte"]
    assert (fte.minimum, fte.maximum, fte.minimum_exclusive) == (0, 1, True)
    assert (BY_NAME["training_hours"].minimum, BY_NAME["training_hours"].maximum) == (
        0,
        2000,
    )
    assert BY_NAME["absence_days"].maximum == 366
    assert (BY_NAME["base_pay"].minimum, BY_NAME["base_pay"].maximum) == (0, None)
    assert [c.name for c in COLUMNS if c.type is ColumnType.CODE] == [
        "sex", "csp", "contract", "exit_reason", "position",
    ]  # fmt: skip


def test_needed_by_legend() -> None:
    assert dict(BY_NAME["employee_id"].needed_by) == dict.fromkeys(
        ("IX", "RX", "DIR", "LD", "PAY"), "R"
    )
    assert dict(BY_NAME["csp"].needed_by) == {
        "IX": "R",
        "DIR": "o",
        "LD": "R",
        "PAY": "o",
    }
    assert dict(BY_NAME["executive"].needed_by) == {"RX": "R", "LD": "o"}
    assert dict(BY_NAME["excluded_pay"].needed_by) == {"IX": "o"}
    assert dict(BY_NAME["governing_body_months"].needed_by) == {"RX": "o"}
    assert dict(BY_NAME["education"].needed_by) == {"PAY": "o"}


def test_synonyms_labels_and_weak_marks() -> None:
    sex = BY_NAME["sex"]
    assert sex.synonyms_fr == ("Sexe", "Genre", "Civilité")
    assert sex.synonyms_en == ("Sex", "Gender")
    assert sex.weak == frozenset({"Civilité"})
    assert (sex.label_fr, sex.label_en) == ("Sexe", "Sex")
    assert (
        BY_NAME["employee_id"].synonyms_fr[0] == "Matricule"
    )  # what synth --style fr writes
    assert BY_NAME["base_pay"].weak == frozenset(
        {
            "Salaire",
            "Salaire brut",
            "Salaire annuel brut",
            "Rémunération brute",
            "Salary",
            "Gross pay",
        }
    )
    assert BY_NAME["csp"].weak == frozenset({"Catégorie", "Category"})
    assert BY_NAME["fte"].weak == frozenset({"Temps de travail"})
    assert BY_NAME["promoted"].synonyms == ("Promotion", "Promu", "Promoted")
    assert [c.name for c in COLUMNS if c.weak] == ["sex", "csp", "fte", "base_pay"]
    for column in COLUMNS:
        assert column.weak <= set(column.synonyms)
        assert not any("(w)" in s for s in column.synonyms)


def test_no_synonym_names_two_columns() -> None:
    owner: dict[str, str] = {}
    for column in COLUMNS:
        for synonym in column.synonyms:
            assert owner.setdefault(normalise(synonym), column.name) == column.name, (
                synonym
            )


def test_columns_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        BY_NAME["sex"].name = "gender"  # type: ignore[misc]
    assert hash(BY_NAME["sex"]) == hash(BY_NAME["sex"])


def test_derived_and_extra_tables() -> None:
    assert [d.name for d in DERIVED] == [
        "age_band", "present_at_end", "seniority_years", "weekly_hours", "working_time",
        "base_pay_fte", "variable_pay_fte", "pay_fte", "index_pay_fte",
    ]  # fmt: skip
    assert DERIVED[0].codes == ("<30", "30-39", "40-49", "50+")
    assert DERIVED[1].type is ColumnType.BOOL
    assert list(EXTRA_TABLES) == ["leaves", "careers", "training", "exposures"]
    leaves = EXTRA_TABLES["leaves"].by_name
    assert len(leaves["kind"].codes) == 12
    assert [c.name for c in EXTRA_TABLES["leaves"].columns if c.required] == [
        "employee_id", "kind", "start_date",
    ]  # fmt: skip
    assert EXTRA_TABLES["careers"].by_name["kind"].codes[0] == "promotion"
    assert EXTRA_TABLES["training"].by_name["action_type"].codes == (
        "adaptation", "employability", "skills_development", "other",
    )  # fmt: skip
    factor = EXTRA_TABLES["exposures"].by_name["factor"]
    assert len(factor.codes) == 11
    assert factor.code_pattern == r"dsn:.+"


# --- §4.3 value synonyms ------------------------------------------------------------------

SPEC_VALUES = {
    (
        "sex",
        "F",
    ): "f, femme, femmes, féminin, w, woman, women, female, 2, 02, mme, madame, "
    "mlle, mademoiselle",
    ("sex", "M"): "m, h, homme, hommes, masculin, man, men, male, 1, 01, monsieur, mr",
    ("csp", "ouv"): "ouv, o, ouvrier, ouvrière, ouvriers, ouvrier qualifié, "
    "ouvrier non qualifié, worker, workers, blue collar, manual worker",
    ("csp", "emp"): "emp, e, employé, employée, employés, employee, clerical, "
    "clerical worker, white collar",
    (
        "csp",
        "tam",
    ): "tam, t, am, technicien, technicienne, techniciens, agent de maîtrise, "
    "agents de maîtrise, maîtrise, techniciens et agents de maîtrise, "
    "profession intermédiaire, professions intermédiaires, technician, technicians, "
    "supervisor, supervisors",
    ("csp", "ic"): "ic, c, i&c, cadre, cadres, ingénieur, ingénieure, ingénieurs, "
    "ingénieurs et cadres, engineer, engineers, professional, managerial staff",
    ("contract", "permanent"): "cdi, contrat à durée indéterminée, durée indéterminée, "
    "permanent, indefinite, open-ended",
    ("contract", "fixed_term"): "cdd, contrat à durée déterminée, durée déterminée, "
    "saisonnier, fixed term, fixed-term contract, seasonal",
    ("contract", "apprentice"): "apprenti, apprentie, apprentissage, "
    "contrat d'apprentissage, apprentice, apprenticeship",
    ("contract", "professionalisation"): "contrat de professionnalisation, "
    "professionnalisation, contrat pro, professionalisation, professionalization",
    (
        "contract",
        "intern",
    ): "stage, stagiaire, convention de stage, intern, internship, trainee",
    ("contract", "temp_agency"): "intérim, intérimaire, travail temporaire, "
    "mission d'intérim, temp, agency worker, temporary agency worker",
    ("contract", "expatriate"): "expatrié, expatriée, expatriation, expatriate, expat",
    ("contract", "other"): "autre, other, mandataire social, mandat social",
    (
        "exit_reason",
        "retirement",
    ): "retraite, départ à la retraite, départ en retraite, "
    "mise à la retraite, retirement",
    ("exit_reason", "resignation"): "démission, resignation, resigned",
    ("exit_reason", "end_of_fixed_term"): "fin de cdd, fin de contrat, "
    "fin de contrat à durée déterminée, fin de mission, end of contract, "
    "end of fixed-term contract",
    ("exit_reason", "dismissal"): "licenciement, licenciement économique, "
    "licenciement pour motif personnel, licenciement pour faute, "
    "licenciement pour inaptitude, faute grave, dismissal, redundancy, layoff",
    ("exit_reason", "mutual_termination"): "rupture conventionnelle, mutual agreement, "
    "mutual termination",
    (
        "exit_reason",
        "end_of_trial",
    ): "fin de période d'essai, rupture de période d'essai, "
    "end of trial period, probation",
    ("exit_reason", "death"): "décès, death",
    ("exit_reason", "transfer"): "mutation, transfert, transfer",
    ("exit_reason", "other"): "autre, other",
}
VALUE_CASES = [
    (column, value.strip(), code)
    for (column, code), values in SPEC_VALUES.items()
    for value in values.split(",")
]


@pytest.mark.parametrize(("column", "value", "code"), VALUE_CASES)
def test_every_value_synonym(column: str, value: str, code: str) -> None:
    assert code_for(column, value) == code
    assert code_for(column, value.upper()) == code
    assert VALUE_SYNONYMS[column][normalise(value)] == code


def test_value_synonym_count() -> None:
    assert len(VALUE_CASES) == 158  # every entry of §4.3


@pytest.mark.parametrize(
    ("column", "raw", "code"),
    [
        ("sex", "M.", "M"),
        ("sex", "Mme", "F"),
        ("sex", " Féminin ", "F"),
        ("csp", "I&C", "ic"),
        ("csp", "Employée", "emp"),
        ("csp", "388a", "ic"),
        ("csp", "227B", "ic"),
        ("csp", "479b", "tam"),
        ("csp", "546a", "emp"),
        ("csp", "621c", "ouv"),
        ("contract", "Contrat à durée indéterminée", "permanent"),
        ("contract", "fixed_term", "fixed_term"),  # a canonical code reads as itself
        ("exit_reason", "end_of_fixed_term", "end_of_fixed_term"),
        ("position", "3", "3"),
    ],
)
def test_code_for(column: str, raw: str, code: str) -> None:
    assert code_for(column, raw) == code


@pytest.mark.parametrize(
    ("column", "raw"),
    [
        ("contract", "alternance"),
        ("contract", "Alternant"),
        ("csp", "188a"),  # first digit outside 2-6
        ("csp", "788a"),
        ("csp", "3888a"),
        ("sex", "X"),
        ("sex", "3"),
        ("position", "6"),
        ("level", "cadre"),  # not a coded column
    ],
)
def test_code_for_unknown(column: str, raw: str) -> None:
    assert code_for(column, raw) is None


# --- §1.5 options and period -------------------------------------------------------------


def test_period_bounds() -> None:
    assert period_bounds(2025, "12-31") == (date(2025, 1, 1), date(2025, 12, 31))
    assert period_bounds(2025) == (date(2025, 1, 1), date(2025, 12, 31))
    assert period_bounds(2025, "06-30") == (date(2024, 7, 1), date(2025, 6, 30))
    assert period_bounds(2024, "02-28") == (date(2023, 3, 1), date(2024, 2, 29))
    assert period_bounds(2025, "02-28") == (date(2024, 3, 1), date(2025, 2, 28))
    assert period_bounds(2025, "03-31") == (date(2024, 4, 1), date(2025, 3, 31))
    assert period_bounds(2025, "11-30") == (date(2024, 12, 1), date(2025, 11, 30))


@pytest.mark.parametrize(
    "period_end", ["06-15", "02-29", "03-01", "13-31", "6-30", "12/31"]
)
def test_period_end_refused(period_end: str) -> None:
    with pytest.raises(ValueError, match="period_end"):
        check_period_end(period_end)
    with pytest.raises(ValueError, match="period_end"):
        period_bounds(2025, period_end)
    with pytest.raises(ValueError, match="period_end"):
        Options(period_end=period_end)


def test_options_defaults_and_overrides() -> None:
    options = Options()
    assert options.full_time_monthly_hours == 151.67
    assert options.on_duplicate == "error"
    assert options.auto is True
    assert options.bounds is None
    assert options.non_default() == {}
    changed = options.with_overrides(period=2025, sheet=None, level_order=["N1", "N2"])
    assert changed.period == 2025
    assert changed.level_order == ("N1", "N2")
    assert changed.bounds == (date(2025, 1, 1), date(2025, 12, 31))
    assert changed.non_default() == {"period": 2025, "level_order": ("N1", "N2")}
    assert options.period is None  # unchanged
    with pytest.raises(TypeError, match="colour"):
        options.with_overrides(colour="red")
    with pytest.raises(ValueError, match="on_duplicate"):
        options.with_overrides(on_duplicate="drop")
    with pytest.raises(ValueError, match="full_time_weekly_hours"):
        Options(full_time_weekly_hours=0)
