"""Plain-language sentences about a directive result, for ``mixite directive --explain``.

Written for an HR or equality officer, or a CSE member, who has not read the directive:
each sentence says what was measured, the figures, who is disfavoured and what the 5 %
threshold means. French first, with French typography (no-break space before « : », %
and € and inside « », §3.4), English on request. Builders return lists of strings
(testable); the CLI prints them. The wording is in :mod:`explain_text`.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final

from mixite.indicators.directive.categories import CSP_LABELS
from mixite.indicators.directive.explain_text import (
    BASES,
    EXCLUDED,
    LETTERS,
    MEASURES,
    NOUNS,
    REASONS,
    SIZE_BANDS,
    WARNINGS,
    T,
)
from mixite.indicators.directive.numbers import (
    format_amount,
    format_count,
    format_percent,
    round_fraction,
)
from mixite.indicators.directive.quartiles import N_BANDS
from mixite.indicators.typography import NBSP, NNBSP

if TYPE_CHECKING:
    from collections.abc import Mapping

    from mixite.indicators.directive.categories import Category, CategoryResult
    from mixite.indicators.directive.gaps import Gap
    from mixite.indicators.directive.quartiles import Band, QuartileTable
    from mixite.indicators.directive.result import DirectiveResult, GapPair, Shares
    from mixite.indicators.typography import Lang

COLON: Final = {"fr": f"{NBSP}: ", "en": ": "}
THRESHOLD_PERCENT: Final = 5.0
MONTHS_FR: Final = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
# French typography for the fixed wording: no-break space before : % ; and inside « ».
_FRENCH_SPACES: Final = (
    (re.compile(r" ([:%€])"), NBSP + r"\1"),
    (re.compile(r" ;"), NNBSP + ";"),
    (re.compile(r"« "), "«" + NBSP),
    (re.compile(r" »"), NBSP + "»"),
)


def typeset(sentence: str, lang: Lang) -> str:
    if lang != "fr":
        return sentence
    for pattern, replacement in _FRENCH_SPACES:
        sentence = pattern.sub(replacement, sentence)
    return sentence


def quote(text: str, lang: Lang) -> str:
    return f"« {text} »" if lang == "fr" else f"“{text}”"


def share_text(value: Fraction | float | None, lang: Lang) -> str:
    """A share in percent to 1 decimal, from the exact fraction when there is one."""
    if value is None:
        return format_percent(None, lang)
    exact = value if isinstance(value, Fraction) else Fraction(repr(value))
    return format_percent(round_fraction(exact * 100, 1), lang)


def number_text(value: object, lang: Lang) -> str:
    if isinstance(value, Fraction):
        return format_count(round_fraction(value, 1), lang)
    if isinstance(value, int | float):
        return format_count(value, lang)
    return format_count(None, lang)


def counted(value: object, noun: str, lang: Lang) -> str:
    """« 1 femme », « 1,5 femme », « 2 femmes » (French: singular below 2); "1 woman"."""
    number = float(value) if isinstance(value, int | float | Fraction) else None
    singular = number is not None and (abs(number) < 2 if lang == "fr" else number == 1)  # noqa: PLR2004
    forms = NOUNS[noun]
    return f"{number_text(value, lang)} {forms[0 if singular else 1][lang]}"


def gap_text(gap: Gap, lang: Lang) -> str:
    """The gap without its sign: the sentence says whom it disfavours."""
    shown = gap.gap_percent
    return format_percent(None if shown is None else abs(shown), lang)


def category_name(name: str, column: str | None) -> str:
    """CSP codes are shown with the French platform's labels (§7.1)."""
    return CSP_LABELS.get(name, name) if column == "csp" else name


def direction(gap: Gap, lang: Lang) -> str:
    """Who the gap disfavours, from its rounded percent (what the reader sees)."""
    shown = gap.gap_percent or 0.0
    if shown > 0:
        return T["against_women"][lang]
    return T["against_men" if shown < 0 else "no_gap"][lang]


