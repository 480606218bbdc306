"""Words and numbers shown to people: labels in French first, then English.

Typography follows platform.md §0.5 and directive.md §3.4: decimal comma, U+202F NARROW
NO-BREAK SPACE as thousands separator and before ``:`` ``;`` ``!`` ``?``, U+00A0 NO-BREAK
SPACE before ``%`` and ``€``; English ``4.7%`` and ``€35,750.00``. Reason labels are the
ones of egapro.md §13.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from mixite.indicators.typography import NBSP, NNBSP, Lang, localised, with_percent

if TYPE_CHECKING:
    from collections.abc import Mapping


COLON: Final[Mapping[str, str]] = {"fr": f"{NNBSP}:", "en": ":"}
SEMICOLON: Final[Mapping[str, str]] = {"fr": f"{NNBSP}; ", "en": "; "}

REASONS: Final[Mapping[str, Mapping[str, str]]] = {
    "egvi40pcet": {
        "fr": "Effectif des groupes retenus inférieur à 40\u00a0% de l'effectif "
        "pris en compte",
        "en": "Valid groups hold less than 40% of the headcount taken into account",
    },
    "absaugi": {
        "fr": "Aucune augmentation individuelle sur la période",
        "en": "No individual raise during the period",
    },
    "absprom": {
        "fr": "Aucune promotion sur la période",
        "en": "No promotion during the period",
    },
    "etsno5f5h": {
        "fr": "Moins de 5 femmes ou moins de 5 hommes dans l'effectif pris en compte",
        "en": "Fewer than 5 women or fewer than 5 men in the headcount taken into account",
    },
    "absrcm": {
        "fr": "Aucun retour de congé maternité ou d'adoption sur la période",
        "en": "No return from maternity or adoption leave during the period",
    },
    "absaugpdtcm": {
        "fr": "Aucune augmentation pendant les congés maternité ou d'adoption",
        "en": "No raise took place during the maternity or adoption leaves",
    },
    "top10_incomplete": {
        "fr": "Les 10 plus hautes rémunérations ne comptent pas 10 personnes",
        "en": "The ten highest pays do not list 10 people",
    },
    "missing_column": {
        "fr": "Colonne absente\u202f: {columns}",
        "en": "Missing column: {columns}",
    },
    "incomplete_data": {
        "fr": "Valeurs manquantes\u202f: {count} lignes (ex. ligne {row}, champ {field})",
        "en": "Missing values: {count} rows (e.g. row {row}, field {field})",
    },
    "period_unknown": {
        "fr": "Période de référence inconnue\u202f: ajoutez une colonne d'année ou "
        "l'option --period",
        "en": "Unknown reference period: add a year column or the --period option",
    },
    "missing_input": {"fr": "Données non fournies", "en": "No data given"},
    "max_points_below_75": {
        "fr": "Moins de 75 points calculables",
        "en": "Fewer than 75 calculable points",
    },
}

WARNINGS: Final[Mapping[str, Mapping[str, str]]] = {
    "period_defaulted_to_latest": {
        "fr": "Le fichier contient plusieurs périodes ({periods})\u202f: l'Index est "
        "calculé sur la plus récente, {period}.",
        "en": "The file holds several periods ({periods}): the Index is computed "
        "for the latest, {period}.",
    },
    "workforce_range_estimated": {
        "fr": "Tranche d'effectifs estimée d'après le fichier ({estimate} salariés en "
        "équivalent temps plein)\u202f: indiquez la tranche déclarée avec "
        "--workforce-range.",
        "en": "Size band estimated from the file ({estimate} full-time-equivalent "
        "employees): give the declared band with --workforce-range.",
    },
    "below_50_employees": {
        "fr": "Effectif estimé inférieur à 50 salariés ({estimate})\u202f: l'Index "
        "n'est obligatoire qu'à partir de 50 salariés.",
        "en": "Estimated headcount below 50 employees ({estimate}): the Index is "
        "compulsory from 50 employees.",
    },
    "valid_group_without_pay": {
        "fr": "Le groupe {group} compte assez de femmes et d'hommes mais une "
        "rémunération moyenne manque\u202f: elle est comptée pour 0, comme le fait "
        "le simulateur officiel.",
        "en": "Group {group} is valid but an average pay is missing: it counts 0, "
        "as in the official simulator.",
    },
    "declared_without_raise": {
        "fr": "{indicator}\u202f: des augmentations sont déclarées mais aucun taux "
        "n'est renseigné\u202f; l'indicateur est calculé comme une égalité.",
        "en": "{indicator}: raises are declared but every rate is 0; the indicator "
        "is computed as equality.",
    },
    "level_mode_fallback": {
        "fr": "Trop peu de groupes valides par niveau\u202f: l'indicateur 1 est "
        "calculé par catégorie socioprofessionnelle.",
        "en": "Too few valid level groups: indicator 1 is computed by "
        "occupational category.",
    },
    "raise_period_incomplete": {
        "fr": "Augmentations sur plusieurs années\u202f: période(s) {missing} absente(s) "
        "du fichier, calcul sur les périodes présentes.",
        "en": "Raises over several years: period(s) {missing} missing from the file, "
        "computed on the periods present.",
    },
    "top10_tie": {
        "fr": "Les 10e et 11e plus hautes rémunérations sont égales\u202f: départagées "
        "par ordre de matricule.",
        "en": "The 10th and 11th highest pays are equal: ties broken by employee ID.",
    },
    "aggregates_unavailable": {
        "fr": "Les données agrégées pour le simulateur officiel ne peuvent pas être "
        "établies (tableau des effectifs ou indicateur 1 incomplet).",
        "en": "The aggregated input for the official simulator cannot be derived "
        "(headcount table or indicator 1 incomplete).",
    },
    "unknown_key": {
        "fr": "Clé inconnue ignorée\u202f: {key}.",
        "en": "Unknown key ignored: {key}.",
    },
}

INDICATOR_TITLES: Final[Mapping[str, Mapping[str, str]]] = {
    "indicator1": {"fr": "Écart de rémunération", "en": "Pay gap"},
    "indicator2": {
        "fr": "Écart de taux d'augmentations individuelles",
        "en": "Individual raise gap",
    },
    "indicator3": {"fr": "Écart de taux de promotions", "en": "Promotion gap"},
    "indicator2et3": {
        "fr": "Écart de taux d'augmentations individuelles (promotions comprises)",
        "en": "Individual raise gap (promotions included)",
    },
    "indicator4": {
        "fr": "Augmentations au retour de congé maternité",
        "en": "Raises on return from maternity leave",
    },
    "indicator5": {"fr": "Hautes rémunérations", "en": "Highest pays"},
}

CSP_LABELS: Final[Mapping[str, Mapping[str, str]]] = {
    "ouv": {"fr": "ouvriers", "en": "blue-collar workers"},
    "emp": {"fr": "employés", "en": "clerical workers"},
    "tam": {
        "fr": "techniciens et agents de maîtrise",
        "en": "technicians and supervisors",
    },
    "ic": {"fr": "ingénieurs et cadres", "en": "engineers and managers"},
}
BAND_LABELS: Final[Mapping[str, Mapping[str, str]]] = {
    ":29": {"fr": "moins de 30 ans", "en": "under 30"},
    "30:39": {"fr": "30-39 ans", "en": "aged 30-39"},
    "40:49": {"fr": "40-49 ans", "en": "aged 40-49"},
    "50:": {"fr": "50 ans et plus", "en": "aged 50 and over"},
}
RANGE_LABELS: Final[Mapping[str, Mapping[str, str]]] = {
    "50:250": {"fr": "De 50 à 250 inclus", "en": "50 to 250 inclusive"},
    "251:999": {"fr": "De 251 à 999 inclus", "en": "251 to 999 inclusive"},
    "1000:": {"fr": "1000 et plus", "en": "1000 and more"},
}
FAVOURS: Final[Mapping[str, Mapping[str, str]]] = {
    "men": {"fr": "en faveur des hommes", "en": "in favour of men"},
    "women": {"fr": "en faveur des femmes", "en": "in favour of women"},
    "equality": {"fr": "égalité", "en": "equality"},
}
EXCLUSIONS: Final[Mapping[str, Mapping[str, tuple[str, str]]]] = {  # singular, plural
    "contract_apprentice": {
        "fr": ("apprenti", "apprentis"),
        "en": ("apprentice", "apprentices"),
    },
    "contract_professionalisation": {
        "fr": ("contrat de professionnalisation", "contrats de professionnalisation"),
        "en": ("professionalisation contract", "professionalisation contracts"),
    },
    "contract_intern": {"fr": ("stagiaire", "stagiaires"), "en": ("intern", "interns")},
    "contract_temp_agency": {
        "fr": ("intérimaire", "intérimaires"),
        "en": ("temporary agency worker", "temporary agency workers"),
    },
    "contract_expatriate": {
        "fr": ("expatrié", "expatriés"),
        "en": ("expatriate", "expatriates"),
    },
    "presence_under_6_months": {
        "fr": ("présent moins de 6 mois", "présents moins de 6 mois"),
        "en": ("present less than 6 months", "present less than 6 months"),
    },
}


def counted(n: int, forms: tuple[str, str], lang: Lang) -> str:
    """``1 apprenti``, ``3 apprentis``: the number and the agreeing noun."""
    return f"{integer(n, lang)} {plural(n, *forms, lang)}"


def points_word(x: float, lang: Lang) -> str:
    """``point`` or ``points`` after a number: French plural from 2, English except 1."""
    if lang == "fr":
        return "points" if abs(x) >= 2 else "point"  # noqa: PLR2004 - French grammar
    return "point" if x == 1 else "points"


def reason_text(code: str, params: Mapping[str, object], lang: Lang = "fr") -> str:
    """The label of a not-calculable reason (§13), placeholders filled."""
    entry = REASONS.get(code)
    if entry is None:
        return code
    text = entry[lang].format_map(_Defaults(params))
    if code == "incomplete_data" and params.get("count") == 1:  # "1 ligne", "1 row"
        text = text.replace("1 lignes", "1 ligne").replace("1 rows", "1 row")
    return text


def warning_text(
    code: str, params: Mapping[str, object], lang: str = "fr"
) -> str | None:
    """The text of an Index warning, or ``None`` for a code this module does not own."""
    entry = WARNINGS.get(code)
    if entry is None:
        return None
    language: Lang = "en" if lang == "en" else "fr"
    shown = dict(params)
    estimate = params.get("estimate")  # a headcount: thousands grouped (years are not)
    if isinstance(estimate, str) and estimate.isdigit():
        shown["estimate"] = integer(int(estimate), language)
    return entry[language].format_map(_Defaults(shown))


class _Defaults(dict[str, object]):
    """Placeholders without a value stay as written."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def group_label(group: str, age_band: str, lang: Lang) -> str:
    """``ouvriers 30-39 ans`` / ``blue-collar workers aged 30-39``; levels as written."""
    name = CSP_LABELS[group][lang] if group in CSP_LABELS else _level(group, lang)
    return f"{name} {BAND_LABELS[age_band][lang]}"


