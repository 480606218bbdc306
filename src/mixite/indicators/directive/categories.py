"""Indicator G: pay gaps by category of workers, and the 5 % alert (directive.md §7).

Means over all workers of the category and sex, zeros included (K12), for base, variable
and total pay, annual and hourly. A category in alert is where the joint pay assessment of
art. 10 may start; small categories are kept (the law has no minimum) but flagged (K13).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from mixite.indicators.directive.gaps import Gap, SexValue, make_gap, not_calculable
from mixite.indicators.directive.numbers import mean
from mixite.indicators.directive.options import G_MEASURES

if TYPE_CHECKING:
    from collections.abc import Mapping

    from mixite.indicators.directive.aggregate import Sums
    from mixite.indicators.directive.options import DirectiveOptions

JsonDict = dict[str, Any]
MASKED_PREFIX: Final = "< "

# measure -> (per-worker value summed by the scan, hourly)
MEASURE_VALUES: Final = {
    "annual_base": ("base", False),
    "annual_variable": ("variable", False),
    "annual_total": ("pay", False),
    "hourly_base": ("hourly_base", True),
    "hourly_variable": ("hourly_var", True),
    "hourly_total": ("hourly_pay", True),
}
CSP_LABELS: Final = {  # §7.1: the four default categories of the French platform
    "ouv": "Ouvriers",
    "emp": "Employés",
    "tam": "Techniciens et agents de maîtrise",
    "ic": "Ingénieurs et cadres",
}


def sort_key(name: str) -> tuple[str, str]:
    """Accents removed and case folded, then the raw name (§7.1), code-point order."""
    decomposed = unicodedata.normalize("NFD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return bare.casefold(), name


def masked(min_cell: int) -> JsonDict:
    return {"masked": True, "display": f"{MASKED_PREFIX}{min_cell}"}


@dataclass(frozen=True, slots=True, kw_only=True)
class Category:
    name: str
    women: int
    men: int
    small_cell: bool
    measures: Mapping[str, Gap]
    alert: bool
    alert_measures: tuple[str, ...]

    def to_dict(self, *, shared: bool, min_cell: int) -> JsonDict:
        if shared and self.small_cell:
            measures = {name: masked(min_cell) for name in self.measures}
        else:
            measures = {name: gap.measure_dict() for name, gap in self.measures.items()}
            if shared:  # no currency amount in shared views (§12)
                for measure in measures.values():
                    measure["women"] = measure["men"] = None
        return {
            "name": self.name,
            "women": self.women,
            "men": self.men,
            "small_cell": self.small_cell,
            "measures": measures,
            "alert": self.alert,
            "alert_measures": []
            if shared and self.small_cell
            else list(self.alert_measures),
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class MaxGap:
    category: str
    measure: str
    gap_percent_exact: float

    def to_dict(self) -> JsonDict:
        return {
            "category": self.category,
            "measure": self.measure,
            "gap_percent_exact": self.gap_percent_exact,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class CategoryResult:
    """G as a whole; ``alert_any`` is None when G is not calculable (unknown)."""

    calculable: bool
    reason: str | None
    category_column: str | None
    unassigned: int | None
    categories: tuple[Category, ...]
    alert_any: bool | None
    alert_set: tuple[str, ...]
    max_gap: MaxGap | None

    @property
    def alert_categories(self) -> list[str]:
        return [c.name for c in self.categories if c.alert]

    def to_dict(self, *, shared: bool = False, min_cell: int = 3) -> JsonDict:
        return {
            "calculable": self.calculable,
            "reason": self.reason,
            "category_column": self.category_column,
            "unassigned": self.unassigned,
            "categories": [
                c.to_dict(shared=shared, min_cell=min_cell) for c in self.categories
            ],
            "alert": {
                "any": self.alert_any,
                "measures": list(self.alert_set),
                "categories": self.alert_categories,
                "max_gap": None if self.max_gap is None else self.max_gap.to_dict(),
            },
        }


def not_calculable_result(
    reason: str,
    options: DirectiveOptions,
    *,
    column: str | None,
    unassigned: int | None,
) -> CategoryResult:
    return CategoryResult(
        calculable=False,
        reason=reason,
        category_column=column,
        unassigned=unassigned,
        categories=(),
        alert_any=None,
        alert_set=options.alert_measures,
        max_gap=None,
    )


def _measure(
    name: str,
    women: Sums,
    men: Sums,
    options: DirectiveOptions,
    *,
    hours_known: bool,
) -> Gap:
    value, hourly = MEASURE_VALUES[name]
    n_women = women.n_hours if hourly else women.n
    n_men = men.n_hours if hourly else men.n
    sides = (
        SexValue(n=n_women, value=mean(women.total(value), n_women)),
        SexValue(n=n_men, value=mean(men.total(value), n_men)),
    )
    if hourly and not hours_known:
        return not_calculable("missing_column", *sides)
    reason = None
    if women.n == 0:
        reason = "no_women"
    elif men.n == 0:
        reason = "no_men"
    elif hourly and n_women + n_men == 0:
        reason = "no_hours"
    return make_gap(*sides, direction=options.direction, reason=reason)


def category(
    name: str, sums: Mapping[str, Sums], options: DirectiveOptions, *, hours_known: bool
) -> Category:
    women, men = sums["F"], sums["M"]
    measures = {
        measure: _measure(measure, women, men, options, hours_known=hours_known)
        for measure in G_MEASURES
    }
    fired = tuple(
        m for m in options.alert_measures if measures[m].calculable and measures[m].high
    )
    return Category(
        name=name,
        women=women.n,
        men=men.n,
        small_cell=women.n < options.min_cell or men.n < options.min_cell,
        measures=measures,
        alert=bool(fired),
        alert_measures=fired,
    )


def max_gap(
    categories: tuple[Category, ...], options: DirectiveOptions
) -> MaxGap | None:
    """The alert-set measure with the largest gap; ties go to the first (§7.4)."""
    best: tuple[float, Category, str] | None = None
    for cat in categories:
        for measure in options.alert_measures:
            exact = cat.measures[measure].gap_ratio_exact
            if exact is None:
                continue
            score = abs(exact) if options.direction == "absolute" else exact
            if best is None or score > best[0]:
                best = (score, cat, measure)
    if best is None:
        return None
    _, cat, measure = best
    percent = cat.measures[measure].gap_percent_exact
    assert percent is not None  # noqa: S101 - a calculable measure has a percent
    return MaxGap(category=cat.name, measure=measure, gap_percent_exact=percent)


def categories_result(
    groups: Mapping[str, Mapping[str, Sums]],
    options: DirectiveOptions,
    *,
    unassigned: int,
    hours_known: bool,
) -> CategoryResult:
    """G from the sums per category and sex of the annual population."""
    column = options.category_column
    n_women = sum(g["F"].n for g in groups.values())
    n_men = sum(g["M"].n for g in groups.values())
    if n_women == 0 or n_men == 0:
        reason = "no_women" if n_women == 0 else "no_men"
        return not_calculable_result(
            reason, options, column=column, unassigned=unassigned
        )
    names = sorted(groups, key=sort_key)
    cats = tuple(
        category(n, groups[n], options, hours_known=hours_known) for n in names
    )
    return CategoryResult(
        calculable=True,
        reason=None,
        category_column=column,
        unassigned=unassigned,
        categories=cats,
        alert_any=any(c.alert for c in cats),
        alert_set=options.alert_measures,
        max_gap=max_gap(cats, options),
    )
