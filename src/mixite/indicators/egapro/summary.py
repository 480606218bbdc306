"""The readable report of ``mixite index`` (egapro.md §16.1), as lines of text.

Pure functions of the result's JSON form, so that the CLI, the tests and the platform
print the same words. French first; English with ``lang="en"``.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, Final

from mixite.indicators.egapro import labels as lb
from mixite.indicators.egapro.model import MAXIMA

if TYPE_CHECKING:
    from collections.abc import Mapping

    from mixite.indicators.egapro.result import EgaproResult
    from mixite.indicators.typography import Lang

NC: Final = "NC"
RIXAIN_REASONS: Final[Mapping[str, Mapping[str, str]]] = {
    "aucun_cadre_dirigeant": {"fr": "Aucun cadre dirigeant", "en": "No executive"},
    "un_seul_cadre_dirigeant": {
        "fr": "Un seul cadre dirigeant",
        "en": "A single executive",
    },
    "aucune_instance_dirigeante": {
        "fr": "Aucune instance dirigeante",
        "en": "No governing body",
    },
}
_WORDS: Final[Mapping[str, Mapping[str, str]]] = {
    "fr": {
        "title": "Index de l'égalité professionnelle",
        "aggregated": "données agrégées (saisie du simulateur officiel)",
        "period": "période {period}, du {start} au {end}",
        "no_period": "période inconnue",
        "band": "Tranche d'effectifs",
        "declared": "déclarée",
        "estimated": "estimée d'après le fichier\u202f: {n} salariés en équivalent temps "
        "plein",
        "input": "indiquée dans les données",
        "population": "Effectif pris en compte",
        "population_line": "{n} ({women} femmes, {men} hommes)",
        "excluded": "exclus",
        "dropped": "{n} lignes incomplètes écartées",
        "catch_up": "rattrapage",
        "index": "Index",
        "index_ok": "{value}/100 — {total} points sur {max} calculables",
        "index_nc": "NC — {total} points sur {max} calculables, moins de 75",
        "obligations": "Obligations",
        "publish": "publier l'index et la note de chaque indicateur{by}",
        "publish_nc": "publier la note des indicateurs calculables{by}",
        "by": " avant le {date}",
        "corrective": "mesures correctives obligatoires (index inférieur à 75)",
        "objectives": "objectifs de progression à fixer pour\u202f: {names}",
        "rixain": "Représentation (loi Rixain)",
        "executives": "cadres dirigeants",
        "governing_body": "instances dirigeantes",
        "shares": "{women} de femmes, {men} d'hommes",
        "target_met": "objectif {target} atteint",
        "target_missed": "objectif {target} non atteint",
        "warnings": "Avertissements",
        "employee": "salarié",
        "employees": "salariés",
        "top10": "{n} {sex} sur 10",
        "top10_equal": "5 femmes et 5 hommes sur 10",
        "women": "femmes",
        "men": "hommes",
        "over_women": "femmes sur-représentées",
        "over_men": "hommes sur-représentés",
        "indicator": "indicateur {n}",
    },
    "en": {
        "title": "Gender equality index",
        "aggregated": "aggregated data (official simulator input)",
        "period": "period {period}, {start} to {end}",
        "no_period": "unknown period",
        "band": "Size band",
        "declared": "declared",
        "estimated": "estimated from the file: {n} full-time-equivalent employees",
        "input": "given in the data",
        "population": "Headcount taken into account",
        "population_line": "{n} ({women} women, {men} men)",
        "excluded": "excluded",
        "dropped": "{n} incomplete rows left out",
        "catch_up": "catch-up",
        "index": "Index",
        "index_ok": "{value}/100 — {total} points out of {max} calculable",
        "index_nc": "NC — {total} points out of {max} calculable, fewer than 75",
        "obligations": "Obligations",
        "publish": "publish the index and each indicator's points{by}",
        "publish_nc": "publish the points of the calculable indicators{by}",
        "by": " by {date}",
        "corrective": "corrective measures required (index below 75)",
        "objectives": "progress objectives to set for: {names}",
        "rixain": "Representation (Rixain law)",
        "executives": "executives",
        "governing_body": "governing bodies",
        "shares": "{women} women, {men} men",
        "target_met": "{target} target met",
        "target_missed": "{target} target missed",
        "warnings": "Warnings",
        "employee": "employee",
        "employees": "employees",
        "top10": "{n} {sex} out of 10",
        "top10_equal": "5 women and 5 men out of 10",
        "women": "women",
        "men": "men",
        "over_women": "women over-represented",
        "over_men": "men over-represented",
        "indicator": "indicator {n}",
    },
}
SEXES: Final[Mapping[str, Mapping[str, tuple[str, str]]]] = {
    "women": {"fr": ("femme", "femmes"), "en": ("woman", "women")},
    "men": {"fr": ("homme", "hommes"), "en": ("man", "men")},
}
_MONTHS_FR: Final = (
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
    "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
_MONTHS_EN: Final = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)  # fmt: skip


def words(lang: Lang) -> Mapping[str, str]:
    return _WORDS[lang]


def long_date(iso: str, lang: Lang) -> str:
    """``1er mars 2026`` / ``1 March 2026``."""
    day = date.fromisoformat(iso)
    if lang == "en":
        return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"
    first = "1er" if day.day == 1 else str(day.day)
    return f"{first} {_MONTHS_FR[day.month - 1]} {day.year}"


def indicator_number(key: str) -> str:
    return key.removeprefix("indicator")


def reason_label(
    block: Mapping[str, Any], details: Mapping[str, Any], lang: Lang
) -> str:
    """``NC — <label>`` of a not-calculable indicator, with its columns or rows (§13)."""
    code = block["not_calculable_reason"]
    params: dict[str, object] = {
        "columns": ", ".join(details.get("missing_columns", []))
    }
    incomplete = details.get("incomplete") or {}
    params["count"] = incomplete.get("count", 0)
    first = (incomplete.get("examples") or [{}])[0]
    params["row"] = first.get("row") if first.get("row") is not None else "?"
    params["field"] = first.get("field", "?")
    return f"{NC} — {lb.reason_text(code, params, lang)}"


def _result_text(key: str, block: Mapping[str, Any], lang: Lang) -> str:
    w = words(lang)
    if key == "indicator2et3":
        unit = lb.plural(block["result_employees"], w["employee"], w["employees"], lang)
        employees = lb.decimal(block["result_employees"], 1, lang)
        text = f"{lb.percent(block['result_pct'], lang)} | {employees} {unit}"
    elif key == "indicator4":
        return lb.percent(block["result_pct_declared"], lang, digits=0)
    elif key == "indicator5":
        return _top_ten_text(block, lang)
    else:
        text = lb.percent(block["result"], lang)
    favourable = block["favourable"]
    return (
        f"{text} {lb.FAVOURS[favourable][lang]}" if favourable != "equality" else text
    )


def _top_ten_text(block: Mapping[str, Any], lang: Lang) -> str:
    w = words(lang)
    over = block["over_represented"]
    if over == "equality":
        return w["top10_equal"]
    under = "men" if over == "women" else "women"
    n = block["result"]
    sex = lb.plural(n, *SEXES[under][lang], lang)
    text = w["top10"].format(n=n, sex=sex)
    return f"{text} ({w['over_' + over]})"


def indicator_line(
    key: str, block: Mapping[str, Any], details: Mapping[str, Any], lang: Lang
) -> str:
    """``1. Écart de rémunération : 4,5 % en faveur des hommes — 35/40``."""
    title = lb.INDICATOR_TITLES[key][lang]
    head = f"{indicator_number(key)}. {title}{lb.COLON[lang]} "
    if not block["calculable"]:
        return head + reason_label(block, details, lang)
    maximum = MAXIMA[key]  # type: ignore[index]
    line = f"{head}{_result_text(key, block, lang)} — {block['points']}/{maximum}"
    if block.get("catch_up_applied"):
        line += f" ({words(lang)['catch_up']})"
    return line


def index_line(index: Mapping[str, Any], lang: Lang) -> str:
    w = words(lang)
    values = {
        "value": index["value"],
        "total": index["total_points"],
        "max": index["max_points"],
    }
    text = (w["index_ok"] if index["calculable"] else w["index_nc"]).format(**values)
    return f"{w['index']}{lb.COLON[lang]} {text}"


def header_lines(data: Mapping[str, Any], lang: Lang) -> list[str]:
    """Title, period and window, size band and its source, population."""
    w = words(lang)
    details = data["details"]
    population = details["population"]
    if population is None:
        where = w["aggregated"]
    elif population["period"] is None:
        where = w["no_period"]
    else:
        where = w["period"].format(
            period=population["period"],
            start=long_date(population["reference_start"], lang),
            end=long_date(population["reference_end"], lang),
        )
    source = details["workforce_range_source"]
    origin = w[source].format(
        n=lb.integer(population["estimated_workforce"], lang) if population else 0
    )
    band = lb.RANGE_LABELS[data["workforce_range"]][lang]
    lines = [
        f"{w['title']} — {where}",
        f"{w['band']}{lb.COLON[lang]} {band} ({origin})",
    ]
    if population is not None:
        lines.append(population_line(population, lang))
    return lines


def population_line(population: Mapping[str, Any], lang: Lang) -> str:
    w = words(lang)
    counts = w["population_line"].format(
        n=lb.integer(population["taken_into_account"], lang),
        women=lb.integer(population["women"], lang),
        men=lb.integer(population["men"], lang),
    )
    excluded = [
        lb.counted(n, lb.EXCLUSIONS[code][lang], lang)
        for code, n in population["excluded"].items()
        if n
    ]
    line = f"{w['population']}{lb.COLON[lang]} {counts}"
    if excluded:
        line += f"{lb.SEMICOLON[lang]}{w['excluded']}{lb.COLON[lang]} " + ", ".join(
            excluded
        )
    if population["dropped_incomplete"]:
        dropped = w["dropped"].format(n=population["dropped_incomplete"])
        line += lb.SEMICOLON[lang] + dropped
    return line


def obligation_lines(data: Mapping[str, Any], lang: Lang) -> list[str]:
    w = words(lang)
    found = data["details"]["obligations"]
    by = ""
    if found["deadline"]:
        by = w["by"].format(date=long_date(found["deadline"], lang))
    items = [
        (w["publish"] if found["publish_index"] else w["publish_nc"]).format(by=by)
    ]
    if found["corrective_measures_required"]:
        items.append(w["corrective"])
    if found["progress_objectives_required"] and found["objectives_for"]:
        names = ", ".join(
            w["indicator"].format(n=indicator_number(k))
            for k in found["objectives_for"]
        )
        items.append(w["objectives"].format(names=names))
    return [f"{w['obligations']}{lb.COLON[lang]}", *(f"  - {item}" for item in items)]


def representation_lines(data: Mapping[str, Any], lang: Lang) -> list[str]:
    """The Rixain percentages when the file allowed them (§14.7)."""
    found = data.get("representation")
    if not found:
        return []
    w = words(lang)
    lines = [f"{w['rixain']}{lb.COLON[lang]}"]
    target = found.get("target_pct")
    for part in ("executives", "governing_body"):
        block = found.get(part) or {}
        if block.get("calculable"):
            text = w["shares"].format(
                women=lb.percent(block["women_pct"], lang),
                men=lb.percent(block["men_pct"], lang),
            )
            if target is not None and block.get("meets_target") is not None:
                met = "target_met" if block["meets_target"] else "target_missed"
                text += f" ({w[met].format(target=lb.percent(target, lang, digits=0))})"
        else:
            code = block.get("not_calculable_reason") or "missing_input"
            label = RIXAIN_REASONS.get(code, {}).get(lang) or lb.reason_text(
                code, {"columns": part}, lang
            )
            text = f"{NC} — {label}"
        lines.append(f"  - {w[part]}{lb.COLON[lang]} {text}")
    return lines


def report_lines(result: EgaproResult, lang: Lang = "fr") -> list[str]:
    """The whole readable report of §16.1, one string per line."""
    data = result.to_dict()
    details = data["details"]
    lines = header_lines(data, lang)
    lines.append("")
    for key, found in result.indicators().items():
        lines.append(indicator_line(key, found.to_dict(), details.get(key, {}), lang))
    lines.append(index_line(data["index"], lang))
    lines += obligation_lines(data, lang)
    lines += representation_lines(data, lang)
    if result.warnings:
        lines.append(f"{words(lang)['warnings']}{lb.COLON[lang]}")
        lines += [f"  - {warning.text(lang)}" for warning in result.warnings]
    return lines
