"""The human report of ``mixite directive``: Rich tables (directive.md, Interfaces → CLI).

One table per indicator (annual and hourly rows: women, men, gap, "élevé" badge), the
quartile tables, the G table with its alert marks, the obligations block, the warnings
and a footer listing the options in force. Display rules of §3.4.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, Final

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from mixite.indicators.directive.explain import (
    category_name,
    number_text,
    reason_text,
    share_text,
    typeset,
    warning_sentences,
    workforce_text,
)
from mixite.indicators.directive.explain_text import BASES, LETTERS, T
from mixite.indicators.directive.numbers import (
    format_amount,
    format_percent,
    round_half_up,
)
from mixite.indicators.directive.options import G_MEASURES
from mixite.indicators.directive.result import options_dict

if TYPE_CHECKING:
    from rich.console import RenderableType

    from mixite.indicators.directive.categories import CategoryResult
    from mixite.indicators.directive.gaps import Gap
    from mixite.indicators.directive.quartiles import QuartileTable
    from mixite.indicators.directive.result import DirectiveResult, GapPair, Shares
    from mixite.indicators.typography import Lang

L: Final[dict[str, dict[str, str]]] = {
    "basis": {"fr": "Base", "en": "Basis"},
    "women": {"fr": "Femmes", "en": "Women"},
    "men": {"fr": "Hommes", "en": "Men"},
    "gap": {"fr": "Écart", "en": "Gap"},
    "high": {"fr": "élevé", "en": "high"},
    "n": {"fr": "Effectifs", "en": "n"},
    "band": {"fr": "Quartile", "en": "Quartile"},
    "range": {"fr": "De … à", "en": "From … to"},
    "share_women": {"fr": "% femmes", "en": "% women"},
    "category": {"fr": "Catégorie", "en": "Category"},
    "alert": {"fr": "Alerte", "en": "Alert"},
    "g_caption": {
        "fr": "* mesure testée au seuil de 5 % ; ⚠ catégorie en alerte ; (< 3) petite catégorie",
        "en": "* measure tested against 5%; ⚠ category in alert; (< 3) small category",
    },
    "obligations": {"fr": "Obligations", "en": "Obligations"},
    "warnings": {"fr": "Avertissements", "en": "Warnings"},
    "options": {"fr": "Options", "en": "Options"},
    "yes": {"fr": "oui", "en": "yes"},
    "no": {"fr": "non", "en": "no"},
    "unknown": {"fr": "inconnu", "en": "unknown"},
}
SHORT_MEASURES: Final = {
    "annual_base": {"fr": "Base\nann.", "en": "Base\nann."},
    "annual_variable": {"fr": "Var.\nann.", "en": "Var.\nann."},
    "annual_total": {"fr": "Total\nann.", "en": "Total\nann."},
    "hourly_base": {"fr": "Base\nhor.", "en": "Base\nhourly"},
    "hourly_variable": {"fr": "Var.\nhor.", "en": "Var.\nhourly"},
    "hourly_total": {"fr": "Total\nhor.", "en": "Total\nhourly"},
}


def _gap_cells(gap: Gap, basis: str, lang: Lang, hide: int | None) -> list[str]:
    """One row; ``hide``: shared view with this min_cell (small gaps masked, no amount)."""
    unit = "/h" if basis == "hourly" else ""
    counts = f"{number_text(gap.women.n, lang)} / {number_text(gap.men.n, lang)}"
    if hide is not None:
        if any(n is not None and n < hide for n in (gap.women.n, gap.men.n)):
            return [BASES[basis][lang], "", "", f"< {hide}", "", counts]
        gap = replace(
            gap, women=replace(gap.women, value=None), men=replace(gap.men, value=None)
        )
    if not gap.calculable:
        shown = f"NC ({reason_text(gap.reason, lang)})"
    else:
        shown = format_percent(gap.gap_percent, lang)
    women = (
        "" if gap.women.value is None else format_amount(gap.women.value, lang) + unit
    )
    men = "" if gap.men.value is None else format_amount(gap.men.value, lang) + unit
    badge = L["high"][lang] if gap.high else ""
    return [BASES[basis][lang], women, men, shown, badge, counts]


def gap_table(letter: str, pair: GapPair, lang: Lang, hide: int | None = None) -> Table:
    table = Table(title=f"{letter} — {LETTERS[letter][lang]}", title_justify="left")
    for key in ("basis", "women", "men", "gap", "high", "n"):
        table.add_column(L[key][lang], justify="left" if key == "basis" else "right")
    for basis in ("annual", "hourly"):
        table.add_row(*_gap_cells(getattr(pair, basis), basis, lang, hide))
    return table


def shares_table(shares: Shares, lang: Lang) -> Table:
    table = Table(title=f"E — {LETTERS['E'][lang]}", title_justify="left")
    for key in ("women", "men"):
        table.add_column(L[key][lang], justify="right")
    if not shares.calculable:
        table.caption = f"NC ({reason_text(shares.reason, lang)})"
    cells = [
        f"{share_text(side.ratio, lang)} ({number_text(side.beneficiaries, lang)} / "
        f"{number_text(side.headcount, lang)})"
        for side in (shares.women, shares.men)
    ]
    table.add_row(*cells)
    return table


def quartile_table(
    basis: str, f: QuartileTable, lang: Lang, *, shared: bool = False
) -> Table:
    title = f"F — {LETTERS['F'][lang]} ({BASES[basis][lang]})"
    table = Table(title=title, title_justify="left")
    for key in ("band", "range", "women", "men", "share_women"):
        table.add_column(L[key][lang], justify="right")
    if not f.calculable:
        table.caption = f"NC ({reason_text(f.reason, lang)})"
    unit = "/h" if basis == "hourly" else ""
    for band in f.bands:
        bounds = f"{format_amount(band.min, lang)}{unit} – {format_amount(band.max, lang)}{unit}"
        if shared:  # no amount in a shared view (§12)
            bounds = ""
        table.add_row(
            f"Q{band.quartile}",
            bounds,
            number_text(band.women, lang),
            number_text(band.men, lang),
            share_text(band.women_ratio, lang),
        )
    return table


def categories_table(g: CategoryResult, lang: Lang, hide: int | None = None) -> Table:
    table = Table(
        title=f"G — {LETTERS['G'][lang]}",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        padding=(0, 0, 0, 1),
    )
    table.add_column(L["category"][lang], min_width=6, overflow="fold")
    table.add_column("F / H", justify="right", no_wrap=True)
    for measure in G_MEASURES:
        marker = "*" if measure in g.alert_set else ""
        table.add_column(
            SHORT_MEASURES[measure][lang] + marker, justify="right", no_wrap=True
        )
    table.add_column("", no_wrap=True)
    table.caption = typeset(L["g_caption"][lang], lang)
    if not g.calculable:
        table.caption = f"NC ({reason_text(g.reason, lang)})"
    for cat in g.categories:
        cells = []
        for measure in G_MEASURES:
            gap = cat.measures[measure]
            text = format_percent(gap.gap_percent, lang)
            if hide is not None and cat.small_cell:
                text = f"< {hide}"
            cells.append(
                f"[bold red]{text}[/]" if measure in cat.alert_measures else text
            )
        small = " (< 3)" if cat.small_cell else ""
        table.add_row(
            category_name(cat.name, g.category_column) + small,
            f"{cat.women} / {cat.men}",
            *cells,
            "⚠" if cat.alert else "",
        )
    return table


def _flag(value: Any, lang: Lang) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return L["yes" if value else "no"][lang]
    if isinstance(value, float):
        return workforce_text(value, lang)
    return str(value)


SOURCES: Final = {
    "estimated": {"fr": "estimé d'après le fichier", "en": "estimated from the file"},
    "option": {"fr": "indiqué (--workforce)", "en": "given (--workforce)"},
    "gip": {"fr": "GIP-MDS (Effectif_RCD)", "en": "GIP-MDS (Effectif_RCD)"},
}
OBLIGATION_LABELS: Final = {
    "regime": {"fr": "Règles", "en": "Rules"},
    "campaign_year": {"fr": "Année de déclaration", "en": "Campaign year"},
    "data_year": {"fr": "Année des données", "en": "Data year"},
    "workforce": {"fr": "Effectif", "en": "Headcount"},
    "workforce_source": {"fr": "Source de l'effectif", "en": "Headcount source"},
    "has_cse": {"fr": "CSE", "en": "Works council (CSE)"},
    "g_gap_percent": {"fr": "Plus grand écart G (%)", "en": "Largest G gap (%)"},
    "size_band": {"fr": "Tranche d'effectif", "en": "Size band"},
    "regime_in_force": {"fr": "Régime en vigueur", "en": "Regime in force"},
    "declaration_required": {"fr": "Déclaration A–F due", "en": "A–F declaration due"},
    "indicator_g_required": {"fr": "Indicateur G dû", "en": "Indicator G due"},
    "cse_required": {"fr": "Avis du CSE requis", "en": "CSE opinion required"},
    "gap_significant": {"fr": "Écart G ≥ 5 %", "en": "G gap ≥ 5%"},
    "compliance_process_required": {
        "fr": "Mise en conformité",
        "en": "Compliance process",
    },
    "negotiation_required": {
        "fr": "Mesures en négociation",
        "en": "Measures in negotiation",
    },
    "report_deadline": {
        "fr": "Date limite de déclaration",
        "en": "Declaration deadline",
    },
    "second_declaration_deadline": {
        "fr": "Seconde déclaration avant",
        "en": "Second declaration by",
    },
    "reason": {"fr": "Non évalué car", "en": "Not evaluated because"},
}


def obligations_table(result: DirectiveResult, lang: Lang) -> Table:
    table = Table(title=L["obligations"][lang], title_justify="left", show_header=False)
    table.add_column()
    table.add_column()
    for key, value in result.obligations.to_dict().items():
        shown = value
        if key == "reason" and value is not None:
            shown = reason_text(value, lang)
        if key == "workforce_source" and value is not None:
            shown = SOURCES[value][lang]
        if key == "g_gap_percent" and isinstance(value, float):
            shown = format_percent(round_half_up(value, 1), lang)
        table.add_row(typeset(OBLIGATION_LABELS[key][lang], lang), _flag(shown, lang))
    return table


def footer(result: DirectiveResult, lang: Lang) -> Text:
    if result.options is None:
        return Text(f"{L['options'][lang]}: GIP-MDS ({result.regime})")
    shown = ", ".join(f"{k}={v}" for k, v in options_dict(result.options).items())
    return Text(f"{L['options'][lang]} ({result.regime}): {shown}", style="dim")


def render(
    result: DirectiveResult, lang: Lang = "fr", *, shared: bool = False
) -> RenderableType:
    """The whole human report of one result (``shared``: the masking of §12)."""
    hide = result.min_cell if shared else None
    parts: list[RenderableType] = []
    if result.siren is not None:
        parts.append(Text(f"SIREN {result.siren}", style="bold"))
    if result.campaign_year is not None:
        header = T["header"][lang].format(
            period=result.period, year=result.campaign_year, regime=result.regime
        )
        parts.append(Text(typeset(header, lang)))
    indicators = result.indicators
    pairs = (
        ("A", indicators.A),
        ("B", indicators.B),
        ("C", indicators.C),
        ("D", indicators.D),
    )
    parts += [gap_table(letter, pair, lang, hide) for letter, pair in pairs]
    parts.append(shares_table(indicators.E, lang))
    parts += [
        quartile_table(b, getattr(indicators.F, b), lang, shared=shared)
        for b in ("annual", "hourly")
    ]
    parts.append(categories_table(indicators.G, lang, hide))
    parts.append(obligations_table(result, lang))
    if result.warnings:
        parts.append(Text(L["warnings"][lang], style="bold"))
        parts += [
            Text(f"• {typeset(line, lang)}") for line in warning_sentences(result, lang)
        ]
    parts.append(footer(result, lang))
    return Group(*parts)
