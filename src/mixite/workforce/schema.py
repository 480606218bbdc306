"""The canonical workforce table: columns, codes, synonyms (workforce spec §1, §4.2, §4.3).

Everything here is data: the tables below are copied from the spec, one row per column, and
the :class:`Column` definitions are built from them. Other modules (mapping, cells,
validation, synthetic generator) read these definitions and never repeat them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

from mixite.workforce.normalise import normalise

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

__all__ = [
    "BY_NAME",
    "COLUMNS",
    "CONTRACT_CODES",
    "CSP_CODES",
    "DERIVED",
    "DERIVED_BY_NAME",
    "EXIT_REASON_CODES",
    "EXTRA_TABLES",
    "FRAMEWORKS",
    "POSITION_CODES",
    "REQUIRED",
    "SEX_CODES",
    "VALUE_SYNONYMS",
    "Column",
    "ColumnType",
    "DerivedColumn",
    "ExtraColumn",
    "ExtraTable",
    "code_for",
]


class ColumnType(StrEnum):
    STR = "str"
    INT = "int"
    FLOAT = "float"
    DATE = "date"
    BOOL = "bool"
    CODE = "code"  # str restricted to ``Column.codes``


FRAMEWORKS: Final = ("IX", "RX", "DIR", "LD", "PAY")  # the legend of §1.2


@dataclass(frozen=True, slots=True, kw_only=True)
class Column:
    """One column of the canonical table (§1.2) with its synonyms (§4.2)."""

    name: str
    type: ColumnType
    codes: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    minimum_exclusive: bool = False  # fte: 0 < x
    max_length: int | None = None  # employee_id: 64 characters after trimming
    label_fr: str
    label_en: str
    synonyms_fr: tuple[str, ...] = ()
    synonyms_en: tuple[str, ...] = ()
    weak: frozenset[str] = frozenset()  # synonyms marked (w), as written in the table
    amount: bool = False  # a list of headers in a mapping file is summed
    required: bool = False
    needed_by: Mapping[str, str] = field(hash=False)  # framework -> "R" | "o"

    @property
    def synonyms(self) -> tuple[str, ...]:
        """French then English synonyms, each once."""
        return tuple(dict.fromkeys(self.synonyms_fr + self.synonyms_en))


# name, type, codes, minimum, maximum, French synonyms, English synonyms, IX RX DIR LD PAY
# ("." = not used). Synonyms are copied from §4.2; "(w)" marks a weak synonym.
_T = ColumnType
_ROWS: Final[tuple[tuple[str, ColumnType, str, float | None, float | None, str, str, str], ...]] = (
    ("employee_id", _T.STR, "", None, None,
     "Matricule; N° salarié; Numéro salarié; Identifiant; Id salarié; Code salarié; "
     "Numéro de matricule",
     "Employee ID; Employee number; Personnel number; Staff ID; ID", "RRRRR"),
    ("sex", _T.CODE, "F M", None, None,
     "Sexe; Genre; Civilité (w)", "Sex; Gender", "RRRRR"),
    ("period", _T.INT, "", 1990, 2100,
     "Année; Exercice; Période; Année de référence", "Year; Period; Reference year", "ooooo"),
    ("birth_date", _T.DATE, "", None, None,
     "Date de naissance; Naissance; Né le", "Birth date; Date of birth; DOB", "R..oo"),
    ("age", _T.INT, "", 14, 99, "Âge; Âge en fin de période", "Age", "R..oo"),
    ("csp", _T.CODE, "ouv emp tam ic", None, None,
     "CSP; Catégorie socioprofessionnelle; Catégorie professionnelle; Catégorie (w); Collège",
     "Occupational category; Socio-professional category; Category (w)", "R.oRo"),
    ("level", _T.STR, "", None, None,
     "Niveau; Coefficient; Coef; Niveau de classification; Classification; Échelon; Grade",
     "Level; Grade; Pay grade; Job grade", "R..oo"),
    ("job", _T.STR, "", None, None,
     "Emploi; Poste; Intitulé de poste; Métier; Fonction; Libellé emploi",
     "Job; Job title; Role; Occupation", "...oo"),
    ("job_category", _T.STR, "", None, None,
     "Catégorie de valeur égale; Catégorie de salariés; Groupe de valeur égale; "
     "Famille de postes équivalents",
     "Job category; Equal value category; Category of workers", "..R.o"),
    ("unit", _T.STR, "", None, None,
     "Établissement; Site; Service; Département; Direction; Unité; Entité; Agence",
     "Unit; Site; Department; Establishment; Business unit; Location", "...oo"),
    ("contract", _T.CODE,
     "permanent fixed_term apprentice professionalisation intern temp_agency expatriate other",
     None, None,
     "Type de contrat; Contrat; Nature du contrat",
     "Contract; Contract type; Employment type", "o.oRo"),
    ("hire_date", _T.DATE, "", None, None,
     "Date d'entrée; Date d'embauche; Date entrée; Entrée; Date début contrat",
     "Hire date; Start date; Date of hire; Entry date", "o..oo"),
    ("exit_date", _T.DATE, "", None, None,
     "Date de sortie; Date de départ; Date fin de contrat; Sortie",
     "Exit date; Leaving date; Termination date; End date", "o..o."),
    ("presence_months", _T.FLOAT, "", 0, 12,
     "Mois de présence; Nombre de mois de présence; Durée de présence",
     "Presence months; Months present; Months worked", "Roooo"),
    ("fte", _T.FLOAT, "", 0, 1,
     "Taux d'activité; ETP; Équivalent temps plein; Quotité; Taux de temps partiel; "
     "Temps de travail (w)",
     "FTE; Full-time equivalent; Activity rate; Working time ratio", "R.ooo"),
    ("hours_paid", _T.FLOAT, "", 0, None,
     "Heures payées; Nombre d'heures payées; Heures rémunérées; Heures annuelles",
     "Hours paid; Paid hours; Annual hours", "..R.o"),
    ("base_pay", _T.FLOAT, "", 0, None,
     "Salaire de base annuel; Salaire de base; Rémunération de base; Salaire fixe; "
     "Fixe annuel; Salaire (w); Salaire brut (w); Salaire annuel brut (w); "
     "Rémunération brute (w)",
     "Base pay; Base salary; Annual base salary; Basic wage; Salary (w); Gross pay (w)",
     "R.RRR"),
    ("variable_pay", _T.FLOAT, "", 0, None,
     "Rémunération variable annuelle; Rémunération variable; Variable; Part variable; "
     "Primes; Prime; Primes et avantages; Rémunération complémentaire",
     "Variable pay; Bonus; Bonuses; Bonus pay; Complementary pay", "o.RRo"),
    ("excluded_pay", _T.FLOAT, "", 0, None,
     "Éléments exclus de l'index; Montants exclus; Exclusions index",
     "Excluded pay; Index exclusions", "o...."),
    ("raised", _T.BOOL, "", None, None,
     "Augmentation individuelle; Augmenté; Augmentation",
     "Raised; Individual raise; Pay rise", "R..o."),
    ("promoted", _T.BOOL, "", None, None, "Promotion; Promu", "Promoted; Promotion", "R..o."),
    ("maternity_return", _T.BOOL, "", None, None,
     "Retour de congé maternité; Retour maternité; Retour de congé maternité ou adoption",
     "Maternity return; Returned from maternity leave", "R..o."),
    ("raised_after_leave", _T.BOOL, "", None, None,
     "Augmentation au retour; Augmentation retour maternité",
     "Raised after leave; Raise on return", "R..o."),
    ("executive", _T.BOOL, "", None, None,
     "Cadre dirigeant", "Executive; Senior executive", ".R.o."),
    ("governing_body", _T.BOOL, "", None, None,
     "Instance dirigeante; Membre d'une instance dirigeante; Comité exécutif; Comex; Codir; "
     "Comité de direction",
     "Governing body; Executive committee; Management committee", ".R.o."),
    ("manager", _T.BOOL, "", None, None,
     "Manager; Encadrant; Encadrement; Responsable hiérarchique",
     "Manager; People manager", "...oo"),
    ("training_hours", _T.FLOAT, "", 0, 2000,
     "Heures de formation; Nombre d'heures de formation; Heures de formation suivies",
     "Training hours; Hours of training", "...Ro"),
    ("hired", _T.BOOL, "", None, None,
     "Embauche dans l'année; Embauché; Recruté dans l'année", "Hired; New hire", "...o."),
    ("exit_reason", _T.CODE,
     "retirement resignation end_of_fixed_term dismissal mutual_termination end_of_trial "
     "death transfer other",
     None, None,
     "Motif de sortie; Motif de départ; Motif de fin de contrat",
     "Exit reason; Leaving reason; Termination reason", "...o."),
    ("part_time_chosen", _T.BOOL, "", None, None,
     "Temps partiel choisi", "Chosen part time; Voluntary part time", "...o."),
    ("absence_days", _T.FLOAT, "", 0, 366,
     "Jours d'absence; Nombre de jours d'absence", "Absence days; Days absent", "...oo"),
    ("work_accidents", _T.INT, "", 0, None,
     "Accidents du travail; Nombre d'accidents du travail; AT",
     "Work accidents; Workplace accidents", "...o."),
    ("shift_work", _T.BOOL, "", None, None, "Travail posté", "Shift work", "...o."),
    ("night_work", _T.BOOL, "", None, None, "Travail de nuit", "Night work", "...o."),
    ("variable_hours", _T.BOOL, "", None, None,
     "Horaires variables", "Variable hours; Flexitime", "...o."),
    ("weekend_work", _T.BOOL, "", None, None,
     "Travail le week-end; Horaires atypiques", "Weekend work; Atypical hours", "...o."),
    ("executive_months", _T.FLOAT, "", 0, 12,
     "Mois comme cadre dirigeant; Durée cadre dirigeant",
     "Executive months; Months as executive", ".o..."),
    ("governing_body_months", _T.FLOAT, "", 0, 12,
     "Mois en instance dirigeante; Durée en instance dirigeante",
     "Governing body months; Months in governing body", ".o..."),
    ("education", _T.STR, "", None, None,
     "Diplôme; Niveau de diplôme; Niveau de formation", "Education; Degree", "....o"),
    ("position", _T.CODE, "1 2 3 4 5", None, None,
     "Position hiérarchique; Niveau hiérarchique", "Professional position", "....o"),
)  # fmt: skip

REQUIRED: Final = ("employee_id", "sex")
# What the derivations of §2 read: loaded whatever subset of columns a caller asks for.
DERIVATION_INPUTS: Final = (
    "employee_id",
    "sex",
    "period",
    "birth_date",
    "age",
    "hire_date",
    "exit_date",
    "presence_months",
    "fte",
    "hours_paid",
    "base_pay",
    "variable_pay",
    "excluded_pay",
)
_AMOUNTS: Final = frozenset({"base_pay", "variable_pay", "excluded_pay"})
_WEAK_MARK = " (w)"
_EMPLOYEE_ID_MAX_LENGTH = 64


def _split_synonyms(text: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """("A; B (w)") -> (("A", "B"), {"B"})."""
    synonyms = tuple(part.strip() for part in text.split(";"))
    names = tuple(s.removesuffix(_WEAK_MARK) for s in synonyms)
    weak = frozenset(
        s.removesuffix(_WEAK_MARK) for s in synonyms if s.endswith(_WEAK_MARK)
    )
    return names, weak


def _column(
    row: tuple[str, ColumnType, str, float | None, float | None, str, str, str],
) -> Column:
    name, type_, codes, minimum, maximum, french, english, needs = row
    synonyms_fr, weak_fr = _split_synonyms(french)
    synonyms_en, weak_en = _split_synonyms(english)
    return Column(
        name=name,
        type=type_,
        codes=tuple(codes.split()),
        minimum=minimum,
        maximum=maximum,
        minimum_exclusive=name == "fte",
        max_length=_EMPLOYEE_ID_MAX_LENGTH if name == "employee_id" else None,
        label_fr=synonyms_fr[0],
        label_en=synonyms_en[0],
        synonyms_fr=synonyms_fr,
        synonyms_en=synonyms_en,
        weak=weak_fr | weak_en,
        amount=name in _AMOUNTS,
        required=name in REQUIRED,
        needed_by={
            fw: mark for fw, mark in zip(FRAMEWORKS, needs, strict=True) if mark != "."
        },
    )


COLUMNS: Final[tuple[Column, ...]] = tuple(_column(row) for row in _ROWS)
BY_NAME: Final[Mapping[str, Column]] = MappingProxyType({c.name: c for c in COLUMNS})

SEX_CODES: Final = BY_NAME["sex"].codes
CSP_CODES: Final = BY_NAME["csp"].codes
CONTRACT_CODES: Final = BY_NAME["contract"].codes
EXIT_REASON_CODES: Final = BY_NAME["exit_reason"].codes
POSITION_CODES: Final = BY_NAME["position"].codes


# --- derived columns (§1.4) --------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class DerivedColumn:
    name: str
    type: ColumnType
    codes: tuple[str, ...] = ()


DERIVED: Final[tuple[DerivedColumn, ...]] = (
    DerivedColumn(
        name="age_band", type=_T.CODE, codes=("<30", "30-39", "40-49", "50+")
    ),
    DerivedColumn(name="present_at_end", type=_T.BOOL),
    DerivedColumn(name="seniority_years", type=_T.FLOAT),
    DerivedColumn(name="weekly_hours", type=_T.FLOAT),
    DerivedColumn(
        name="working_time",
        type=_T.CODE,
        codes=("full_time", "part_time_20_30", "part_time_other"),
    ),
    DerivedColumn(name="base_pay_fte", type=_T.FLOAT),
    DerivedColumn(name="variable_pay_fte", type=_T.FLOAT),
    DerivedColumn(name="pay_fte", type=_T.FLOAT),
    DerivedColumn(name="index_pay_fte", type=_T.FLOAT),
)
DERIVED_BY_NAME: Final[Mapping[str, DerivedColumn]] = MappingProxyType(
    {d.name: d for d in DERIVED}
)


# --- supplementary tables (§1.3) ---------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class ExtraColumn:
    name: str
    type: ColumnType
    required: bool = False
    codes: tuple[str, ...] = ()
    code_pattern: str | None = (
        None  # also accepted besides ``codes`` (exposures: dsn:<code>)
    )
    minimum: float | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ExtraTable:
    name: str
    columns: tuple[ExtraColumn, ...]

    @property
    def by_name(self) -> Mapping[str, ExtraColumn]:
        return {c.name: c for c in self.columns}


def _employee_id() -> ExtraColumn:
    return ExtraColumn(name="employee_id", type=_T.STR, required=True)


EXTRA_TABLES: Final[Mapping[str, ExtraTable]] = MappingProxyType(
    {
        "leaves": ExtraTable(
            name="leaves",
            columns=(
                _employee_id(),
                ExtraColumn(
                    name="kind",
                    type=_T.CODE,
                    required=True,
                    codes=(
                        "sickness",
                        "work_accident",
                        "commuting_accident",
                        "occupational_disease",
                        "maternity",
                        "adoption",
                        "paternity",
                        "parental",
                        "sabbatical",
                        "time_savings_account",
                        "unpaid",
                        "other",
                    ),
                ),
                ExtraColumn(name="start_date", type=_T.DATE, required=True),
                ExtraColumn(name="end_date", type=_T.DATE),
                ExtraColumn(name="detail", type=_T.STR),
                ExtraColumn(name="return_exam", type=_T.BOOL),
                ExtraColumn(name="entitled_days", type=_T.FLOAT),
            ),
        ),
        "careers": ExtraTable(
            name="careers",
            columns=(
                _employee_id(),
                ExtraColumn(name="date", type=_T.DATE, required=True),
                ExtraColumn(
                    name="kind",
                    type=_T.CODE,
                    required=True,
                    codes=(
                        "promotion",
                        "category_change",
                        "level_change",
                        "working_time_change",
                        "job_change",
                    ),
                ),
                ExtraColumn(name="from_value", type=_T.STR),
                ExtraColumn(name="to_value", type=_T.STR),
                ExtraColumn(name="chosen", type=_T.BOOL),
            ),
        ),
        "training": ExtraTable(
            name="training",
            columns=(
                _employee_id(),
                ExtraColumn(name="hours", type=_T.FLOAT, required=True, minimum=0),
                ExtraColumn(
                    name="action_type",
                    type=_T.CODE,
                    required=True,
                    codes=(
                        "adaptation",
                        "employability",
                        "skills_development",
                        "other",
                    ),
                ),
                ExtraColumn(name="start_date", type=_T.DATE),
            ),
        ),
        "exposures": ExtraTable(
            name="exposures",
            columns=(
                _employee_id(),
                ExtraColumn(
                    name="factor",
                    type=_T.CODE,
                    required=True,
                    codes=(
                        "manual_handling",
                        "awkward_postures",
                        "mechanical_vibrations",
                        "hazardous_chemicals",
                        "hyperbaric",
                        "extreme_temperatures",
                        "noise",
                        "night_work",
                        "alternating_shifts",
                        "repetitive_work",
                        "other",
                    ),
                    code_pattern=r"dsn:.+",
                ),
                ExtraColumn(name="job", type=_T.STR),
            ),
        ),
    }
)


# --- value synonyms (§4.3) ---------------------------------------------------------------

# column, code, accepted values (comma-separated, as in the spec)
_VALUE_ROWS: Final = (
    ("sex", "F", "f, femme, femmes, féminin, w, woman, women, female, 2, 02, mme, madame, "
     "mlle, mademoiselle"),
    ("sex", "M", "m, h, homme, hommes, masculin, man, men, male, 1, 01, monsieur, mr"),
    ("csp", "ouv", "ouv, o, ouvrier, ouvrière, ouvriers, ouvrier qualifié, "
     "ouvrier non qualifié, worker, workers, blue collar, manual worker"),
    ("csp", "emp", "emp, e, employé, employée, employés, employee, clerical, "
     "clerical worker, white collar"),
    ("csp", "tam", "tam, t, am, technicien, technicienne, techniciens, agent de maîtrise, "
     "agents de maîtrise, maîtrise, techniciens et agents de maîtrise, "
     "profession intermédiaire, professions intermédiaires, technician, technicians, "
     "supervisor, supervisors"),
    ("csp", "ic", "ic, c, i&c, cadre, cadres, ingénieur, ingénieure, ingénieurs, "
     "ingénieurs et cadres, engineer, engineers, professional, managerial staff"),
    ("contract", "permanent", "cdi, contrat à durée indéterminée, durée indéterminée, "
     "permanent, indefinite, open-ended"),
    ("contract", "fixed_term", "cdd, contrat à durée déterminée, durée déterminée, "
     "saisonnier, fixed term, fixed-term contract, seasonal"),
    ("contract", "apprentice", "apprenti, apprentie, apprentissage, "
     "contrat d'apprentissage, apprentice, apprenticeship"),
    ("contract", "professionalisation", "contrat de professionnalisation, "
     "professionnalisation, contrat pro, professionalisation, professionalization"),
    ("contract", "intern", "stage, stagiaire, convention de stage, intern, internship, "
     "trainee"),
    ("contract", "temp_agency", "intérim, intérimaire, travail temporaire, "
     "mission d'intérim, temp, agency worker, temporary agency worker"),
    ("contract", "expatriate", "expatrié, expatriée, expatriation, expatriate, expat"),
    ("contract", "other", "autre, other, mandataire social, mandat social"),
    ("exit_reason", "retirement", "retraite, départ à la retraite, départ en retraite, "
     "mise à la retraite, retirement"),
    ("exit_reason", "resignation", "démission, resignation, resigned"),
    ("exit_reason", "end_of_fixed_term", "fin de cdd, fin de contrat, "
     "fin de contrat à durée déterminée, fin de mission, end of contract, "
     "end of fixed-term contract"),
    ("exit_reason", "dismissal", "licenciement, licenciement économique, "
     "licenciement pour motif personnel, licenciement pour faute, "
     "licenciement pour inaptitude, faute grave, dismissal, redundancy, layoff"),
    ("exit_reason", "mutual_termination", "rupture conventionnelle, mutual agreement, "
     "mutual termination"),
    ("exit_reason", "end_of_trial", "fin de période d'essai, rupture de période d'essai, "
     "end of trial period, probation"),
    ("exit_reason", "death", "décès, death"),
    ("exit_reason", "transfer", "mutation, transfert, transfer"),
    ("exit_reason", "other", "autre, other"),
)  # fmt: skip


def _value_synonyms() -> Mapping[str, Mapping[str, str]]:
    """column -> {normalised value -> code}: the §4.3 entries, then each code itself."""
    tables: dict[str, dict[str, str]] = {}
    for column, code, values in _VALUE_ROWS:
        table = tables.setdefault(column, {})
        for value in values.split(","):
            key = normalise(value)
            if table.setdefault(key, code) != code:  # a data error
                raise ValueError(f"value {value!r} of {column} has two codes")
    for coded in COLUMNS:
        for own_code in coded.codes:
            tables.setdefault(coded.name, {}).setdefault(normalise(own_code), own_code)
    return MappingProxyType({name: MappingProxyType(t) for name, t in tables.items()})


VALUE_SYNONYMS: Final[Mapping[str, Mapping[str, str]]] = _value_synonyms()

# A PCS-ESE code (e.g. 388a): its first digit gives the CSP (§4.3).
_PCS_ESE = re.compile(r"[2-6]\d\d[a-z]")
_PCS_FIRST_DIGIT: Final = {"2": "ic", "3": "ic", "4": "tam", "5": "emp", "6": "ouv"}


def code_for(column: str, raw: str) -> str | None:
    """The canonical code of a cell of a coded column, or None when not recognised.

    >>> code_for("sex", "Mme")
    'F'
    >>> code_for("csp", "388a")
    'ic'
    """
    key = normalise(raw)
    code = VALUE_SYNONYMS.get(column, {}).get(key)
    if code is None and column == "csp" and _PCS_ESE.fullmatch(key):
        code = _PCS_FIRST_DIGIT[key[0]]
    return code


def columns_to_load(wanted: Iterable[str]) -> frozenset[str]:
    """The canonical columns a load needs to give ``wanted`` (canonical or derived names).

    Raises ValueError on a name that is neither (a caller's mistake, not bad input).
    """
    wanted = tuple(wanted)
    unknown = sorted(set(wanted) - set(BY_NAME) - set(DERIVED_BY_NAME))
    if unknown:
        raise ValueError(f"unknown columns: {', '.join(unknown)}")
    return frozenset(w for w in wanted if w in BY_NAME) | frozenset(DERIVATION_INPUTS)