def _level(level: str, lang: Lang) -> str:
    return f"niveau {level}" if lang == "fr" else f"level {level}"


def integer(n: int, lang: Lang = "fr") -> str:
    """``1 204`` (U+202F) / ``1,204``."""
    return localised(f"{n:,}", lang)


def decimal(x: float, digits: int, lang: Lang = "fr") -> str:
    """A number with ``digits`` decimals: ``1 234,5`` / ``1,234.5``; ``-`` when negative."""
    text = f"{x:,.{digits}f}"
    if text.startswith("-") and float(text.replace(",", "")) == 0:
        text = text[1:]  # no "-0,0"
    return localised(text, lang)


def percent(x: float, lang: Lang = "fr", digits: int = 1) -> str:
    """``4,7 %`` (U+00A0) / ``4.7%``."""
    return with_percent(decimal(x, digits, lang), lang)


def amount(x: float, lang: Lang = "fr") -> str:
    """``35 750,00 €`` / ``€35,750.00``."""
    number = decimal(x, 2, lang)
    return f"{number}{NBSP}€" if lang == "fr" else f"€{number}"


def plural(n: float, singular: str, plural_form: str, lang: Lang) -> str:
    """French: below 2 takes the singular (0, 1, 1,7); English: only exactly 1."""
    one = abs(n) < 2 if lang == "fr" else n == 1  # noqa: PLR2004 - French grammar
    return singular if one else plural_form
