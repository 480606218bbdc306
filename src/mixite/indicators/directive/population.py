"""Period, eligibility and per-worker pay, as one Ibis expression (directive.md §2).

The expression runs on the input table's own backend. Each row gets the first reason it is
left out for (§2.3, in that order) or none, and the per-worker doubles of §2.4 computed
left to right, so that every backend gives the same bits.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

import ibis

from mixite.indicators.core import to_polars

if TYPE_CHECKING:
    from collections.abc import Mapping

    import ibis.expr.types as ir

    from mixite.indicators.directive.options import DirectiveOptions

EXCLUDED_REASONS: Final = (
    "other_period",
    "sex_not_fm",
    "contract",
    "not_present",
    "missing_pay",
    "negative_pay",
    "zero_pay",
)
EXCLUDED_KEYS: Final = (*EXCLUDED_REASONS, "missing_hours")
FULL_YEAR_MONTHS: Final = 12.0  # §2.1: presence missing = 12
# §9: contracts left out of the workforce estimate (the headcount rules of the Code du
# travail L1111-3 leave out apprentices, professionalisation contracts, interns and agency
# workers).
NOT_IN_HEADCOUNT: Final = ("apprentice", "professionalisation", "intern", "temp_agency")


@dataclass(frozen=True, slots=True, kw_only=True)
class InputColumns:
    """Which optional columns the table has (§2.1): absent ones make indicators NC."""

    base: bool
    variable: bool
    hours: bool  # the source of hours for the chosen ``hourly_from``
    hours_column: str  # the column whose absence makes hourly measures NC
    category: bool
    contract: bool
    presence: bool
    period: bool

    @classmethod
    def of(cls, table: ir.Table, options: DirectiveOptions) -> InputColumns:
        names = set(table.columns)
        hours_column = "hours_paid" if options.hourly_from == "hours_paid" else "fte"
        return cls(
            base="base_pay" in names,
            variable="variable_pay" in names,
            hours=hours_column in names,
            hours_column=hours_column,
            category=options.category_column in names,
            contract="contract" in names,
            presence="presence_months" in names,
            period="period" in names,
        )


def periods_of(table: ir.Table) -> tuple[int, ...]:
    """The distinct non-null periods of the table, ascending."""
    if "period" not in table.columns:
        return ()
    frame = to_polars(table.select(period=table.period.cast("int64")).distinct())
    return tuple(sorted(int(v) for v in frame["period"].to_list() if v is not None))


def choose_period(
    periods: tuple[int, ...], wanted: int | None
) -> tuple[int | None, bool, bool]:
    """(period, filter rows on it, defaulted to the latest) — §2.2.

    A wanted period absent from a table that has periods is bad input (``ValueError``
    naming the option; the CLI exits with 2).
    """
    if wanted is not None:
        if periods and wanted not in periods:
            shown = ", ".join(str(p) for p in periods)
            raise ValueError(
                f"period={wanted}: no row of that period (periods: {shown})"
            )
        return wanted, bool(periods), False
    if not periods:
        return None, False, False
    return periods[-1], True, len(periods) > 1


def _float(table: ir.Table, name: str) -> ir.FloatingValue:
    return table[name].cast("float64")


def _hours(
    table: ir.Table, options: DirectiveOptions, cols: InputColumns
) -> ir.FloatingValue:
    """Hours of each worker (§2.4): paid hours, or fte × presence × full-time hours."""
    if not cols.hours:
        return ibis.null("float64")
    if options.hourly_from == "hours_paid":
        return _float(table, "hours_paid")
    presence = _presence(table, cols)
    return (_float(table, "fte") * presence) * options.full_time_monthly_hours


def _presence(table: ir.Table, cols: InputColumns) -> ir.FloatingValue:
    if not cols.presence:
        return ibis.literal(FULL_YEAR_MONTHS)
    return _float(table, "presence_months")


def _pay_parts(
    table: ir.Table, options: DirectiveOptions, cols: InputColumns
) -> tuple[ir.FloatingValue, ir.FloatingValue, ir.FloatingValue]:
    """(base, variable, pay) per worker; pay = (base + variable) − excluded (§2.4)."""
    base = _float(table, "base_pay") if cols.base else ibis.null("float64")
    variable = _float(table, "variable_pay") if cols.variable else ibis.literal(0.0)
    pay = base + variable if cols.variable else base
    if options.subtract_excluded_pay and "excluded_pay" in table.columns:
        pay = pay - _float(table, "excluded_pay").fill_null(0.0)
    return base, variable, pay


def _reason(
    table: ir.Table,
    options: DirectiveOptions,
    cols: InputColumns,
    *,
    period: int | None,
    on_period: bool,
    pay: tuple[ir.FloatingValue, ir.FloatingValue, ir.FloatingValue],
) -> ir.StringValue:
    """The first reason a row is left out (§2.3), null when it is kept."""
    base, variable, total = pay
    rules: list[tuple[ir.BooleanValue, str]] = []
    if on_period:
        rules.append((table.period.isnull() | (table.period != period), "other_period"))
    rules.append((table.sex.isnull() | ~table.sex.isin(["F", "M"]), "sex_not_fm"))
    if cols.contract and options.exclude_contracts:
        contract = table.contract.cast("string")
        rules.append((contract.isin(list(options.exclude_contracts)), "contract"))
    if cols.presence:
        rules.append((_presence(table, cols) == 0, "not_present"))
    if cols.base:
        missing = base.isnull() | (variable.isnull() if cols.variable else False)
        negative = (base < 0) | (variable < 0)
        if options.subtract_excluded_pay:
            negative = negative | (total < 0)
        rules += [
            (missing, "missing_pay"),
            (negative, "negative_pay"),
            (total == 0, "zero_pay"),
        ]
    cases = [
        (condition.fill_null(False), ibis.literal(code)) for condition, code in rules
    ]
    return ibis.cases(*cases, else_=ibis.null("string"))


def workers(
    table: ir.Table,
    options: DirectiveOptions,
    cols: InputColumns,
    *,
    period: int | None,
    on_period: bool,
    extra: Mapping[str, ir.Value] | None = None,
) -> ir.Table:
    """One row per input row: reason left out, pay, hours, hourly pays, beneficiary.

    ``extra``: more columns, as expressions over ``table`` (the joint assessment's flags).
    """
    base, variable, pay = _pay_parts(table, options, cols)
    hours = _hours(table, options, cols)
    has_hours = (hours.notnull() & (hours > 0)).fill_null(False)

    def per_hour(value: ir.FloatingValue) -> ir.FloatingValue:
        return ibis.ifelse(has_hours, value / hours, ibis.null("float64"))

    category = (
        table[options.category_column].cast("string")
        if cols.category
        else ibis.null("string")
    )
    reason = _reason(
        table,
        options,
        cols,
        period=period,
        on_period=on_period,
        pay=(base, variable, pay),
    )
    return table.select(
        employee_id=table.employee_id.cast("string"),
        sex=table.sex.cast("string"),
        category=category,
        excluded_reason=reason,
        base=base,
        variable=variable,
        pay=pay,
        hours=hours,
        has_hours=has_hours,
        hourly_pay=per_hour(pay),
        hourly_base=per_hour(base),
        hourly_var=per_hour(variable),
        beneficiary=(variable > 0).fill_null(False),
        **(extra or {}),
    )


def headcount_products(
    table: ir.Table, cols: InputColumns, *, period: int | None, on_period: bool
) -> ir.Table:
    """``fte × presence_months`` of the rows counted in the workforce estimate (§9)."""
    rows = table
    if on_period:
        rows = rows.filter(rows.period == period)
    if cols.contract:
        contract = rows.contract.cast("string")
        rows = rows.filter(contract.isnull() | ~contract.isin(list(NOT_IN_HEADCOUNT)))
    fte = (
        _float(rows, "fte").fill_null(1.0)
        if "fte" in rows.columns
        else ibis.literal(1.0)
    )
    presence = _presence(rows, cols).fill_null(FULL_YEAR_MONTHS)
    return rows.select(product=fte * presence)
