"""Indicators A–E from the scan's sums and the backend's order statistics (directive.md §4–5).

A and B are means (exact sums over ``n``), C and D medians, each on annual pay and on
hourly pay; B and D by default over the beneficiaries of variable pay only (K6). E is the
share of beneficiaries among each sex, each over its own headcount.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import TYPE_CHECKING, Final

from mixite.indicators.directive.aggregate import Sums, medians
from mixite.indicators.directive.gaps import Gap, SexValue, make_gap, not_calculable
from mixite.indicators.directive.numbers import mean
from mixite.indicators.directive.result import GapPair, Share, Shares

if TYPE_CHECKING:
    from collections.abc import Mapping

    import ibis.expr.types as ir

    from mixite.indicators.directive.options import DirectiveOptions
    from mixite.indicators.directive.population import InputColumns

SEXES: Final = ("F", "M")
# letter -> (per-worker value on the annual basis, on the hourly basis, statistic, variable)
GAP_INDICATORS: Final = {
    "A": ("pay", "hourly_pay", "mean", False),
    "B": ("variable", "hourly_var", "mean", True),
    "C": ("pay", "hourly_pay", "median", False),
    "D": ("variable", "hourly_var", "median", True),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Context:
    """What every A–D gap needs: sums per sex, the kept workers, the input columns."""

    by_sex: Mapping[str, Sums]
    kept: ir.Table  # kept workers (annual population), on the input's backend
    options: DirectiveOptions
    cols: InputColumns
    medians: Mapping[tuple[str, bool, str], float | None] = field(default_factory=dict)


def with_medians(ctx: Context) -> Context:
    """The medians of C and D, both bases and sexes, fetched in one query."""
    keys, requests = [], []
    only_benef = ctx.options.variable_population == "beneficiaries"
    for letter in ("C", "D"):
        annual_value, hourly_value, _, variable = GAP_INDICATORS[letter]
        for hourly in (False, True):
            if _reason(ctx, letter, hourly=hourly) == "missing_column":
                continue
            for sex in SEXES:
                n = _counts(
                    ctx.by_sex[sex],
                    hourly=hourly,
                    variable=variable,
                    beneficiaries=only_benef,
                )
                rows = _rows(
                    ctx, sex, hourly=hourly, variable=variable, only_benef=only_benef
                )
                keys.append((letter, hourly, sex))
                requests.append((rows, hourly_value if hourly else annual_value, n))
    found = dict(zip(keys, medians(requests), strict=True))
    return replace(ctx, medians=found)


def _counts(sums: Sums, *, hourly: bool, variable: bool, beneficiaries: bool) -> int:
    """The number of values entering a statistic for one sex (``women.n`` / ``men.n``)."""
    if variable and beneficiaries:
        return sums.n_hours_benef if hourly else sums.n_benef
    return sums.n_hours if hourly else sums.n


def _rows(
    ctx: Context, sex: str, *, hourly: bool, variable: bool, only_benef: bool
) -> ir.Table:
    rows = ctx.kept.filter(ctx.kept.sex == sex)
    if hourly:
        rows = rows.filter(rows.has_hours)
    if variable and only_benef:
        rows = rows.filter(rows.beneficiary)
    return rows


def _reason(ctx: Context, letter: str, *, hourly: bool) -> str | None:
    """The population checks of §3.1, in their order, before any value is compared."""
    _, _, _, variable = GAP_INDICATORS[letter]
    if not ctx.cols.base or (variable and not ctx.cols.variable):
        return "missing_column"
    if hourly and not ctx.cols.hours:
        return "missing_column"
    women, men = ctx.by_sex["F"], ctx.by_sex["M"]
    if hourly and women.n + men.n > 0 and women.n_hours + men.n_hours == 0:
        return "no_hours"
    for sums, code in ((women, "no_women"), (men, "no_men")):
        if (sums.n_hours if hourly else sums.n) == 0:
            return code
    if variable and ctx.options.variable_population == "beneficiaries":
        for sums, code in (
            (women, "no_beneficiaries_women"),
            (men, "no_beneficiaries_men"),
        ):
            if (sums.n_hours_benef if hourly else sums.n_benef) == 0:
                return code
    return None


def gap_for(ctx: Context, letter: str, *, hourly: bool) -> Gap:
    """One A–D gap on one basis."""
    annual_value, hourly_value, statistic, variable = GAP_INDICATORS[letter]
    value = hourly_value if hourly else annual_value
    only_benef = ctx.options.variable_population == "beneficiaries"
    reason = _reason(ctx, letter, hourly=hourly)
    usable = reason != "missing_column"
    sides = []
    for sex in SEXES:
        sums = ctx.by_sex[sex]
        n = _counts(sums, hourly=hourly, variable=variable, beneficiaries=only_benef)
        result = None
        if usable and statistic == "mean":
            result = mean(sums.total(value), n)
        elif usable:
            result = ctx.medians[letter, hourly, sex]
        sides.append(SexValue(n=n if usable else None, value=result))
    women, men = sides
    if reason is not None:
        return not_calculable(reason, women, men)
    return make_gap(women, men, direction=ctx.options.direction)


def gap_pair(ctx: Context, letter: str) -> GapPair:
    return GapPair(
        annual=gap_for(ctx, letter, hourly=False),
        hourly=gap_for(ctx, letter, hourly=True),
    )


def shares(by_sex: Mapping[str, Sums], cols: InputColumns) -> Shares:
    """Indicator E: each sex's beneficiaries over its own headcount (§5)."""
    women, men = by_sex["F"], by_sex["M"]
    known = cols.base and cols.variable

    def side(sums: Sums) -> Share:
        ratio = Fraction(sums.n_benef, sums.n) if known and sums.n else None
        return Share(
            beneficiaries=sums.n_benef if known else None,
            headcount=sums.n if cols.base else None,
            ratio=ratio,
        )

    reason = None
    if not known:
        reason = "missing_column"
    elif women.n == 0:
        reason = "no_women"
    elif men.n == 0:
        reason = "no_men"
    return Shares(
        calculable=reason is None, reason=reason, women=side(women), men=side(men)
    )
