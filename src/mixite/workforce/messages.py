"""The message catalogue of the workforce validation report (workforce spec §5.3).

Every problem the pipeline reports has a stable key; the key gives its severity, its effect
and its texts in French and English. The texts are transcribed from the three tables of §5.3
(the golden test in ``tests/workforce/test_report.py`` compares them with the spec). French
texts follow French typography (platform spec §0.5): U+202F before ``: ; ! ?`` and ``»``,
after ``«``, and as thousands separator; U+00A0 before ``%`` and ``€``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Final, Literal

if TYPE_CHECKING:
    from collections.abc import Mapping

Severity = Literal["fatal", "error", "warning"]
Lang = Literal["fr", "en"]

SEVERITIES: Final[tuple[Severity, ...]] = ("fatal", "error", "warning")
MAX_VALUE_CHARS: Final = 100  # values shown in messages are cut to this length (§5.3)
ELLIPSIS: Final = "…"

# DSN rubrics whose values are never shown (§5.3, §6.3): NIR, names, NTT.
MASKED_RUBRICS: Final[frozenset[str]] = frozenset(
    {
        "S21.G00.30.001",
        "S21.G00.30.002",
        "S21.G00.30.003",
        "S21.G00.30.004",
        "S21.G00.30.020",
    }
)
MASKED_VALUE: Final = "[masqué]"  # stored value; shown as "[hidden]" in English
_MASKED_TEXT: Final[Mapping[Lang, str]] = MappingProxyType(
    {"fr": MASKED_VALUE, "en": "[hidden]"}
)

# `mapping.source_missing` is fatal for these columns, a warning for the others (§5.3).
_SOURCE_MISSING_FATAL_COLUMNS: Final = frozenset({"employee_id", "sex"})


@dataclass(frozen=True, slots=True)
class MessageDef:
    """One row of a §5.3 table.

    ``effect`` is the table's "effect" column (errors only; ``""`` elsewhere, backquotes
    removed). ``rejects_row`` is true when the message removes its row: the errors whose
    effect is "row rejected" (priority group of §5.4) and the warnings that drop a row
    (``row.not_in_period``, ``row.duplicate_exact``, ``row.no_identifier_skipped``).
    ``value.out_of_range`` also rejects its row for ``employee_id``: see :func:`rejects_row`.
    """

    severity: Severity
    effect: str
    rejects_row: bool
    fr: str
    fr_hint: str
    en: str
    en_hint: str


_DEFINITIONS: Final[dict[str, MessageDef]] = {
    # Fatal
    "file.not_found": MessageDef(
        severity="fatal",
        effect="",
        rejects_row=False,
        fr="Fichier introuvable\u202f: {file}.",
        fr_hint="Vérifiez le chemin et le nom du fichier.",
        en="File not found: {file}.",
        en_hint="Check the file path and name.",
    ),
    "file.format_unsupported": MessageDef(
        severity="fatal",
        effect="",
        rejects_row=False,
        fr="Format de fichier non pris en charge ({format}).",
        fr_hint=(
            "Enregistrez le fichier en XLSX, CSV ou Parquet, ou fournissez "
            "les fichiers DSN."
        ),
        en="Unsupported file format ({format}).",
        en_hint=("Save the file as XLSX, CSV or Parquet, or provide the DSN files."),
    ),
    "file.unreadable": MessageDef(
        severity="fatal",
        effect="",
        rejects_row=False,
        fr="Le fichier ne peut pas être lu ({detail}).",
        fr_hint=(
            "Il est peut-être abîmé ou protégé par un mot de passe\u202f: "
            "enregistrez-en une copie sans protection."
        ),
        en="The file cannot be read ({detail}).",
        en_hint=("It may be damaged or password-protected: save an unprotected copy."),
    ),
    "file.empty": MessageDef(
        severity="fatal",
        effect="",
        rejects_row=False,
        fr="Le fichier ne contient aucune ligne de données.",
        fr_hint="Vérifiez que vous avez exporté le bon fichier.",
        en="The file contains no data rows.",
        en_hint="Check that you exported the right file.",
    ),
    "csv.delimiter_not_found": MessageDef(
        severity="fatal",
        effect="",
        rejects_row=False,
        fr="Impossible de trouver le séparateur de colonnes.",
        fr_hint=(
            "Utilisez «\u202f;\u202f», «\u202f,\u202f» ou la tabulation "
            "entre les colonnes."
        ),
        en="Cannot find the column delimiter.",
        en_hint='Separate columns with ";", "," or tabs.',
    ),
    "header.not_found": MessageDef(
        severity="fatal",
        effect="",
        rejects_row=False,
        fr="Ligne d'en-tête introuvable dans les 20 premières lignes.",
        fr_hint=(
            "La ligne d'en-tête doit nommer les colonnes (par exemple "
            "Matricule, Sexe)\u202f; sinon, fournissez un fichier de "
            "correspondance."
        ),
        en="No header row found in the first 20 rows.",
        en_hint=(
            "The header row must name the columns (e.g. Employee ID, Sex); "
            "otherwise provide a mapping file."
        ),
    ),
    "column.missing_required": MessageDef(
        severity="fatal",
        effect="",
        rejects_row=False,
        fr="Colonne obligatoire absente\u202f: {column}.",
        fr_hint=(
            "Ajoutez la colonne, ou indiquez son nom dans le fichier de correspondance."
        ),
        en="Required column missing: {column}.",
        en_hint="Add the column, or give its name in the mapping file.",
    ),
    "mapping.ambiguous": MessageDef(
        severity="fatal",
        effect="",
        rejects_row=False,
        fr=("Plusieurs colonnes peuvent correspondre à {column}\u202f: {sources}."),
        fr_hint=(
            "Indiquez la bonne dans le fichier de correspondance (section [columns])."
        ),
        en="Several columns may map to {column}: {sources}.",
        en_hint="Name the right one in the mapping file ([columns] section).",
    ),
    "mapping.invalid": MessageDef(
        severity="fatal",
        effect="",
        rejects_row=False,
        fr="Fichier de correspondance invalide\u202f: {detail}.",
        fr_hint="Corrigez le fichier ou régénérez-le avec --write-mapping.",
        en="Invalid mapping file: {detail}.",
        en_hint="Fix the file or regenerate it with --write-mapping.",
    ),
    "mapping.source_missing": MessageDef(
        severity="fatal",
        effect="",
        rejects_row=False,
        fr=(
            "La colonne «\u202f{source}\u202f» indiquée pour {column} est "
            "absente du fichier."
        ),
        fr_hint="Mettez à jour le fichier de correspondance.",
        en='Column "{source}" given for {column} is not in the file.',
        en_hint="Update the mapping file.",
    ),
    "xlsx.sheet_not_found": MessageDef(
        severity="fatal",
        effect="",
        rejects_row=False,
        fr=("Onglet introuvable\u202f: {sheet}. Onglets disponibles\u202f: {sheets}."),
        fr_hint="Indiquez l'un de ces onglets.",
        en="Sheet not found: {sheet}. Available sheets: {sheets}.",
        en_hint="Name one of these sheets.",
    ),
    "xlsx.merged_cells": MessageDef(
        severity="fatal",
        effect="",
        rejects_row=False,
        fr="Cellules fusionnées dans le tableau\u202f: {ranges}.",
        fr_hint=(
            "Annulez la fusion de ces cellules et recopiez la valeur sur chaque ligne."
        ),
        en="Merged cells in the table: {ranges}.",
        en_hint="Unmerge these cells and repeat the value on every row.",
    ),
    "dsn.not_a_dsn": MessageDef(
        severity="fatal",
        effect="",
        rejects_row=False,
        fr=(
            "Ce fichier n'est pas une DSN\u202f: la première ligne doit "
            "commencer par S10.G00.00.001."
        ),
        fr_hint="Fournissez le fichier DSN tel que déposé sur net-entreprises.",
        en=("This file is not a DSN: its first line must start with S10.G00.00.001."),
        en_hint="Provide the DSN file as filed on net-entreprises.",
    ),
    "period.not_in_file": MessageDef(
        severity="fatal",
        effect="",
        rejects_row=False,
        fr=(
            "Aucune ligne pour la période {period}. Périodes "
            "présentes\u202f: {periods}."
        ),
        fr_hint="Choisissez l'une de ces périodes.",
        en="No rows for period {period}. Periods in the file: {periods}.",
        en_hint="Choose one of these periods.",
    ),
    "rows.none_accepted": MessageDef(
        severity="fatal",
        effect="",
        rejects_row=False,
        fr="Aucune ligne n'a pu être retenue.",
        fr_hint="Corrigez les erreurs listées puis recommencez.",
        en="No row could be accepted.",
        en_hint="Fix the errors listed and try again.",
    ),
    # Errors
    "value.required_missing": MessageDef(
        severity="error",
        effect="row rejected",
        rejects_row=True,
        fr="Valeur obligatoire manquante ({column})\u202f: ligne écartée.",
        fr_hint="Renseignez {column} sur cette ligne.",
        en="Required value missing ({column}): row rejected.",
        en_hint="Fill in {column} on this row.",
    ),
    "value.sex_unknown": MessageDef(
        severity="error",
        effect="row rejected",
        rejects_row=True,
        fr=("Sexe non reconnu\u202f: «\u202f{value}\u202f»\u202f; ligne écartée."),
        fr_hint=(
            "Utilisez F ou H (ou Femme/Homme, 2/1). Les personnes "
            "concernées sont comptées à part dans le rapport."
        ),
        en='Unrecognised sex "{value}": row rejected.',
        en_hint=(
            "Use F or M (or Female/Male, 2/1). These people are counted "
            "separately in the report."
        ),
    ),
    "value.number_invalid": MessageDef(
        severity="error",
        effect="cell null",
        rejects_row=False,
        fr="Nombre illisible\u202f: «\u202f{value}\u202f».",
        fr_hint=(
            "Écrivez un nombre comme 32\u202f500,50\u202f; les montants sont en euros."
        ),
        en='Unreadable number "{value}".',
        en_hint="Write a number such as 32500.50; amounts are in euros.",
    ),
    "value.date_invalid": MessageDef(
        severity="error",
        effect="cell null",
        rejects_row=False,
        fr="Date illisible ou impossible\u202f: «\u202f{value}\u202f».",
        fr_hint="Écrivez la date sous la forme jj/mm/aaaa ou aaaa-mm-jj.",
        en='Unreadable or impossible date "{value}".',
        en_hint="Write the date as dd/mm/yyyy or yyyy-mm-dd.",
    ),
    "value.bool_invalid": MessageDef(
        severity="error",
        effect="cell null",
        rejects_row=False,
        fr="Valeur oui/non illisible\u202f: «\u202f{value}\u202f».",
        fr_hint="Utilisez Oui ou Non.",
        en='Unreadable yes/no value "{value}".',
        en_hint="Use Yes or No.",
    ),
    "value.code_unknown": MessageDef(
        severity="error",
        effect="cell null",
        rejects_row=False,
        fr="Valeur inconnue pour {column}\u202f: «\u202f{value}\u202f».",
        fr_hint=(
            "Valeurs acceptées\u202f: {allowed}\u202f; ou ajoutez une "
            "correspondance dans [values.{column}]."
        ),
        en='Unknown value for {column}: "{value}".',
        en_hint=(
            "Accepted values: {allowed}; or add a translation under [values.{column}]."
        ),
    ),
    "value.negative_amount": MessageDef(
        severity="error",
        effect="cell null",
        rejects_row=False,
        fr="Montant négatif pour {column}\u202f: {value}.",
        fr_hint=(
            "Un montant annuel ne peut pas être négatif\u202f; vérifiez "
            "les régularisations."
        ),
        en="Negative amount for {column}: {value}.",
        en_hint="A yearly amount cannot be negative; check corrections.",
    ),
    "value.fte_zero": MessageDef(
        severity="error",
        effect="cell null",
        rejects_row=False,
        fr="Taux d'activité nul ou négatif\u202f: {value}.",
        fr_hint=(
            "Indiquez le taux contractuel (par exemple 0,8)\u202f; une "
            "personne absente toute l'année a 0 mois de présence, pas un "
            "taux nul."
        ),
        en="Working-time ratio is zero or negative: {value}.",
        en_hint=(
            "Give the contractual ratio (e.g. 0.8); someone absent all "
            "year has 0 months of presence, not a zero ratio."
        ),
    ),
    "value.out_of_range": MessageDef(
        severity="error",
        effect=(
            "cell null (an age derived from the birth date: age and "
            "age_band null, birth date kept; employee_id: row rejected)"
        ),
        rejects_row=False,
        fr=(
            "Valeur hors limites pour {column}\u202f: {value} (attendu\u202f: {range})."
        ),
        fr_hint="Corrigez la valeur.",
        en="Value out of range for {column}: {value} (expected {range}).",
        en_hint="Correct the value.",
    ),
    "value.excluded_exceeds_pay": MessageDef(
        severity="error",
        effect="excluded_pay null (DSN input: warning, value capped, 6.6)",
        rejects_row=False,
        fr=(
            "Les éléments exclus ({value}) dépassent la rémunération totale ({total})."
        ),
        fr_hint=(
            "Les éléments exclus doivent déjà être compris dans le salaire "
            "de base ou le variable."
        ),
        en="Excluded items ({value}) exceed total pay ({total}).",
        en_hint="Excluded items must be part of base or variable pay.",
    ),
    "value.date_order": MessageDef(
        severity="error",
        effect="exit_date null",
        rejects_row=False,
        fr=("Date de sortie ({value}) antérieure à la date d'entrée ({hire})."),
        fr_hint="Corrigez l'une des deux dates.",
        en="Exit date ({value}) before hire date ({hire}).",
        en_hint="Correct one of the two dates.",
    ),
    "value.leave_raise_without_return": MessageDef(
        severity="error",
        effect="raised_after_leave null",
        rejects_row=False,
        fr=(
            "«\u202fAugmentation au retour\u202f» renseignée sans retour "
            "de congé maternité ou d'adoption."
        ),
        fr_hint="Renseignez aussi le retour de congé, ou videz la cellule.",
        en=(
            '"Raised after leave" set without a return from maternity or '
            "adoption leave."
        ),
        en_hint="Also set the return, or empty the cell.",
    ),
    "value.period_missing": MessageDef(
        severity="error",
        effect="row rejected",
        rejects_row=True,
        fr="Période (année) manquante sur cette ligne.",
        fr_hint="Renseignez l'année ou utilisez l'option --period.",
        en="Period (year) missing on this row.",
        en_hint="Fill in the year or use the --period option.",
    ),
    "row.duplicate_key": MessageDef(
        severity="error",
        effect="row rejected",
        rejects_row=True,
        fr=(
            "Doublon\u202f: {employee_id} figure déjà ligne {first_row} pour {period}."
        ),
        fr_hint=(
            "Gardez une seule ligne par personne et par année, ou utilisez "
            'on_duplicate = "merge".'
        ),
        en=(
            "Duplicate: {employee_id} already appears on row {first_row} for {period}."
        ),
        en_hint=('Keep one row per person and year, or use on_duplicate = "merge".'),
    ),
    "row.too_many_fields": MessageDef(
        severity="error",
        effect="row rejected",
        rejects_row=True,
        fr="Cette ligne a {count} colonnes au lieu de {expected}.",
        fr_hint="Vérifiez le séparateur ou les guillemets.",
        en="This row has {count} fields instead of {expected}.",
        en_hint="Check the delimiter or the quotes.",
    ),
    "row.malformed": MessageDef(
        severity="error",
        effect="row rejected",
        rejects_row=True,
        fr=(
            "Ligne illisible\u202f: guillemet non refermé ou texte après "
            "un guillemet fermant."
        ),
        fr_hint=(
            "Vérifiez les guillemets de cette ligne\u202f; une valeur "
            "entre guillemets se termine par un guillemet suivi du "
            "séparateur."
        ),
        en=("Unreadable row: a quote left open or text after a closing quote."),
        en_hint=(
            "Check the quotes on this row; a quoted value ends with a "
            "quote followed by the delimiter."
        ),
    ),
    "xlsx.cell_error": MessageDef(
        severity="error",
        effect="cell null",
        rejects_row=False,
        fr="Erreur Excel dans la cellule\u202f: {value}.",
        fr_hint="Corrigez la formule dans le classeur.",
        en="Excel error in the cell: {value}.",
        en_hint="Fix the formula in the workbook.",
    ),
    "xlsx.formula_without_value": MessageDef(
        severity="error",
        effect="cell null",
        rejects_row=False,
        fr="Formule sans valeur calculée.",
        fr_hint=(
            "Ouvrez le classeur dans un tableur, enregistrez-le, puis recommencez."
        ),
        en="Formula without a computed value.",
        en_hint="Open the workbook in a spreadsheet, save it, then try again.",
    ),
    "dsn.malformed_line": MessageDef(
        severity="error",
        effect="line skipped",
        rejects_row=False,
        fr="Ligne DSN mal formée\u202f: {value}.",
        fr_hint="Chaque ligne doit avoir la forme S21.G00.30.001,'valeur'.",
        en="Malformed DSN line: {value}.",
        en_hint="Each line must look like S21.G00.30.001,'value'.",
    ),
    "dsn.orphan_block": MessageDef(
        severity="error",
        effect="block ignored",
        rejects_row=False,
        fr="Bloc {rubric} sans bloc parent {parent}.",
        fr_hint="Le fichier est incomplet\u202f; régénérez-le depuis la paie.",
        en="Block {rubric} without its parent block {parent}.",
        en_hint="The file is incomplete; regenerate it from payroll.",
    ),
    "dsn.bad_value": MessageDef(
        severity="error",
        effect="value ignored",
        rejects_row=False,
        fr="Valeur invalide pour {rubric}\u202f: {value}.",
        fr_hint="Dates en JJMMAAAA, montants avec un point décimal.",
        en="Invalid value for {rubric}: {value}.",
        en_hint="Dates as DDMMYYYY, amounts with a decimal point.",
    ),
    "dsn.duplicate_declaration": MessageDef(
        severity="error",
        effect="later file ignored",
        rejects_row=False,
        fr="Deux DSN «\u202fnormales\u202f» pour {siret} et {month}.",
        fr_hint=(
            "Retirez le doublon ou fournissez la DSN «\u202fannule et remplace\u202f»."
        ),
        en='Two "normal" DSN for {siret} and {month}.',
        en_hint=('Remove the duplicate or provide the "cancel and replace" DSN.'),
    ),
    # Warnings
    "file.encoding_fallback": MessageDef(
        severity="warning",
        effect="",
        rejects_row=False,
        fr="Fichier lu en {encoding} (ce n'est pas de l'UTF-8).",
        fr_hint=(
            "Vérifiez les accents\u202f; enregistrez de préférence en "
            "«\u202fCSV UTF-8\u202f»."
        ),
        en="File read as {encoding} (not UTF-8).",
        en_hint='Check the accents; prefer saving as "CSV UTF-8".',
    ),
    "file.extension_mismatch": MessageDef(
        severity="warning",
        effect="",
        rejects_row=False,
        fr=("Le contenu est au format {format} malgré l'extension {extension}."),
        fr_hint="Renommez le fichier.",
        en="The content is {format} although the extension is {extension}.",
        en_hint="Rename the file.",
    ),
    "column.derived_ignored": MessageDef(
        severity="warning",
        effect="",
        rejects_row=False,
        fr=(
            "La colonne «\u202f{source}\u202f» est recalculée par Mixité "
            "et n'est pas lue."
        ),
        fr_hint="Rien à faire.",
        en='Column "{source}" is computed by Mixité and is not read.',
        en_hint="Nothing to do.",
    ),
    "column.fte_percent_scale": MessageDef(
        severity="warning",
        effect="",
        rejects_row=False,
        fr=(
            "Taux d'activité lus comme des pourcentages\u202f: valeurs "
            "divisées par 100."
        ),
        fr_hint="Vérifiez que 80 signifie bien 80\u00a0%.",
        en="Working-time ratios read as percents: values divided by 100.",
        en_hint="Check that 80 means 80 %.",
    ),
    "column.fte_assumed_full_time": MessageDef(
        severity="warning",
        effect="",
        rejects_row=False,
        fr=(
            "Ni taux d'activité ni heures payées\u202f: tout le monde est "
            "supposé à temps plein."
        ),
        fr_hint="Ajoutez une colonne Taux d'activité pour les temps partiels.",
        en=("No working-time ratio and no paid hours: everyone is assumed full time."),
        en_hint="Add a working-time ratio column for part-timers.",
    ),
    "column.presence_assumed_full_year": MessageDef(
        severity="warning",
        effect="",
        rejects_row=False,
        fr=(
            "Ni mois de présence ni dates\u202f: présence supposée sur "
            "toute la période."
        ),
        fr_hint=("Ajoutez les dates d'entrée et de sortie ou les mois de présence."),
        en=("No presence months and no dates: presence assumed for the whole period."),
        en_hint="Add hire and exit dates or presence months.",
    ),
    "column.hours_estimated": MessageDef(
        severity="warning",
        effect="",
        rejects_row=False,
        fr=("Heures payées estimées à partir du taux d'activité et de la présence."),
        fr_hint="Ajoutez les heures payées pour un taux horaire exact.",
        en="Paid hours estimated from working-time ratio and presence.",
        en_hint="Add paid hours for an exact hourly rate.",
    ),
    "column.variable_pay_absent": MessageDef(
        severity="warning",
        effect="",
        rejects_row=False,
        fr=(
            "Pas de colonne de rémunération variable\u202f: le variable "
            "est compté pour 0."
        ),
        fr_hint="Ajoutez les primes si elles existent.",
        en="No variable-pay column: variable pay counted as 0.",
        en_hint="Add bonuses if there are any.",
    ),
    "column.bool_ticks": MessageDef(
        severity="warning",
        effect="",
        rejects_row=False,
        fr=(
            "Colonne {column} à cocher\u202f: les cases vides valent «\u202fnon\u202f»."
        ),
        fr_hint="Vérifiez que c'est bien le sens voulu.",
        en='Tick column {column}: empty cells mean "no".',
        en_hint="Check that this is what you meant.",
    ),
    "period.missing": MessageDef(
        severity="warning",
        effect="",
        rejects_row=False,
        fr=(
            "Aucune période (année) indiquée\u202f: âge, présence et "
            "ancienneté ne sont pas calculés."
        ),
        fr_hint="Ajoutez une colonne Année ou l'option --period 2025.",
        en=("No period (year) given: age, presence and seniority are not computed."),
        en_hint="Add a Year column or the --period 2025 option.",
    ),
    "value.fte_capped": MessageDef(
        severity="warning",
        effect="",
        rejects_row=False,
        fr="Taux d'activité supérieur à 1 ({value}) ramené à 1.",
        fr_hint=("Les heures au-delà du temps plein sont des heures supplémentaires."),
        en="Working-time ratio above 1 ({value}) capped at 1.",
        en_hint="Hours beyond full time are overtime.",
    ),
    "value.zero_pay": MessageDef(
        severity="warning",
        effect="",
        rejects_row=False,
        fr="Salaire de base nul pour une personne présente.",
        fr_hint="Vérifiez le montant.",
        en="Zero base pay for someone present.",
        en_hint="Check the amount.",
    ),
    "value.age_mismatch": MessageDef(
        severity="warning",
        effect="",
        rejects_row=False,
        fr="Âge indiqué ({value}) différent de l'âge calculé ({expected}).",
        fr_hint="La date de naissance est retenue.",
        en=("Given age ({value}) differs from the computed age ({expected})."),
        en_hint="The birth date is used.",
    ),
    "value.presence_mismatch": MessageDef(
        severity="warning",
        effect="",
        rejects_row=False,
        fr=(
            "Mois de présence ({value}) supérieurs à ce que permettent les "
            "dates ({expected})."
        ),
        fr_hint="Vérifiez les dates ou la présence.",
        en=("Presence months ({value}) exceed what the dates allow ({expected})."),
        en_hint="Check the dates or the presence.",
    ),
    "value.hired_mismatch": MessageDef(
        severity="warning",
        effect="",
        rejects_row=False,
        fr=(
            "«\u202fEmbauche dans l'année\u202f» ({value}) contredit la date d'entrée."
        ),
        fr_hint="Vérifiez la date d'entrée.",
        en='"Hired" ({value}) contradicts the hire date.',
        en_hint="Check the hire date.",
    ),
    "value.exit_reason_other": MessageDef(
        severity="warning",
        effect="",
        rejects_row=False,
        fr=(
            "Motif de sortie non reconnu «\u202f{value}\u202f»\u202f: "
            "classé en «\u202fautre\u202f»."
        ),
        fr_hint="Utilisez retraite, démission, fin de CDD, licenciement…",
        en='Unrecognised exit reason "{value}": classed as "other".',
        en_hint=("Use retirement, resignation, end of fixed-term contract, dismissal…"),
    ),
    "value.executive_not_ic": MessageDef(
        severity="warning",
        effect="",
        rejects_row=False,
        fr="Cadre dirigeant hors de la catégorie ingénieurs et cadres.",
        fr_hint="Vérifiez la CSP.",
        en="Executive outside the engineers-and-managers category.",
        en_hint="Check the CSP.",
    ),
    "value.id_scientific": MessageDef(
        severity="warning",
        effect="",
        rejects_row=False,
        fr=(
            "Matricule en notation scientifique («\u202f{value}\u202f"
            "»)\u202f: probablement abîmé par un tableur."
        ),
        fr_hint="Réexportez la colonne au format texte.",
        en=(
            'Employee ID in scientific notation ("{value}"): probably '
            "damaged by a spreadsheet."
        ),
        en_hint="Re-export the column as text.",
    ),
    "value.date_serial": MessageDef(
        severity="warning",
        effect="",
        rejects_row=False,
        fr="Nombre {value} lu comme date Excel ({date}).",
        fr_hint="Formatez la colonne en date.",
        en="Number {value} read as an Excel date ({date}).",
        en_hint="Format the column as dates.",
    ),
    "value.hours_implausible": MessageDef(
        severity="warning",
        effect="",
        rejects_row=False,
        fr="Heures payées très élevées\u202f: {value}.",
        fr_hint="Vérifiez qu'il s'agit d'heures annuelles d'une seule personne.",
        en="Very high paid hours: {value}.",
        en_hint="Check that these are one person's yearly hours.",
    ),
    "row.duplicate_exact": MessageDef(
        severity="warning",
        effect="",
        rejects_row=True,
        fr="Ligne identique à la ligne {first_row}\u202f: ignorée.",
        fr_hint="Rien à faire.",
        en="Row identical to row {first_row}: ignored.",
        en_hint="Nothing to do.",
    ),
    "row.duplicate_merged": MessageDef(
        severity="warning",
        effect="",
        rejects_row=False,
        fr="{count} lignes fusionnées pour {employee_id} ({period}).",
        fr_hint="Vérifiez le résultat.",
        en="{count} rows merged for {employee_id} ({period}).",
        en_hint="Check the result.",
    ),
    "row.not_in_period": MessageDef(
        severity="warning",
        effect="",
        rejects_row=True,
        fr="Dates hors de la période {period}\u202f: ligne écartée.",
        fr_hint="Vérifiez les dates d'entrée et de sortie.",
        en="Dates outside period {period}: row rejected.",
        en_hint="Check the hire and exit dates.",
    ),
    "row.no_identifier_skipped": MessageDef(
        severity="warning",
        effect="",
        rejects_row=True,
        fr=("Ligne sans matricule ni sexe (ligne de total\u202f?)\u202f: ignorée."),
        fr_hint="Rien à faire si c'est un total.",
        en="Row without employee ID or sex (a total line?): skipped.",
        en_hint="Nothing to do if it is a total.",
    ),
    "merge.conflict": MessageDef(
        severity="warning",
        effect="",
        rejects_row=False,
        fr=(
            "{column} diffère entre la DSN ({value}) et le fichier "
            "complémentaire ({other})\u202f: la DSN est retenue."
        ),
        fr_hint="Vérifiez la donnée.",
        en=(
            "{column} differs between the DSN ({value}) and the complement "
            "file ({other}): the DSN value is kept."
        ),
        en_hint="Check the data.",
    ),
    "merge.unmatched": MessageDef(
        severity="warning",
        effect="",
        rejects_row=False,
        fr=(
            "Personne {employee_id} du fichier complémentaire absente des "
            "DSN\u202f: ligne ignorée."
        ),
        fr_hint="Vérifiez les matricules.",
        en=(
            "Person {employee_id} of the complement file is not in the "
            "DSN: row ignored."
        ),
        en_hint="Check the employee IDs.",
    ),
    "extra.unknown_employee": MessageDef(
        severity="warning",
        effect="",
        rejects_row=False,
        fr=(
            "{count} lignes du tableau {table} concernent des personnes "
            "absentes de la période."
        ),
        fr_hint="Rien à faire si elles sont parties avant.",
        en=("{count} rows of table {table} concern people absent from the period."),
        en_hint="Nothing to do if they left earlier.",
    ),
    "dsn.file_ignored": MessageDef(
        severity="warning",
        effect="",
        rejects_row=False,
        fr="Fichier ignoré (ce n'est pas une DSN)\u202f: {file}.",
        fr_hint="Rien à faire.",
        en="File ignored (not a DSN): {file}.",
        en_hint="Nothing to do.",
    ),
    "dsn.weak_pseudonym_key": MessageDef(
        severity="warning",
        effect="",
        rejects_row=False,
        fr="Pas de clé de pseudonymisation\u202f: le SIREN sert de clé.",
        fr_hint=(
            "Définissez MIXITE_PSEUDONYM_KEY pour des pseudonymes non réversibles."
        ),
        en="No pseudonymisation key: the SIREN is used as key.",
        en_hint="Set MIXITE_PSEUDONYM_KEY for non-reversible pseudonyms.",
    ),
    "dsn.months_missing": MessageDef(
        severity="warning",
        effect="",
        rejects_row=False,
        fr="Mois absents pour {siret}\u202f: {months}.",
        fr_hint="Les montants couvrent seulement les mois fournis.",
        en="Missing months for {siret}: {months}.",
        en_hint="Amounts only cover the months provided.",
    ),
    "dsn.fraction_missing": MessageDef(
        severity="warning",
        effect="",
        rejects_row=False,
        fr="Fraction manquante pour {siret}, {month}\u202f: {fractions}.",
        fr_hint="Fournissez toutes les fractions du mois.",
        en="Missing fraction for {siret}, {month}: {fractions}.",
        en_hint="Provide every fraction of the month.",
    ),
    "dsn.trailer_mismatch": MessageDef(
        severity="warning",
        effect="",
        rejects_row=False,
        fr=(
            "Le total de l'envoi annonce {expected} lignes, le fichier en "
            "contient {count}."
        ),
        fr_hint="Le fichier est peut-être tronqué.",
        en="The trailer announces {expected} lines, the file has {count}.",
        en_hint="The file may be truncated.",
    ),
    "dsn.nature_skipped": MessageDef(
        severity="warning",
        effect="",
        rejects_row=False,
        fr=(
            "Déclaration de nature {value} ignorée (seules les DSN "
            "mensuelles sont lues)."
        ),
        fr_hint="Rien à faire.",
        en=("Declaration of nature {value} skipped (only monthly DSN are read)."),
        en_hint="Nothing to do.",
    ),
    "dsn.sex_nir_mismatch": MessageDef(
        severity="warning",
        effect="",
        rejects_row=False,
        fr=("Le sexe déclaré contredit le NIR\u202f; le sexe déclaré est retenu."),
        fr_hint="Vérifiez la fiche salarié dans la paie.",
        en="Declared sex contradicts the NIR; the declared sex is used.",
        en_hint="Check the employee record in payroll.",
    ),
    "dsn.birth_date_partial": MessageDef(
        severity="warning",
        effect="",
        rejects_row=False,
        fr=(
            "Date de naissance incomplète ({value})\u202f: jour ou mois "
            "inconnu remplacé par 01."
        ),
        fr_hint="Rien à faire pour un âge au 31 décembre.",
        en=("Partial birth date ({value}): unknown day or month replaced by 01."),
        en_hint="Nothing to do for an age at 31 December.",
    ),
    "dsn.csp_review": MessageDef(
        severity="warning",
        effect="",
        rejects_row=False,
        fr=("Statut conventionnel {value} rattaché par convention aux ouvriers."),
        fr_hint="Vérifiez la catégorie.",
        en="Statut conventionnel {value} mapped by convention to ouvriers.",
        en_hint="Check the category.",
    ),
    "dsn.csp_status_mismatch": MessageDef(
        severity="warning",
        effect="",
        rejects_row=False,
        fr=(
            "Statut conventionnel ({value}) et statut de retraite "
            "complémentaire ({other}) incohérents."
        ),
        fr_hint="Vérifiez la catégorie dans la paie.",
        en=(
            "Statut conventionnel ({value}) and complementary pension "
            "status ({other}) disagree."
        ),
        en_hint="Check the category in payroll.",
    ),
    "dsn.hours_estimated": MessageDef(
        severity="warning",
        effect="",
        rejects_row=False,
        fr="Pas d'activité déclarée pour {month}\u202f: heures estimées.",
        fr_hint="Rien à faire.",
        en="No activity declared for {month}: hours estimated.",
        en_hint="Nothing to do.",
    ),
    "dsn.fte_unknown_unit": MessageDef(
        severity="warning",
        effect="",
        rejects_row=False,
        fr=(
            "Unité de quotité {value} sans équivalence temps plein\u202f: "
            "taux d'activité inconnu."
        ),
        fr_hint="Complétez le taux d'activité dans un fichier complémentaire.",
        en=("Working-time unit {value} has no full-time equivalent: ratio unknown."),
        en_hint="Supply the ratio in a complement file.",
    ),
    "dsn.maternity_raise_unknown": MessageDef(
        severity="warning",
        effect="",
        rejects_row=False,
        fr=(
            "Retour de congé le {date}\u202f: aucune augmentation "
            "constatée (ou pas de mois complet avant le congé et après le "
            "retour)."
        ),
        fr_hint=(
            "Si des augmentations ont eu lieu pendant le congé, indiquez "
            "«\u202fNon\u202f» dans un fichier complémentaire\u202f; "
            "fournissez aussi les DSN des mois précédant le congé."
        ),
        en=(
            "Return on {date}: no raise observed (or no full month before "
            "the leave and after the return)."
        ),
        en_hint=(
            'If raises took place during the leave, give "No" in a '
            "complement file; also provide the DSN of the months before "
            "the leave."
        ),
    ),
    "dsn.several_companies": MessageDef(
        severity="warning",
        effect="",
        rejects_row=False,
        fr="Les DSN couvrent plusieurs entreprises (SIREN {sirens}).",
        fr_hint=(
            "L'Index se calcule par entreprise\u202f: filtrez sur un SIREN "
            "(les codes d'établissement commencent par le SIREN)."
        ),
        en="The DSN cover several companies (SIREN {sirens}).",
        en_hint=(
            "The Index is computed per company: filter on one SIREN "
            "(establishment codes start with it)."
        ),
    ),
}

# `mapping.source_missing` for a column other than employee_id and sex (warning table).
_SOURCE_MISSING_WARNING: Final[MessageDef] = MessageDef(
    severity="warning",
    effect="",
    rejects_row=False,
    fr=(
        "La colonne «\u202f{source}\u202f» indiquée pour {column} est "
        "absente\u202f; {column} est ignorée."
    ),
    fr_hint="Mettez à jour le fichier de correspondance.",
    en=('Column "{source}" given for {column} is missing; {column} is ignored.'),
    en_hint="Update the mapping file.",
)

CATALOGUE: Final[Mapping[str, MessageDef]] = MappingProxyType(_DEFINITIONS)
"""Key → definition. ``mapping.source_missing`` holds its fatal text; see :func:`definition`."""


def _is_dsn_capped_excess(key: str, *, dsn: bool) -> bool:
    # DSN input: an excess of excluded items is capped and reported as a warning (§6.6).
    return dsn and key == "value.excluded_exceeds_pay"


def severity_of(
    key: str, params: Mapping[str, object], *, dsn: bool = False
) -> Severity:
    """The severity of a message, given its key and its params (``column`` included).

    ``mapping.source_missing`` is fatal for ``employee_id`` and ``sex`` and a warning for the
    other columns; ``value.excluded_exceeds_pay`` is a warning for DSN input (§6.6).
    Raises ``KeyError`` for a key that is not in the catalogue (a programming error).
    """
    if key == "mapping.source_missing":
        column = params.get("column")
        return "fatal" if column in _SOURCE_MISSING_FATAL_COLUMNS else "warning"
    if _is_dsn_capped_excess(key, dsn=dsn):
        return "warning"
    if key == "row.duplicate_key" and params.get("on_duplicate") == "keep_last":
        return "warning"  # §5.2: keep_last reports the rows it drops as warnings
    return CATALOGUE[key].severity


def definition(key: str, severity: Severity | None = None) -> MessageDef:
    """The definition whose texts a message of this key and severity shows."""
    if key == "mapping.source_missing" and severity == "warning":
        return _SOURCE_MISSING_WARNING
    return CATALOGUE[key]


def rejects_row(key: str, column: str | None) -> bool:
    """Whether a message removes its row (``value.out_of_range`` only for ``employee_id``)."""
    if key == "value.out_of_range":
        return column == "employee_id"
    return CATALOGUE[key].rejects_row


def cut(text: str) -> str:
    """A value as shown in messages: at most 100 characters, ``…`` marking a cut."""
    if len(text) <= MAX_VALUE_CHARS:
        return text
    return text[: MAX_VALUE_CHARS - 1] + ELLIPSIS


_PLACEHOLDER: Final = re.compile(r"\{([a-z_]+)\}")


def fill(template: str, context: Mapping[str, str], lang: Lang = "fr") -> str:
    """Replace each ``{name}`` by ``context[name]``; unknown names stay as written.

    A masked value (:data:`MASKED_VALUE`) is shown in the language of the text.
    """

    def replace(match: re.Match[str]) -> str:
        value = context.get(match.group(1))
        if value is None:
            return match.group(0)
        return _MASKED_TEXT[lang] if value == MASKED_VALUE else value

    return _PLACEHOLDER.sub(replace, template)
