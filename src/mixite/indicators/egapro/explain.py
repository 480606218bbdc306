"""``mixite index --explain``: the intermediate tables told in plain words, per indicator.

Written for an HR officer who must defend the figures before the CSE: which groups count,
why a group is left out, how each gap becomes points. Pure functions returning lists of
strings (the CLI prints them); French first, English with ``lang="en"``.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any, Final

from mixite.indicators.egapro import labels as lb
from mixite.indicators.egapro.explain_text import FORMS as _FORMS
from mixite.indicators.egapro.explain_text import TEXTS as _T
from mixite.indicators.egapro.model import (
    MAXIMA,
    THRESHOLD_CSP,
    THRESHOLD_LEVEL,
    TOP_N,
    VALID_CELL_MIN,
    VALID_CSP_MIN,
)
from mixite.indicators.egapro.summary import SEXES, reason_label

if TYPE_CHECKING:
    from collections.abc import Mapping

    from mixite.indicators.egapro.result import EgaproResult
    from mixite.indicators.typography import Lang

MAX_SHOWN_EXAMPLES: Final = 3


def _fav(favourable: str | None, lang: Lang) -> str:
    if favourable is None or favourable == "equality":
        return ""
    return lb.FAVOURS[favourable][lang]


def _points(n: int, lang: Lang) -> str:
    """``0 point``, ``35 points``."""
    return f"{n} {lb.points_word(n, lang)}"


def _pct(x: float | None, lang: Lang) -> str:
    return "—" if x is None else lb.percent(x, lang)


def _share(part: int, whole: int, lang: Lang) -> str:
    return lb.percent(part * 100 / whole if whole else 0.0, lang)


def _sex(sex: str, lang: Lang) -> str:
    return SEXES[sex][lang][1]  # plural: "moins de 3 femmes"


def _people(n: int, sex: str, lang: Lang) -> str:
    return lb.counted(n, SEXES[sex][lang], lang)


def not_calculable(
    block: Mapping[str, Any], details: Mapping[str, Any], lang: Lang
) -> list[str]:
    """Why an indicator is NC, with the first rows to fix when values are missing."""
    t = _T[lang]
    label = reason_label(block, details, lang).removeprefix("NC — ")
    lines = [t["nc"].format(label=label)]
    examples = (details.get("incomplete") or {}).get("examples") or []
    if block["not_calculable_reason"] == "incomplete_data" and examples:
        items = ", ".join(
            t["example"].format(
                row=e["row"] if e["row"] is not None else "?", field=e["field"]
            )
            for e in examples[:MAX_SHOWN_EXAMPLES]
        )
        lines.append(t["examples"].format(items=items))
    return lines


# --- indicator 1 ------------------------------------------------------------------------------


def pay_group_line(group: Mapping[str, Any], valid_headcount: int, lang: Lang) -> str:
    """One indicator-1 group: why it is left out, or how its gap becomes a contribution."""
    t = _T[lang]
    name = lb.group_label(
        group.get("category") or group["level"], group["age_band"], lang
    )
    head = t["group"].format(name=name)
    if not group["valid"]:
        short = [
            t["fewer"].format(n=VALID_CELL_MIN, sex=_sex(sex, lang))
            for sex in ("women", "men")
            if group[sex] < VALID_CELL_MIN
        ]
        return t["excluded"].format(group=head, s="", why=t["and"].join(short))
    counts = f"{_people(group['women'], 'women', lang)}, {_people(group['men'], 'men', lang)}"
    parts = [_pays(group, lang), _gap_words(group, lang)]
    weighted = group["weighted_gap_pct"]
    weight = t["weight"].format(
        n=group["women"] + group["men"],
        valid=valid_headcount,
        weighted=lb.decimal(weighted, 2, lang),
        pts=lb.points_word(weighted, lang),
    )
    return (
        f"{head} ({counts}){lb.COLON[lang]} "
        + ", ".join(parts)
        + f"{_semi(lang)}{weight}."
    )


def _semi(lang: Lang) -> str:
    """`` ; `` with U+202F in French."""
    return lb.SEMICOLON[lang]


def _pays(group: Mapping[str, Any], lang: Lang) -> str:
    def shown(pay: float | None) -> str:
        return "—" if pay is None else lb.amount(pay, lang)

    return _T[lang]["pays"].format(
        women=shown(group.get("women_avg_pay")), men=shown(group.get("men_avg_pay"))
    )


def _gap_words(group: Mapping[str, Any], lang: Lang) -> str:
    t = _T[lang]
    gap = group["gap_pct"]
    if not gap:
        return t["no_gap"]
    favour = lb.FAVOURS["men" if gap > 0 else "women"][lang]
    text = t["gap"].format(gap=lb.percent(abs(gap), lang), favour=favour)
    if not group["adjusted_gap_pct"]:
        return f"{text}{_semi(lang)}{t['below']}"
    adjusted = lb.percent(abs(group["adjusted_gap_pct"]), lang)
    return f"{text}{_semi(lang)}{t['adjusted'].format(adjusted=adjusted)}"


def pay_gap_lines(data: Mapping[str, Any], lang: Lang) -> list[str]:
    """Indicator 1: each group, the 40 % rule, the sum, the points (§6)."""
    t = _T[lang]
    block, details = data["indicator1"], data["details"]["indicator1"]
    mode = data["details"]["mode"]
    threshold = THRESHOLD_CSP if mode == "csp" else THRESHOLD_LEVEL
    lines = [
        t["ind1"].format(
            by=t["by_csp"] if mode == "csp" else t["by_level"],
            threshold=lb.decimal(threshold, 0, lang),
        )
    ]
    if block["valid_headcount"] is None:
        return lines + [f"  {line}" for line in not_calculable(block, details, lang)]
    groups = details["groups"]
    shown = [g for g in groups if g["women"] + g["men"] > 0]
    valid = block["valid_headcount"]
    lines += [f"  {pay_group_line(g, valid, lang)}" for g in shown]
    if len(shown) < len(groups):
        lines.append(f"  {t['empty_groups'].format(n=len(groups) - len(shown))}")
    lines.append(f"  {_share_line('valid_share', block, lang)}")
    lines += [f"  {line}" for line in _sum_lines(block, MAXIMA["indicator1"], lang)]
    return lines


def _share_line(key: str, block: Mapping[str, Any], lang: Lang) -> str:
    t = _T[lang]
    valid, total = block["valid_headcount"], block["total_headcount"]
    calculable = block["calculable"] or block["not_calculable_reason"] != "egvi40pcet"
    return t[key].format(
        valid=lb.integer(valid, lang),
        total=lb.integer(total, lang),
        share=_share(valid, total, lang),
        verdict=t["calculable"] if calculable else t["not_calculable"],
    )


def _sum_lines(block: Mapping[str, Any], maximum: int, lang: Lang) -> list[str]:
    t = _T[lang]
    figures = block if block["calculable"] else block["computed_but_ignored"]
    if figures is None:
        return []
    raw = figures["raw_signed_gap"]
    shown = f"{abs(raw):.2f}"
    values = {
        "raw": lb.decimal(float(shown), 2, lang),
        "result": lb.percent(figures["result"], lang),
        "favour": _fav(figures["favourable"], lang),
        "points": _points(figures["points"], lang),
        "max": maximum,
    }
    lines = [(t["sum"] if block["calculable"] else t["sum_nc"]).format(**values)]
    if _rounds_otherwise(shown, figures["result"]):
        lines.append(t["float_note"].format(**values))
    return [line.replace("  ", " ") for line in lines]


def _rounds_otherwise(shown: str, result: float) -> bool:
    """Whether the sum shown (2 decimals), rounded half up, disagrees with the result.

    The official result rounds the double sum: 1.0499999999999998 gives 1.0 although
    it prints as 1.05 (EG-29); the reader is told why (§17.8).
    """
    rounded = Decimal(shown).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return rounded != Decimal(repr(result))


# --- indicators 2, 3, 2et3 --------------------------------------------------------------------


def rate_gap_lines(key: str, data: Mapping[str, Any], lang: Lang) -> list[str]:
    """Indicators 2 and 3: each CSP, the 40 % rule, the result, the catch-up (§7, §9)."""
    t = _T[lang]
    block, details = data[key], data["details"][key]
    n = key.removeprefix("indicator")
    what = t["raises"] if key == "indicator2" else t["promotions"]
    lines = [t["ind23"].format(n=n, what=what)]
    if block["valid_headcount"] is None:
        return lines + [f"  {line}" for line in not_calculable(block, details, lang)]
    verb = t["raised_verb"] if key == "indicator2" else t["promoted_verb"]
    lines += [f"  {_csp_line(group, verb, lang)}" for group in details["groups"]]
    lines.append(f"  {_share_line('csp_share', block, lang)}")
    if not block["calculable"] and block["not_calculable_reason"] != "egvi40pcet":
        return lines + [f"  {line}" for line in not_calculable(block, details, lang)]
    figures = block if block["calculable"] else block["computed_but_ignored"]
    if figures is None:
        return lines
    lines.append(
        "  "
        + t["result23"]
        .format(
            result=lb.decimal(figures["result"], 1, lang),
            pts=lb.points_word(figures["result"], lang),
            favour=_fav(figures["favourable"], lang),
            points=_points(figures["points_before_catch_up"], lang),
            max=MAXIMA[key],  # type: ignore[index]
        )
        .replace("  ", " ")
    )
    lines += [f"  {line}" for line in _catch_up_lines(key, figures, lang)]
    return lines


def _csp_line(group: Mapping[str, Any], verb: str, lang: Lang) -> str:
    t = _T[lang]
    name = lb.CSP_LABELS[group["category"]][lang].capitalize()
    if not group["valid"]:
        short = [
            t["fewer"].format(n=VALID_CSP_MIN, sex=_sex(sex, lang))
            for sex in ("women", "men")
            if group[sex] < VALID_CSP_MIN
        ]
        return t["excluded"].format(
            group=name, s="s" if lang == "fr" else "", why=t["and"].join(short)
        )
    if group["gap_pct"] is None:  # nobody raised (promoted): no rate to compare
        return t["csp_kept"].format(name=name, women=group["women"], men=group["men"])
    gap = group["gap_pct"]
    favour = lb.FAVOURS["men" if gap > 0 else "women" if gap < 0 else "equality"][lang]
    return t["csp_line"].format(
        name=name,
        women=group["women"],
        men=group["men"],
        rw=_pct(group["women_rate_pct"], lang),
        rm=_pct(group["men_rate_pct"], lang),
        verb=verb,
        gap=t["gap_points"].format(
            gap=lb.decimal(abs(gap), 2, lang),
            pts=lb.points_word(gap, lang),
            favour=favour,
        )
        if gap
        else t["no_gap"],
        weighted=lb.decimal(group["weighted_gap_pct"], 2, lang),
        pts=lb.points_word(group["weighted_gap_pct"], lang),
    )


def _catch_up_lines(key: str, figures: Mapping[str, Any], lang: Lang) -> list[str]:
    if not figures.get("catch_up_applied"):
        return []
    t = _T[lang]
    if figures["favourable"] == "equality":
        return [t["catch_up_equal"]]
    return [
        t["catch_up"].format(
            max=MAXIMA[key],  # type: ignore[index]
            own=figures["points_before_catch_up"],
        )
    ]


def raise_gap_lines(data: Mapping[str, Any], lang: Lang) -> list[str]:
    """Indicator 2et3: the two rates, the two scales, the better score (§8)."""
    t = _T[lang]
    block, details = data["indicator2et3"], data["details"]["indicator2et3"]
    lines = [t["ind2et3"]]
    w, m = details["women_headcount"], details["men_headcount"]
    if w is not None and details["raised_women"] is not None:
        lines.append(
            "  "
            + t["counts23"].format(
                women=w,
                men=m,
                rw=details["raised_women"],
                rm=details["raised_men"],
                pw=_pct(details["women_rate_pct"], lang),
                pm=_pct(details["men_rate_pct"], lang),
            )
        )
    figures = block if block["calculable"] else block["computed_but_ignored"]
    if not block["calculable"]:
        lines += [f"  {line}" for line in not_calculable(block, details, lang)]
    if figures is None:
        return lines
    lines.append(
        "  "
        + t["scales"].format(
            pct=f"{lb.decimal(figures['result_pct'], 1, lang)} "
            f"{lb.points_word(figures['result_pct'], lang)}",
            ppct=_points(figures["points_pct"], lang),
            emp=lb.decimal(figures["result_employees"], 1, lang),
            smallest=min(w or 0, m or 0),
            pemp=_points(figures["points_employees"], lang),
            own=_points(figures["points_before_catch_up"], lang),
        )
    )
    lines += [f"  {line}" for line in _catch_up_lines("indicator2et3", figures, lang)]
    return lines


# --- indicators 4 and 5, index ----------------------------------------------------------------


def returns_lines(data: Mapping[str, Any], lang: Lang) -> list[str]:
    t = _T[lang]
    block, details = data["indicator4"], data["details"]["indicator4"]
    lines = [t["ind4"]]
    given = (data.get("aggregates") or {}).get("indicator4")
    if given and given.get("declared_calculable"):
        returned, raised = given["returned"], given["raised"]
        lines.append(
            "  "
            + t["returns"].format(
                returned=lb.counted(returned, _FORMS[lang]["returned"], lang),
                raised=lb.counted(raised, _FORMS[lang]["raised"], lang),
            )
        )
    if not block["calculable"]:
        return lines + [f"  {line}" for line in not_calculable(block, details, lang)]
    rate = lb.percent(block["result_pct_declared"], lang, digits=0)
    points = _points(block["points"], lang)
    return [*lines, "  " + t["rate4"].format(rate=rate, points=points)]


def top_ten_lines(data: Mapping[str, Any], lang: Lang) -> list[str]:
    t = _T[lang]
    block, details = data["indicator5"], data["details"]["indicator5"]
    lines = [t["ind5"]]
    if not block["calculable"]:
        return lines + [f"  {line}" for line in not_calculable(block, details, lang)]
    under = block["result"]
    women = TOP_N - under if block["over_represented"] == "women" else under
    basis = {"fte": "basis_fte", "paid": "basis_paid"}.get(
        details["pay_basis"], "basis_none"
    )
    lines.append(
        "  "
        + t["top10"].format(
            basis=t[basis],
            women=_people(women, "women", lang),
            men=_people(TOP_N - women, "men", lang),
            points=_points(block["points"], lang),
        )
    )
    if details.get("tie_at_rank_10"):
        lines.append(f"  {t['tie']}")
    return lines


def index_lines(data: Mapping[str, Any], lang: Lang) -> list[str]:
    t = _T[lang]
    index = data["index"]
    values = {"total": index["total_points"], "max": index["max_points"]}
    if index["calculable"]:
        return [t["index"].format(value=index["value"], **values)]
    anyway = index["raw_value_computed_anyway"]
    extra = "" if anyway is None else t["anyway"].format(value=anyway)
    return [t["index_nc"].format(anyway=extra, **values)]


def population_lines(population: Mapping[str, Any], lang: Lang) -> list[str]:
    """How the rows of the period become the headcount taken into account (§4)."""
    t = _T[lang]
    excluded = population["excluded"]
    contracts = [
        lb.counted(n, lb.EXCLUSIONS[code][lang], lang)
        for code, n in excluded.items()
        if n and code.startswith("contract_")
    ]
    lines = [
        t["population"],
        "  "
        + t["rows"].format(
            rows=lb.integer(population["rows_in_period"], lang),
            period=population["period"] if population["period"] is not None else "?",
        ),
    ]
    if contracts:
        lines.append("  " + t["by_contract"].format(items=", ".join(contracts)))
    short = excluded.get("presence_under_6_months", 0)
    if short:
        lines.append("  " + t["short"].format(n=lb.integer(short, lang)))
    if population["dropped_incomplete"]:
        lines.append("  " + t["dropped"].format(n=population["dropped_incomplete"]))
    lines.append(
        "  "
        + t["taken"].format(
            n=lb.integer(population["taken_into_account"], lang),
            women=lb.integer(population["women"], lang),
            men=lb.integer(population["men"], lang),
        )
    )
    lines.append(
        "  "
        + t["estimate"].format(n=lb.integer(population["estimated_workforce"], lang))
    )
    return lines


def explain_lines(result: EgaproResult, lang: Lang = "fr") -> list[str]:
    """Every intermediate table of the result, in sentences; blank lines between parts."""
    data = result.to_dict()
    parts: list[list[str]] = []
    population = data["details"]["population"]
    if population is not None:
        parts.append(population_lines(population, lang))
    parts.append(pay_gap_lines(data, lang))
    if "indicator2et3" in data:
        parts.append(raise_gap_lines(data, lang))
    else:
        parts += [rate_gap_lines(k, data, lang) for k in ("indicator2", "indicator3")]
    parts += [
        returns_lines(data, lang),
        top_ten_lines(data, lang),
        index_lines(data, lang),
    ]
    lines: list[str] = []
    for part in parts:
        lines += [*part, ""]
    return lines[:-1]