def threshold(gap: Gap, lang: Lang) -> str:
    """The 5 % test in words; says so when 5,0 % is displayed but the exact gap is below."""
    if gap.high:
        return T["at_or_above"][lang]
    exact = gap.gap_percent_exact or 0.0
    if abs(gap.gap_percent or 0.0) >= THRESHOLD_PERCENT > abs(exact):
        return T["below_exact"][lang].format(
            exact=format_percent(exact, lang, decimals=2)
        )
    return T["below"][lang]


def reason_text(reason: str | None, lang: Lang) -> str:
    """A reason code in words (the code itself when it has no wording)."""
    return REASONS.get(reason or "", {"fr": reason or "", "en": reason or ""})[lang]


def not_calculable(head: str, reason: str | None, lang: Lang) -> str:
    return (
        f"{head}{COLON[lang]}{T['not_calculable'][lang]}, {reason_text(reason, lang)}."
    )


def gap_sentence(letter: str, basis: str, gap: Gap, lang: Lang) -> str:
    head = T["indicator_basis"][lang].format(
        letter=letter, label=LETTERS[letter][lang], basis=BASES[basis][lang]
    )
    if not gap.calculable:
        return not_calculable(head, gap.reason, lang)
    unit = "/h" if basis == "hourly" else ""
    figures = T["women_men_values"][lang].format(
        women=format_amount(gap.women.value, lang) + unit,
        men=format_amount(gap.men.value, lang) + unit,
    )
    body = T["gap_of"][lang].format(gap=gap_text(gap, lang))
    return (
        f"{head}{COLON[lang]}{figures}{COLON[lang]}{body} {direction(gap, lang)}, "
        f"{threshold(gap, lang)}."
    )


def gap_pair_sentences(letter: str, pair: GapPair, lang: Lang) -> list[str]:
    return [
        gap_sentence(letter, "annual", pair.annual, lang),
        gap_sentence(letter, "hourly", pair.hourly, lang),
    ]


def shares_sentences(shares: Shares, lang: Lang) -> list[str]:
    head = T["indicator"][lang].format(letter="E", label=LETTERS["E"][lang])
    if not shares.calculable:
        return [not_calculable(head, shares.reason, lang)]
    women, men = shares.women, shares.men
    text = T["e_body"][lang].format(
        women=share_text(women.ratio, lang),
        men=share_text(men.ratio, lang),
        w_benef=number_text(women.beneficiaries, lang),
        w_total=number_text(women.headcount, lang),
        m_benef=number_text(men.beneficiaries, lang),
        m_total=number_text(men.headcount, lang),
    )
    return [f"{head}{COLON[lang]}{text}"]


def band_sentence(band: Band, below: Band | None, unit: str, lang: Lang) -> str:
    """One quartile band; the top one is bounded by the threshold of the band below."""
    if band.quartile < N_BANDS:
        bound = T["f_upto"][lang].format(amount=format_amount(band.max, lang) + unit)
    elif below is not None and below.max is not None:
        bound = T["f_above"][lang].format(amount=format_amount(below.max, lang) + unit)
    else:
        bound = T["f_from"][lang].format(amount=format_amount(band.min, lang) + unit)
    return T["f_band"][lang].format(
        q=band.quartile,
        bound=bound,
        women=counted(band.women, "woman", lang),
        men=counted(band.men, "man", lang),
        ratio=share_text(band.women_ratio, lang),
    )


def quartile_sentences(basis: str, table: QuartileTable, lang: Lang) -> list[str]:
    head = T["indicator_basis"][lang].format(
        letter="F", label=LETTERS["F"][lang], basis=BASES[basis][lang]
    )
    if not table.calculable:
        return [not_calculable(head, table.reason, lang)]
    total = (table.women or 0) + (table.men or 0)
    overall = share_text(Fraction(table.women or 0, total) if total else None, lang)
    out = [f"{head}{COLON[lang]}{T['f_intro'][lang].format(overall=overall)}"]
    unit = "/h" if basis == "hourly" else ""
    bands = table.bands
    out += [
        band_sentence(band, bands[i - 1] if i else None, unit, lang)
        for i, band in enumerate(bands)
    ]
    if any(
        isinstance(b.women, Fraction) and b.women.denominator != 1 for b in table.bands
    ):
        out.append(T["f_split"][lang])
    return out


