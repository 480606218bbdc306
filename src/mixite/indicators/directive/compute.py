"""``directive.compute``: indicators A–G, the obligations and the warnings (directive.md).

Table first, keyword-only options, no I/O, clock or settings (STYLE §3). The expressions
run on the input table's own backend; what comes back is small (sums per category and
sex, order statistics, one row per distinct cent of pay for F).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import ibis
import pyarrow as pa

from mixite.indicators.core import as_loaded
from mixite.indicators.directive import population as pop
from mixite.indicators.directive.aggregate import Aggregates, Sums, exact_total, scan
from mixite.indicators.directive.categories import (
    CategoryResult,
    categories_result,
    not_calculable_result,
    sort_key,
)
from mixite.indicators.directive.indicators import (
    Context,
    gap_pair,
    shares,
    with_medians,
)
from mixite.indicators.directive.numbers import mean, round_half_up
from mixite.indicators.directive.obligations import obligations, rule_pack
from mixite.indicators.directive.options import DirectiveOptions
from mixite.indicators.directive.quartiles import (
    Blocks,
    QuartileTable,
    quartile_table,
    tie_block_table,
)
from mixite.indicators.directive.quartiles import (
    not_calculable as f_not_calculable,
)
from mixite.indicators.directive.result import (
    DirectiveResult,
    DirectiveWarning,
    Indicators,
    ObligationsBlock,
    Population,
    QuartilePair,
    SexCounts,
    Tables,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    import ibis.expr.types as ir

    from mixite.indicators.directive.options import (
        Direction,
        GAlert,
        HourlyFrom,
        QuartileTies,
        Regime,
        VariablePopulation,
    )
    from mixite.indicators.directive.result import GapPair
    from mixite.workforce.report import ValidationReport

MONTHS: int = 12


def compute(
    table: object,
    *,
    period: int | None = None,
    hourly_from: HourlyFrom = "hours_paid",
    full_time_monthly_hours: float = 151.67,
    quartile_ties: QuartileTies = "split",
    direction: Direction = "absolute",
    variable_population: VariablePopulation = "beneficiaries",
    g_alert: GAlert = "components",
    category_column: str = "job_category",
    min_cell: int = 3,
    exclude_contracts: Sequence[str] = ("intern", "temp_agency"),
    subtract_excluded_pay: bool = False,
    workforce: float | None = None,
    year: int | None = None,
    has_cse: bool = True,
    regime: Regime = "fr",
) -> DirectiveResult:
    """Indicators A–G of directive (EU) 2023/970, the obligations and the warnings.

    ``table``: a canonical Ibis table as loaded, a ``Workforce``, or anything
    ``mixite.load`` reads. Options are validated first (``ValueError`` naming the
    option); bad data never raises: what cannot be computed is not calculable.
    """
    options = DirectiveOptions(
        period=period,
        hourly_from=hourly_from,
        full_time_monthly_hours=full_time_monthly_hours,
        quartile_ties=quartile_ties,
        direction=direction,
        variable_population=variable_population,
        g_alert=g_alert,
        category_column=category_column,
        min_cell=min_cell,
        exclude_contracts=tuple(exclude_contracts),
        subtract_excluded_pay=subtract_excluded_pay,
        workforce=workforce,
        year=year,
        has_cse=has_cse,
        regime=regime,
    )
    loaded = as_loaded(table)
    return compute_loaded(loaded.table, options, report=loaded.report)


class _Warnings:
    """Warnings in the fixed order of §13: input, A … G, obligations."""

    def __init__(self) -> None:
        self.items: list[DirectiveWarning] = []

    def add(self, code: str, indicator: str | None = None, **detail: Any) -> None:
        self.items.append(
            DirectiveWarning(code=code, indicator=indicator, detail=detail)
        )


def _input_warnings(
    warnings: _Warnings,
    cols: pop.InputColumns,
    options: DirectiveOptions,
    report: ValidationReport | None,
    agg: Aggregates,
) -> None:
    if not cols.base:
        warnings.add("missing_column", column="base_pay")
    if not cols.variable:
        warnings.add("variable_pay_absent", column="variable_pay")
    if not cols.hours:
        warnings.add("missing_column", column=cols.hours_column)
    elif (
        options.hourly_from == "hours_paid"
        and report is not None
        and report.counts_by_key.get("column.hours_estimated", 0) > 0
    ):
        warnings.add(
            "hours_estimated",
            column="hours_paid",
            full_time_monthly_hours=options.full_time_monthly_hours,
        )
    if not cols.category:
        warnings.add("missing_column", column=options.category_column)
    by_sex = agg.by_sex()
    low = sum(s.n_low_rate for s in by_sex.values())
    high = sum(s.n_high_rate for s in by_sex.values())
    if low + high:
        warnings.add(
            "extreme_hourly_rates", count=low + high, below_3=low, above_1000=high
        )


def _gap_warnings(
    warnings: _Warnings, letter: str, pair: GapPair, min_cell: int
) -> None:
    for basis, gap in (("annual", pair.annual), ("hourly", pair.hourly)):
        for side, code in ((gap.women, "few_women"), (gap.men, "few_men")):
            if side.n is not None and 0 < side.n < min_cell:
                warnings.add(code, letter, basis=basis, n=side.n)


def _quartiles(
    kept: ir.Table,
    agg: Aggregates,
    cols: pop.InputColumns,
    options: DirectiveOptions,
) -> tuple[QuartilePair, dict[str, Blocks]]:
    by_sex = agg.by_sex()
    women, men = by_sex["F"], by_sex["M"]
    ties = options.quartile_ties
    blocks: dict[str, Blocks] = {}

    def basis(name: str, hourly: bool) -> QuartileTable:
        n_women = women.n_hours if hourly else women.n
        n_men = men.n_hours if hourly else men.n
        reason = None
        if not cols.base or (hourly and not cols.hours):
            reason = "missing_column"
        elif hourly and women.n + men.n > 0 and n_women + n_men == 0:
            reason = "no_hours"
        if reason is not None:
            return f_not_calculable(
                reason, n=n_women + n_men, women=n_women, men=n_men, ties=ties
            )
        rows = kept.filter(kept.has_hours) if hourly else kept
        table, blocks[name] = quartile_table(
            rows, "hourly_pay" if hourly else "pay", ties=ties, women=n_women, men=n_men
        )
        return table

    pair = QuartilePair(annual=basis("annual", False), hourly=basis("hourly", True))
    return pair, blocks


def _categories(
    agg: Aggregates, cols: pop.InputColumns, options: DirectiveOptions
) -> CategoryResult:
    if not cols.base or not cols.category:
        return not_calculable_result(
            "missing_column", options, column=options.category_column, unassigned=None
        )
    groups: dict[str, dict[str, Sums]] = {}
    unassigned = 0
    for (category, sex), sums in agg.groups.items():
        if category is None:
            unassigned += sums.n
            continue
        groups.setdefault(category, {"F": Sums(), "M": Sums()})[sex].add(sums)
    return categories_result(
        groups, options, unassigned=unassigned, hours_known=cols.hours
    )


def _category_table(agg: Aggregates) -> pa.Table:
    """Per category and sex: counts and unrounded means (the details behind G)."""
    rows = sorted(
        ((c, s, sums) for (c, s), sums in agg.groups.items() if c is not None),
        key=lambda item: (sort_key(item[0]), item[1]),
    )
    values = ("base", "variable", "pay", "hourly_base", "hourly_var", "hourly_pay")
    columns: dict[str, list[Any]] = {"category": [], "sex": [], "n": [], "n_hours": []}
    columns.update({f"mean_{v}": [] for v in values})
    for category, sex, sums in rows:
        columns["category"].append(category)
        columns["sex"].append(sex)
        columns["n"].append(sums.n)
        columns["n_hours"].append(sums.n_hours)
        for value in values:
            n = sums.n_hours if value.startswith("hourly") else sums.n
            columns[f"mean_{value}"].append(mean(sums.total(value), n))
    types = [pa.string(), pa.string(), pa.int64(), pa.int64()] + [pa.float64()] * len(
        values
    )
    return pa.table(columns, schema=pa.schema(list(zip(columns, types, strict=True))))


def _workforce(
    table: ir.Table,
    cols: pop.InputColumns,
    options: DirectiveOptions,
    *,
    period: int | None,
    on_period: bool,
) -> tuple[float, str]:
    """The headcount: given, or Σ fte × presence / 12, exact, 2 decimals (§9)."""
    if options.workforce is not None:
        return float(options.workforce), "option"
    products = pop.headcount_products(table, cols, period=period, on_period=on_period)
    total = exact_total(products, "product")
    return round_half_up(float(total) / MONTHS, 2), "estimated"


def _obligations(
    table: ir.Table,
    cols: pop.InputColumns,
    options: DirectiveOptions,
    g: CategoryResult,
    warnings: _Warnings,
    *,
    period: int | None,
    on_period: bool,
    campaign_year: int | None,
) -> ObligationsBlock:
    pack = rule_pack(options.regime)
    workforce, source = _workforce(
        table, cols, options, period=period, on_period=on_period
    )
    g_gap = g.max_gap.gap_percent_exact if g.calculable and g.max_gap else None
    flags = None
    if campaign_year is not None:
        flags = obligations(
            workforce,
            campaign_year,
            g_gap,
            options.has_cse,
            regime=options.regime,
            direction=options.direction,
        )
        if source == "estimated":
            warnings.add("workforce_estimated", workforce=workforce)
    return ObligationsBlock(
        regime=pack.version,
        campaign_year=campaign_year,
        data_year=period,
        workforce=workforce,
        workforce_source=source,
        has_cse=options.has_cse,
        g_gap_percent=g_gap,
        flags=flags,
        reason=None if flags is not None else "period_unknown",
    )


def _band_list(key: ir.IntegerValue, table: QuartileTable) -> ir.Value:
    """The bands a row's tie block spans, as an array expression (tables.workers).

    Bands are contiguous: from the first whose highest key is at least the row's, to the
    last whose lowest key is at most the row's.
    """
    keys = [
        (band.quartile, round(band.min * 100), round(band.max * 100))
        for band in table.bands
        if band.min is not None and band.max is not None
    ]
    if not table.calculable or len(keys) != len(table.bands):
        return ibis.null("array<int64>")
    first = ibis.cases(
        *[(key <= high, q) for q, _, high in keys[:-1]], else_=keys[-1][0]
    )
    last = ibis.cases(*[(key >= low, q) for q, low, _ in reversed(keys[1:])], else_=1)
    return ibis.range(first, last + 1)


def _workers_table(workers: ir.Table, f: QuartilePair) -> ir.Table:
    def key(value: ir.FloatingValue) -> ir.IntegerValue:
        return (value * 100 + 0.5).floor().cast("int64")

    kept = workers.excluded_reason.isnull()
    return workers.mutate(
        bands_annual=ibis.ifelse(
            kept, _band_list(key(workers.pay), f.annual), ibis.null()
        ),
        bands_hourly=ibis.ifelse(
            kept & workers.has_hours,
            _band_list(key(workers.hourly_pay), f.hourly),
            ibis.null(),
        ),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class _Run:
    """One computation: the input, its options and what the period choice gave."""

    table: ir.Table
    options: DirectiveOptions
    cols: pop.InputColumns
    period: int | None
    on_period: bool
    campaign_year: int | None


def compute_loaded(
    table: ir.Table,
    options: DirectiveOptions,
    *,
    report: ValidationReport | None = None,
) -> DirectiveResult:
    """:func:`compute` on a loaded table with validated options.

    The per-worker expression is materialised once in the backend (``cache``), so that
    the input is read once and the later queries (scan, medians, tie blocks) stay small;
    ``tables.workers`` stays a lazy expression over the input.
    """
    cols = pop.InputColumns.of(table, options)
    period, on_period, defaulted = pop.choose_period(
        pop.periods_of(table), options.period
    )
    year = options.year
    if year is None and period is not None:
        year = period + 1  # K17: the declaration of year N reports data of N − 1
    run = _Run(
        table=table, options=options, cols=cols, period=period,
        on_period=on_period, campaign_year=year,
    )  # fmt: skip
    workers = pop.workers(table, options, cols, period=period, on_period=on_period)
    warnings = _Warnings()
    if defaulted:
        warnings.add("period_defaulted_to_latest", period=period)
    with workers.cache() as cached:
        result = _compute(run, cached, warnings, report)
    tables = replace(
        result.tables, workers=_workers_table(workers, result.indicators.F)
    )
    return replace(result, tables=tables)


def _letters(
    run: _Run, agg: Aggregates, kept: ir.Table, warnings: _Warnings
) -> tuple[Indicators, dict[str, Blocks]]:
    """Indicators A–G, their warnings in the order of §13."""
    options, cols = run.options, run.cols
    ctx = with_medians(
        Context(by_sex=agg.by_sex(), kept=kept, options=options, cols=cols)
    )
    pairs = {}
    for letter in ("A", "B", "C", "D"):
        pairs[letter] = gap_pair(ctx, letter)
        _gap_warnings(warnings, letter, pairs[letter], options.min_cell)
    f, blocks = _quartiles(kept, agg, cols, options)
    for name, basis in (("annual", f.annual), ("hourly", f.hourly)):
        if basis.calculable and basis.equal_thresholds:
            warnings.add(
                "equal_quartile_thresholds",
                "F",
                basis=name,
                thresholds=basis.thresholds,
            )
    g = _categories(agg, cols, options)
    if g.calculable and g.unassigned:
        warnings.add("g_unassigned_rows", "G", rows=g.unassigned)
    for cat in g.categories:
        if cat.small_cell:
            warnings.add(
                "small_cell", "G", category=cat.name, women=cat.women, men=cat.men
            )
    indicators = Indicators(
        A=pairs["A"], B=pairs["B"], C=pairs["C"], D=pairs["D"],
        E=shares(ctx.by_sex, cols), F=f, G=g,
    )  # fmt: skip
    return indicators, blocks


def _compute(
    run: _Run, workers: ir.Table, warnings: _Warnings, report: ValidationReport | None
) -> DirectiveResult:
    agg = scan(workers)
    _input_warnings(warnings, run.cols, run.options, report, agg)
    kept = workers.filter(workers.excluded_reason.isnull())
    indicators, blocks = _letters(run, agg, kept, warnings)
    block = _obligations(
        run.table, run.cols, run.options, indicators.G, warnings,
        period=run.period, on_period=run.on_period, campaign_year=run.campaign_year,
    )  # fmt: skip
    by_sex = agg.by_sex()
    return DirectiveResult(
        regime=rule_pack(run.options.regime).version,
        source="workforce",
        period=run.period,
        campaign_year=run.campaign_year,
        options=run.options,
        population=Population(
            rows_read=agg.rows_read,
            rows_used=by_sex["F"].n + by_sex["M"].n,
            annual=SexCounts(women=by_sex["F"].n, men=by_sex["M"].n),
            hourly=SexCounts(women=by_sex["F"].n_hours, men=by_sex["M"].n_hours),
            excluded={k: agg.excluded.get(k, 0) for k in pop.EXCLUDED_KEYS},
        ),
        indicators=indicators,
        obligations=block,
        warnings=tuple(warnings.items),
        tables=Tables(
            tie_blocks=tie_block_table(blocks), categories=_category_table(agg)
        ),
    )
