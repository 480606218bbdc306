"""What the engine brings to the joint pay assessment of art. 10(2) (directive.md §10.1).

Items (a)–(c) come from G; item (e), the share of people back from leave who received the
pay improvement that occurred during their leave, is counted here. Items (d), (f) and (g)
(reasons, measures, evaluation of earlier measures) are entered and tracked on the web
platform, not computed.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final

from mixite.indicators.core import as_loaded, to_polars
from mixite.indicators.directive import population as pop
from mixite.indicators.directive.categories import sort_key
from mixite.indicators.directive.compute import compute_loaded
from mixite.indicators.directive.options import DirectiveOptions
from mixite.indicators.directive.quartiles import share_json

if TYPE_CHECKING:
    from collections.abc import Mapping

    import ibis.expr.types as ir

    from mixite.indicators.directive.categories import Category
    from mixite.indicators.directive.result import DirectiveResult

JsonDict = dict[str, Any]
SCHEMA: Final = "mixite.directive.joint/1"
LEAVE_COLUMNS: Final = ("maternity_return", "raised_after_leave")
LEAVE_NOTE: Final = {
    "fr": "Le tableau canonique ne connaît que les retours de congé maternité et "
    "d'adoption : les congés paternité, parental et de proche aidant n'y figurent pas.",
    "en": "The canonical table covers maternity and adoption leave only: paternity, "
    "parental and carers' leave are not in it.",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class LeaveReturns:
    """Item (e) for one sex of one category."""

    returned: int | None
    improved: int | None
    reason: str | None

    @property
    def share(self) -> Fraction | None:
        if not self.returned or self.improved is None:
            return None
        return Fraction(self.improved, self.returned)

    def to_dict(self) -> JsonDict:
        return {
            "calculable": self.reason is None,
            "reason": self.reason,
            "returned": self.returned,
            "improved": self.improved,
            "share": share_json(self.share),
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class CategoryAssessment:
    category: Category
    women_share: Fraction | None
    leave: Mapping[str, LeaveReturns]

    def to_dict(self) -> JsonDict:
        cat = self.category
        men_share = None if self.women_share is None else 1 - self.women_share
        return {
            "name": cat.name,
            "women": cat.women,
            "men": cat.men,
            "women_share": share_json(self.women_share),
            "men_share": share_json(men_share),
            "measures": {
                name: gap.measure_dict() for name, gap in cat.measures.items()
            },
            "alert": cat.alert,
            "alert_measures": list(cat.alert_measures),
            "leave_returns": {
                "women": self.leave["F"].to_dict(),
                "men": self.leave["M"].to_dict(),
            },
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class JointAssessment:
    """The computed items of the joint pay assessment, per category of workers."""

    period: int | None
    category_column: str
    categories: tuple[CategoryAssessment, ...]

    def to_dict(self) -> JsonDict:
        return {
            "schema": SCHEMA,
            "period": self.period,
            "category_column": self.category_column,
            "categories": [c.to_dict() for c in self.categories],
            "note": LEAVE_NOTE["fr"],
        }


def _leave_counts(
    table: ir.Table, options: DirectiveOptions, period: int | None
) -> dict[tuple[str, str], LeaveReturns]:
    """(category, sex) -> returns and improvements among the G population (item (e))."""
    cols = pop.InputColumns.of(table, options)
    on_period = period is not None and bool(pop.periods_of(table))
    returned = (
        table.maternity_return.fill_null(False) & table.raised_after_leave.notnull()
    )
    improved = returned & table.raised_after_leave.fill_null(False)
    flagged = pop.workers(
        table, options, cols, period=period, on_period=on_period,
        extra={"returned": returned, "improved": improved},
    )  # fmt: skip
    kept = flagged.filter(flagged.excluded_reason.isnull() & flagged.category.notnull())
    grouped = kept.group_by(["category", "sex"]).aggregate(
        returned=kept.count(where=kept.returned),
        improved=kept.count(where=kept.improved),
    )
    out = {}
    for row in to_polars(grouped).iter_rows(named=True):
        n = row["returned"]
        out[row["category"], row["sex"]] = LeaveReturns(
            returned=n, improved=row["improved"], reason=None if n else "no_return"
        )
    return out


def joint_assessment(
    table: object, result: DirectiveResult | None = None
) -> JointAssessment:
    """Items (a), (b), (c) and (e) of art. 10(2) per category (``result`` reused if given)."""
    loaded = as_loaded(table)
    if result is None:
        result = compute_loaded(loaded.table, DirectiveOptions(), report=loaded.report)
    options = result.options or DirectiveOptions()
    g = result.indicators.G
    missing = LeaveReturns(returned=None, improved=None, reason="missing_column")
    nobody = LeaveReturns(returned=0, improved=0, reason="no_return")
    counts: dict[tuple[str, str], LeaveReturns] = {}
    has_leave = all(c in loaded.table.columns for c in LEAVE_COLUMNS)
    if has_leave and g.calculable:
        counts = _leave_counts(loaded.table, options, result.period)
    categories = []
    for cat in sorted(g.categories, key=lambda c: sort_key(c.name)):
        total = cat.women + cat.men
        leave = {
            sex: counts.get((cat.name, sex), nobody) if has_leave else missing
            for sex in ("F", "M")
        }
        share = Fraction(cat.women, total) if total else None
        categories.append(
            CategoryAssessment(category=cat, women_share=share, leave=leave)
        )
    return JointAssessment(
        period=result.period,
        category_column=options.category_column,
        categories=tuple(categories),
    )
