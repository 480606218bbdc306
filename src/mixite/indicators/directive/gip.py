"""From a GIP-MDS line to a directive result (directive.md §11.2–11.3).

GIP-MDS publishes amounts rounded to the cent and gap ratios computed on the unrounded
means, to 4 decimals: the published ratio is used when there is one (a recomputation from
rounded hourly amounts can be far off), and recomputed from the amounts only when the
cell is empty. G is never in the file: the employer computes it.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final

from mixite.indicators.directive.categories import CategoryResult
from mixite.indicators.directive.gaps import Gap, SexValue, is_high, not_calculable
from mixite.indicators.directive.numbers import round_half_up
from mixite.indicators.directive.obligations import obligations, rule_pack
from mixite.indicators.directive.options import G_ALERT_SETS
from mixite.indicators.directive.quartiles import Band, QuartileTable
from mixite.indicators.directive.result import (
    GIP_SCHEMA,
    DirectiveResult,
    DirectiveWarning,
    GapPair,
    Indicators,
    ObligationsBlock,
    Population,
    QuartilePair,
    SexCounts,
    Share,
    Shares,
)
from mixite.workforce.readers.gip import GipError, GipFile, GipRow, read_gip

if TYPE_CHECKING:
    from collections.abc import Sequence

    from mixite.workforce.readers.gip import GipIssue

JsonDict = dict[str, Any]
FILE_WARNINGS: Final = ("encoding_cp1252", "row_count_mismatch")
POPULATION: Final = {
    "annual": "Effectif_{sex}_rem_annuelle_globale",
    "hourly": "Effectif_{sex}_taux_horaire_global",
    "variable": "Effectif_{sex}_rem_annuelle_variable",
}
# (letter, basis) -> (stem of the _F/_H amounts, stem of _ecart if other, population)
GAP_COLUMNS: Final = {
    ("A", "annual"): ("Rem_globale_annuelle_moyenne", None, "annual"),
    ("A", "hourly"): ("Taux_horaire_global_moyen", None, "hourly"),
    ("B", "annual"): ("Rem_variable_annuelle_moyenne", None, "variable"),
    ("B", "hourly"): ("Taux_horaire_variable_moyen", None, "variable"),
    ("C", "annual"): ("Rem_globale_annuelle_mediane", None, "annual"),
    ("C", "hourly"): (
        "Taux_globale_annuelle_mediane",
        "Taux_horaire_global_median",
        "hourly",
    ),
    ("D", "annual"): ("Rem_variable_annuelle_mediane", None, "variable"),
    ("D", "hourly"): ("Taux_horaire_variable_median", None, "variable"),
}
F_BASES: Final = {
    "annual": ("Rem_globale", "Rem_globale_annuelle"),
    "hourly": ("Taux_horaire_global", "Taux_horaire_global"),
}
CENT: Final = Decimal("0.01")


def _count(value: float | None) -> int | float | None:
    """A published headcount: a whole number when it is one."""
    if value is not None and value.is_integer():
        return int(value)
    return value


def _population(row: GipRow, group: str, sex: str) -> int | float | None:
    return _count(row.get(POPULATION[group].format(sex=sex)))


def _gap(row: GipRow, letter: str, basis: str) -> Gap:
    """One A–D gap from the published amounts and ratio (§11.3)."""
    return replace(_gap_of(row, letter, basis), from_gip=True)


def _gap_of(row: GipRow, letter: str, basis: str) -> Gap:
    stem, gap_stem, group = GAP_COLUMNS[letter, basis]
    n_women, n_men = _population(row, group, "F"), _population(row, group, "H")
    women = SexValue(n=_int(n_women), value=row.get(f"{stem}_F"))
    men = SexValue(n=_int(n_men), value=row.get(f"{stem}_H"))
    published = row.get(f"{gap_stem or stem}_ecart")
    population = "hourly" if basis == "hourly" else "annual"
    checks = [
        (_population(row, population, "F"), "no_women"),
        (_population(row, population, "H"), "no_men"),
    ]
    if group == "variable":
        checks += [(n_women, "no_beneficiaries_women"), (n_men, "no_beneficiaries_men")]
    for n, code in checks:
        if n == 0:
            return not_calculable(code, women, men)
    if published is not None:
        return Gap(
            calculable=True, reason=None, women=women, men=men,
            gap_ratio_exact=published, high=is_high(published), gap_source="published",
        )  # fmt: skip
    if women.value is None or men.value is None:
        return not_calculable("gip_value_missing", women, men)
    if men.value == 0:
        return not_calculable("men_value_zero", women, men)
    exact = (men.value - women.value) / men.value
    # §11.3: in GIP mode the 5 % test is made on the 4-decimal ratio (what is published);
    # a recomputed ratio is tested as it would be published, like the published ones.
    return Gap(
        calculable=True, reason=None, women=women, men=men, gap_ratio_exact=exact,
        high=is_high(round_half_up(exact, 4)), gap_source="recomputed",
    )  # fmt: skip


def _int(value: int | float | None) -> int | None:
    return value if isinstance(value, int) else None


def _shares(row: GipRow) -> Shares:
    """E: the published proportions, else beneficiaries over headcount."""
    sides = []
    for sex in ("F", "H"):
        beneficiaries = _population(row, "variable", sex)
        headcount = _population(row, "annual", sex)
        ratio: Fraction | float | None = row.get(f"Proportion_variable_{sex}")
        if ratio is None and beneficiaries is not None and headcount:
            ratio = Fraction(Decimal(repr(beneficiaries))) / Fraction(
                Decimal(repr(headcount))
            )
        sides.append(
            Share(
                beneficiaries=_int(beneficiaries),
                headcount=_int(headcount),
                ratio=ratio,
            )
        )
    women, men = sides
    reason = None
    if women.headcount == 0:
        reason = "no_women"
    elif men.headcount == 0:
        reason = "no_men"
    elif women.ratio is None or men.ratio is None:
        reason = "gip_value_missing"
    return Shares(calculable=reason is None, reason=reason, women=women, men=men)


def _plus_cent(value: float | None) -> float | None:
    return None if value is None else float(Decimal(repr(value)) + CENT)


def _band(row: GipRow, basis: str, q: int, thresholds: Sequence[float | None]) -> Band:
    _, stem = F_BASES[basis]
    women = _count(row.get(f"Quartile{q}_{stem}_nb_F"))
    men = _count(row.get(f"Quartile{q}_{stem}_nb_H"))
    size = None if women is None or men is None else women + men
    ratios: list[Fraction | float | None] = []
    for sex, count in (("F", women), ("H", men)):
        ratio: Fraction | float | None = row.get(f"Quartile{q}_{stem}_proportion_{sex}")
        if ratio is None and count is not None and size:
            ratio = Fraction(Decimal(repr(count))) / Fraction(Decimal(repr(size)))
        ratios.append(ratio)
    return Band(
        quartile=q,
        size=size,
        min=None if q == 1 else _plus_cent(thresholds[q - 2]),
        max=None if q == 4 else thresholds[q - 1],  # noqa: PLR2004 - Q4 has no threshold
        women=women,
        men=men,
        women_ratio=ratios[0],
        men_ratio=ratios[1],
    )


def _quartiles(row: GipRow, basis: str) -> QuartileTable:
    seuil, _ = F_BASES[basis]
    thresholds = tuple(row.get(f"Seuil_Q{q}_{seuil}") for q in (1, 2, 3))
    group = "annual" if basis == "annual" else "hourly"
    women, men = _population(row, group, "F"), _population(row, group, "H")
    bands = tuple(_band(row, basis, q, thresholds) for q in (1, 2, 3, 4))
    known = any(b.women is not None or b.women_ratio is not None for b in bands)
    n = None if women is None or men is None else women + men
    return QuartileTable(
        calculable=known,
        reason=None if known else "gip_value_missing",
        n=_int(n),
        ties=None,
        thresholds=thresholds,
        bands=bands if known else (),
        women=_int(women),
        men=_int(men),
    )


def _obligations(
    row: GipRow, period: int | None, campaign_year: int | None, has_cse: bool
) -> ObligationsBlock:
    pack = rule_pack("fr")
    workforce = row.get("Effectif_RCD")
    flags = None
    reason = "period_unknown" if campaign_year is None else None
    if workforce is None:
        reason = "gip_value_missing"
    elif campaign_year is not None:
        flags = obligations(workforce, campaign_year, None, has_cse)
    return ObligationsBlock(
        regime=pack.version,
        campaign_year=campaign_year,
        data_year=period,
        workforce=workforce,
        workforce_source="gip",
        has_cse=has_cse,
        g_gap_percent=None,
        flags=flags,
        reason=reason,
    )


def _warnings(
    gip: GipFile, row: GipRow, gaps: dict[str, GapPair], f: QuartilePair
) -> tuple[DirectiveWarning, ...]:
    """Input first (file, then this line), then A–D and F, as §13 orders them."""

    def of(issue: GipIssue) -> DirectiveWarning:
        detail = {
            k: v
            for k, v in (
                ("line", issue.line),
                ("column", issue.column),
                ("value", issue.value),
            )
            if v is not None
        }
        return DirectiveWarning(
            code=issue.code, indicator=None, detail={**detail, **issue.params}
        )

    out = [of(w) for w in gip.warnings if w.code in FILE_WARNINGS]
    out += [of(i) for i in row.issues if i.code in ("siren_padded", "not_a_number")]
    for letter, pair in gaps.items():
        for basis, gap in (("annual", pair.annual), ("hourly", pair.hourly)):
            if gap.gap_source == "recomputed":
                out.append(
                    DirectiveWarning(
                        code="gap_recomputed_from_rounded",
                        indicator=letter,
                        detail={"basis": basis},
                    )
                )
    for basis, table in (("annual", f.annual), ("hourly", f.hourly)):
        if table.equal_thresholds:
            out.append(
                DirectiveWarning(
                    code="equal_quartile_thresholds",
                    indicator="F",
                    detail={"basis": basis, "thresholds": table.thresholds},
                )
            )
    return tuple(out)


def company_result(
    gip: GipFile, row: GipRow, *, year: int | None, has_cse: bool
) -> DirectiveResult:
    """The directive result of one company of the file."""
    period = gip.period
    campaign_year = (
        year if year is not None else (None if period is None else period + 1)
    )
    gaps = {
        letter: GapPair(
            annual=_gap(row, letter, "annual"), hourly=_gap(row, letter, "hourly")
        )
        for letter in ("A", "B", "C", "D")
    }
    f = QuartilePair(annual=_quartiles(row, "annual"), hourly=_quartiles(row, "hourly"))
    g = CategoryResult(
        calculable=False, reason="employer_input_required", category_column=None,
        unassigned=None, categories=(), alert_any=None,
        alert_set=G_ALERT_SETS["components"], max_gap=None,
    )  # fmt: skip
    block = _obligations(row, period, campaign_year, has_cse)
    return DirectiveResult(
        regime=block.regime,
        source="gip-mds",
        period=period,
        campaign_year=campaign_year,
        options=None,
        population=Population(
            rows_read=None,
            rows_used=None,
            excluded=None,
            annual=SexCounts(
                women=_int(_population(row, "annual", "F")),
                men=_int(_population(row, "annual", "H")),
            ),
            hourly=SexCounts(
                women=_int(_population(row, "hourly", "F")),
                men=_int(_population(row, "hourly", "H")),
            ),
        ),
        indicators=Indicators(**gaps, E=_shares(row), F=f, G=g),
        obligations=block,
        warnings=_warnings(gip, row, gaps, f),
        siren=row.siren,
        quality=dict(row.quality),
    )


def from_gip(
    gip_file: GipFile | str,
    *,
    siren: str | None = None,
    year: int | None = None,
    has_cse: bool = True,
) -> list[DirectiveResult]:
    """One result per company of a GIP-MDS file (or only ``siren``); GipError if unreadable."""
    gip = read_gip(gip_file) if isinstance(gip_file, str) else gip_file
    if gip.fatal is not None:
        raise GipError(gip.fatal)
    wanted = None if siren is None else siren.strip().zfill(9)
    return [
        company_result(gip, row, year=year, has_cse=has_cse)
        for row in gip.rows
        if wanted is None or row.siren == wanted
    ]


def gip_dict(gip: GipFile, results: Sequence[DirectiveResult]) -> JsonDict:
    """The JSON of ``mixite directive --gip --json``."""
    return {
        "schema": GIP_SCHEMA,
        "file": gip.file_dict(),
        "companies": [r.to_dict() for r in results],
        "errors": [e.to_dict() for e in gip.errors],
    }


__all__ = ["GipFile", "from_gip", "gip_dict", "read_gip"]