def category_sentences(
    cat: Category, column: str | None, min_cell: int, lang: Lang
) -> list[str]:
    counts = T["g_counts"][lang].format(
        women=counted(cat.women, "woman", lang), men=counted(cat.men, "man", lang)
    )
    small = T["g_small"][lang].format(min_cell=min_cell) if cat.small_cell else ""
    head = T["g_category"][lang].format(
        name=quote(category_name(cat.name, column), lang), counts=counts, small=small
    )
    if not cat.alert:
        return [f"{head}{COLON[lang]}{T['g_no_alert'][lang]}"]
    return [f"{head}{COLON[lang]}{alert_text(cat, lang)}, {T['g_beyond'][lang]}"]


def alert_text(cat: Category, lang: Lang) -> str:
    """The measures in alert: one gap, or a list grouped by whom they disfavour."""
    gaps = [(m, cat.measures[m]) for m in cat.alert_measures]
    if len(gaps) == 1:
        measure, gap = gaps[0]
        text = T["g_gap"][lang].format(
            measure=MEASURES[measure][lang], gap=gap_text(gap, lang)
        )
        return f"{text} {direction(gap, lang)}"
    groups: dict[str, list[str]] = {}
    for measure, gap in gaps:
        item = T["g_gap_item"][lang].format(
            measure=MEASURES[measure][lang], gap=gap_text(gap, lang)
        )
        groups.setdefault(direction(gap, lang), []).append(item)
    texts = [
        T["g_gaps"][lang].format(direction=who, gaps=listing(items, lang))
        for who, items in groups.items()
    ]
    return " ; ".join(texts) if lang == "fr" else "; ".join(texts)


def listing(items: list[str], lang: Lang) -> str:
    """``a``, ``a et b``, ``a, b et c``."""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + T["and"][lang] + items[-1]


def categories_sentences(g: CategoryResult, min_cell: int, lang: Lang) -> list[str]:
    head = T["indicator"][lang].format(letter="G", label=LETTERS["G"][lang])
    if not g.calculable:
        return [not_calculable(head, g.reason, lang)]
    summary = T["g_summary"][lang].format(
        n=len(g.categories), alert=len(g.alert_categories), unassigned=g.unassigned or 0
    )
    out = [f"{head}{COLON[lang]}{summary}"]
    for cat in g.categories:
        out += category_sentences(cat, g.category_column, min_cell, lang)
    best = g.max_gap
    if best is not None:
        gap = next(c for c in g.categories if c.name == best.category).measures[
            best.measure
        ]
        out.append(
            T["g_max"][lang].format(
                name=quote(category_name(best.category, g.category_column), lang),
                measure=MEASURES[best.measure][lang],
                gap=gap_text(gap, lang),
            )
        )
    return out


def population_sentences(result: DirectiveResult, lang: Lang) -> list[str]:
    pop = result.population
    out = []
    if pop.rows_used is not None:
        out.append(
            T["population"][lang].format(
                used=counted(pop.rows_used, "worker", lang),
                read=counted(pop.rows_read, "row", lang),
                women=counted(pop.annual.women, "woman", lang),
                men=counted(pop.annual.men, "man", lang),
            )
        )
    for code, count in (pop.excluded or {}).items():
        if count:
            out.append(EXCLUDED[code][lang].format(n=number_text(count, lang)))
    if pop.hourly.women is not None and pop.hourly.men is not None:
        out.append(
            T["hourly_population"][lang].format(
                women=counted(pop.hourly.women, "woman", lang),
                men=counted(pop.hourly.men, "man", lang),
            )
        )
    return out


def workforce_text(value: float | None, lang: Lang) -> str:
    """A headcount as estimated or published: 2 decimals unless whole."""
    if value is None or float(value).is_integer():
        return number_text(value, lang)
    return format_amount(value, lang).removesuffix(f"{NBSP}€").removeprefix("€")


def date_text(iso: object, lang: Lang) -> str:
    """``2027-06-01`` → « 1er juin 2027 » (French) or unchanged (English)."""
    if not isinstance(iso, str):
        return "NC"
    if lang == "en":
        return iso
    year, month, day = iso.split("-")
    return f"{'1er' if day == '01' else int(day)} {MONTHS_FR[int(month) - 1]} {year}"


def obligation_sentences(result: DirectiveResult, lang: Lang) -> list[str]:
    block = result.obligations
    flags = block.flags
    if flags is None:
        return [not_calculable(T["obligations"][lang], block.reason, lang)]
    year = block.campaign_year
    source = T[f"workforce_{block.workforce_source}"][lang]
    out = [
        T["workforce"][lang].format(
            n=workforce_text(block.workforce, lang),
            source=source,
            band=SIZE_BANDS[flags["size_band"]][lang],
        )
    ]
    if not flags["regime_in_force"]:
        return [*out, T["not_in_force"][lang].format(year=year)]
    if flags["declaration_required"]:
        date = date_text(flags["report_deadline"], lang)
        out.append(T["declaration_due"][lang].format(year=year, date=date))
    else:
        out.append(T["declaration_not_due"][lang].format(year=year))
    out.append(
        T["g_due" if flags["indicator_g_required"] else "g_not_due"][lang].format(
            year=year
        )
    )
    if flags["cse_required"]:
        out.append(T["cse_due"][lang])
    return [*out, gap_consequence(flags, lang)]


def gap_consequence(flags: Mapping[str, Any], lang: Lang) -> str:
    """What a gap of 5 % or more in G means this year for this employer (§9, §10)."""
    if flags["gap_significant"] is None:
        return T["gap_unknown"][lang]
    if flags["compliance_process_required"]:
        date = date_text(flags["second_declaration_deadline"], lang)
        return T["compliance"][lang].format(date=date)
    if flags["negotiation_required"]:
        return T["negotiation"][lang]
    return T["gap_significant" if flags["gap_significant"] else "gap_not_significant"][
        lang
    ]


class _Detail(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "?"


def warning_sentences(result: DirectiveResult, lang: Lang) -> list[str]:
    """The warnings G's sentences have not already said (small cells are said there)."""
    out = []
    for warning in result.warnings:
        template = WARNINGS.get(warning.code)
        if template is None or warning.code == "small_cell":
            continue
        detail = _Detail({"indicator": warning.indicator or ""})
        for key, value in warning.detail.items():
            if key == "basis":
                detail[key] = BASES[str(value)][lang]
            elif key == "workforce" and isinstance(value, float):
                detail[key] = workforce_text(value, lang)
            else:
                detail[key] = (
                    number_text(value, lang) if isinstance(value, float) else str(value)
                )
        out.append(template[lang].format_map(detail))
    return out


def explain(result: DirectiveResult, lang: Lang = "fr") -> list[str]:
    """Every sentence, in the order of the report: population, A–G, obligations, warnings."""
    out = []
    if result.campaign_year is not None:
        period = result.period if result.period is not None else "NC"
        out.append(
            T["header"][lang].format(
                period=period, year=result.campaign_year, regime=result.regime
            )
        )
    out += population_sentences(result, lang)
    indicators = result.indicators
    for letter in ("A", "B", "C", "D"):
        out += gap_pair_sentences(letter, indicators[letter], lang)
    out += shares_sentences(indicators.E, lang)
    out += quartile_sentences("annual", indicators.F.annual, lang)
    out += quartile_sentences("hourly", indicators.F.hourly, lang)
    out += categories_sentences(indicators.G, result.min_cell, lang)
    out += obligation_sentences(result, lang)
    out += warning_sentences(result, lang)
    return [typeset(sentence, lang) for sentence in out]
