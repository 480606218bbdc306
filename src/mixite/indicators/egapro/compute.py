"""The two entry points: ``compute`` (employee rows) and ``from_aggregates`` (§16.4).

Both end in :func:`rules.evaluate` on a :class:`RuleInput`; employee mode derives it from
the rows (§4–§5) and also returns it as ``aggregates``, which ``from_aggregates`` reads
back into the same indicators (§5.9).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Final, cast

from mixite.errors import InputError
from mixite.indicators.core import as_loaded, to_polars
from mixite.indicators.egapro import aggregates as agg
from mixite.indicators.egapro import cells, rules, scoring
from mixite.indicators.egapro import population as pop
from mixite.indicators.egapro.model import RANGES, SMALL_RANGE, WorkforceRange
from mixite.indicators.egapro.options import EgaproOptions
from mixite.indicators.egapro.result import EgaproResult, IndexWarning
from mixite.workforce.messages import rejects_row
from mixite.workforce.options import period_bounds

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    import ibis

    from mixite.indicators.egapro.model import PayInput
    from mixite.indicators.typography import Lang
    from mixite.workforce.load import Workforce
    from mixite.workforce.report import Message, ValidationReport

# The columns of §3.3 the Index reads: an error that empties one of them stops the run.
INDEX_COLUMNS: Final = frozenset(
    {
        "employee_id", "sex", "period", "birth_date", "age", "csp", "level", "contract",
        "hire_date", "exit_date", "presence_months", "fte", "base_pay", "variable_pay",
        "excluded_pay", "raised", "promoted", "maternity_return", "raised_after_leave",
        "executive", "governing_body", "executive_months", "governing_body_months",
    }
)  # fmt: skip
MIN_EMPLOYEES: Final = 50  # the Index obligation starts at 50 employees (L1142-8)
BAND_LIMITS: Final = ((250, "50:250"), (999, "251:999"))  # else "1000:" (§1.4)
# published by 1 March of the year after the reference end (D1142-4)
DEADLINE_MONTH_DAY: Final = (3, 1)


@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    """The loaded table, its report, and the loader's options that matter here."""

    table: ibis.Table
    report: ValidationReport | None
    period_end: str = "12-31"
    level_order: tuple[str, ...] = ()
    workforce: Workforce | None = None


def blocking_message(report: ValidationReport) -> Message | None:
    """The first load message that stops the Index (§3.4), in the report's order."""
    for message in report.messages:
        if message.severity == "fatal":
            return message
        if message.severity == "error" and (
            rejects_row(message.key, message.column)
            or message.column is None
            or message.column in INDEX_COLUMNS
        ):
            return message
    return None


def located(message: Message, lang: Lang = "en") -> str:
    """``rh.csv, line 8, field "sex": "X" is not a sex code; use F or M.``"""
    where = [message.file] if message.file else []
    if message.row is not None:
        where.append(f"line {message.row}" if lang == "en" else f"ligne {message.row}")
    if message.column:
        label = "field" if lang == "en" else "champ"
        where.append(f'{label} "{message.column}"')
    text = message.text(lang)
    hint = message.hint(lang)
    prefix = ", ".join(where)
    body = f"{text} {hint}".strip()
    return f"{prefix}: {body}" if prefix else body


def _source(table: object) -> Source:
    from mixite.workforce.load import Workforce  # noqa: PLC0415 - Ibis and DuckDB

    if isinstance(table, Workforce):
        return Source(
            table=table.table,
            report=table.report,
            period_end=table.options.period_end,
            level_order=table.options.level_order,
            workforce=table,
        )
    loaded = as_loaded(table)
    return Source(table=loaded.table, report=loaded.report)


def _loader_warnings(report: ValidationReport | None) -> list[IndexWarning]:
    """Load messages that do not stop the run, first in ``details.warnings`` (§3.4)."""
    if report is None:
        return []
    return [
        IndexWarning(
            code=m.key,
            message=m.text("fr"),
            message_en=m.text("en"),
            file=m.file,
            row=m.row,
            column=m.column,
            from_loader=True,
        )
        for m in report.messages
    ]


def _periods(table: ibis.Table) -> list[int]:
    if "period" not in table.columns:
        return []
    found = to_polars(table.select("period").distinct())["period"].drop_nulls()
    return sorted(int(value) for value in found.to_list())


def _select_period(
    table: ibis.Table,
    period: int | None,
    found: Sequence[int],
    warnings: list[IndexWarning],
) -> tuple[int | None, ibis.Table]:
    """The period the Index is computed for, and its rows (§3.1)."""
    if not found:
        return period, table
    if period is None:
        period = found[-1]
        if len(found) > 1:
            warnings.append(
                IndexWarning(
                    code="period_defaulted_to_latest",
                    params={
                        "period": str(period),
                        "periods": ", ".join(map(str, found)),
                    },
                )
            )
    elif period not in found:
        from mixite.workforce.report import ReportBuilder  # noqa: PLC0415

        raise InputError(
            f"period {period} is not in the table (periods: "
            f"{', '.join(map(str, found))})",
            report=ReportBuilder().build(),
        )
    return period, table.filter(table.period == period)


def _band(
    declared: str | None, estimate: int, warnings: list[IndexWarning]
) -> tuple[WorkforceRange, str]:
    """The size band and where it came from (§1.4)."""
    if declared is not None:
        return cast("WorkforceRange", declared), "declared"
    band: WorkforceRange = "1000:"
    for limit, name in BAND_LIMITS:
        if estimate <= limit:
            band = cast("WorkforceRange", name)
            break
    params = {"estimate": str(estimate)}
    warnings.append(IndexWarning(code="workforce_range_estimated", params=params))
    if estimate < MIN_EMPLOYEES:
        warnings.append(IndexWarning(code="below_50_employees", params=params))
    return band, "estimated"


def _history(
    table: ibis.Table,
    period: int | None,
    years: int,
    present: Sequence[int],
    warnings: list[IndexWarning],
) -> tuple[ibis.Table | None, tuple[int, ...]]:
    """The periods pooled by a multi-year 2et3 (§8.6), and a warning for the absent."""
    if years == 1 or period is None or "period" not in table.columns:
        return None, ()
    wanted = tuple(range(period - years + 1, period + 1))
    absent = [p for p in wanted if p not in present]
    if absent:
        warnings.append(
            IndexWarning(
                code="raise_period_incomplete",
                params={"missing": ", ".join(map(str, absent))},
            )
        )
    return table, wanted


def _check(workforce_range: str | None) -> None:
    if workforce_range is not None and workforce_range not in RANGES:
        raise ValueError(
            f"workforce_range must be one of {', '.join(RANGES)}, not {workforce_range!r}"
        )


def compute(
    table: object,
    *,
    workforce_range: str | None = None,
    period: int | None = None,
    options: EgaproOptions | None = None,
) -> EgaproResult:
    """The Index of an employee-level table (§3–§12), with the derived aggregates."""
    _check(workforce_range)
    options = options or EgaproOptions()
    source = _source(table)
    if source.report is not None and (blocking := blocking_message(source.report)):
        raise InputError(located(blocking), report=source.report)
    warnings = _loader_warnings(source.report)
    periods = _periods(source.table)
    period, rows_table = _select_period(source.table, period, periods, warnings)
    window = period_bounds(period, source.period_end) if period is not None else None
    rows = pop.Rows(rows_table, window, options)
    survey = pop.survey(rows)
    band, band_source = _band(workforce_range, survey.estimated_workforce, warnings)
    history: ibis.Table | None = None
    history_periods: tuple[int, ...] = ()
    if band == SMALL_RANGE:  # only 2et3 pools several years
        history, history_periods = _history(
            source.table, period, options.raise_period_years, periods, warnings
        )
    derived = cells.derive(
        rows,
        survey,
        band,
        level_order=source.level_order,
        history=history,
        history_periods=history_periods,
    )
    context = _Context(
        source=source, band=band, band_source=band_source, period=period, window=window
    )
    return _employee_result(derived, context, options, warnings)


@dataclass(frozen=True, slots=True, kw_only=True)
class _Context:
    """What ``compute`` settled before the rules: input, band, period."""

    source: Source
    band: WorkforceRange
    band_source: str
    period: int | None
    window: tuple[date, date] | None


def _employee_result(
    derived: cells.Derived,
    context: _Context,
    options: EgaproOptions,
    warnings: list[IndexWarning],
) -> EgaproResult:
    """The rules on the derived cells, then the result with its aggregates (§5.9)."""
    evaluation, indicator1, mode = _with_fallback(derived, options, warnings)
    aggregates = derived.aggregates(indicator1)
    if aggregates is None:
        warnings.append(IndexWarning(code="aggregates_unavailable"))
    warnings += evaluation.warnings
    warnings += derived.warnings
    details = _details(
        evaluation,
        mode=mode,
        source=context.band_source,
        population=_population(derived.population, context.period, context.window),
        blocks=derived.block_details,
        top10=derived.top10,
        period=context.period,
        deadline=_deadline(context.window),
    )
    representation = _representation(
        context.source, context.period, context.band, options
    )
    return _result(
        evaluation,
        band=context.band,
        details=details,
        warnings=warnings,
        representation=representation,
        aggregates=None if aggregates is None else aggregates.to_dict(),
        employee_mode=True,
    )


def _with_fallback(
    derived: cells.Derived, options: EgaproOptions, warnings: list[IndexWarning]
) -> tuple[rules.Evaluation, PayInput | None, str]:
    """Level mode ending ``egvi40pcet`` falls back to CSP when asked (§6.10)."""
    evaluation = rules.evaluate(derived.rule_input)
    indicator1 = derived.rule_input.indicator1
    first = evaluation.indicator1
    if (
        options.mode != "csp"
        and options.level_fallback_to_csp
        and first.reason == "egvi40pcet"
        and derived.csp_cells is not None
    ):
        from dataclasses import replace  # noqa: PLC0415

        fallback = replace(derived.rule_input, indicator1=derived.csp_cells)
        warnings.append(IndexWarning(code="level_mode_fallback"))
        return rules.evaluate(fallback), derived.csp_cells, "csp"
    return evaluation, indicator1, options.mode


def _deadline(window: tuple[date, date] | None) -> date | None:
    if window is None:
        return None
    month, day = DEADLINE_MONTH_DAY
    return date(window[1].year + 1, month, day)


def _population(
    counts: Mapping[str, Any], period: int | None, window: tuple[date, date] | None
) -> dict[str, Any]:
    start, end = (None, None) if window is None else (d.isoformat() for d in window)
    return {
        "period": period,
        "reference_start": start,
        "reference_end": end,
        **counts,
    }


def _representation(
    source: Source, period: int | None, band: str, options: EgaproOptions
) -> dict[str, Any]:
    """Rixain (§14), by its own module; the Index passes its period, band, options."""
    from mixite.indicators import rixain  # noqa: PLC0415 - computed on demand

    table: object = source.workforce if source.workforce is not None else source.table
    found = rixain.compute(table, period=period, workforce_range=band, options=options)
    representation: dict[str, Any] = found.to_dict()
    return representation


def _details(
    evaluation: rules.Evaluation,
    *,
    mode: str,
    source: str,
    population: dict[str, Any] | None,
    blocks: Mapping[str, Mapping[str, Any]],
    top10: Mapping[str, Any],
    period: int | None,
    deadline: date | None,
) -> dict[str, Any]:
    """``details`` of §16.3, in its key order (``warnings`` comes from the result)."""
    empty = {"missing_columns": [], "incomplete": {"count": 0, "examples": []}}
    details: dict[str, Any] = {
        "mode": mode,
        "workforce_range_source": source,
        "population": population,
    }
    for name, found in evaluation.details.items():
        extra = dict(top10) if name == "indicator5" else {}
        details[name] = {**found, **extra, **blocks.get(name, empty)}
    details["obligations"] = scoring.obligations(
        evaluation.index, evaluation.indicators, period=period, deadline=deadline
    )
    return details


def _result(
    evaluation: rules.Evaluation,
    *,
    band: WorkforceRange,
    details: dict[str, Any],
    warnings: Sequence[IndexWarning],
    representation: Mapping[str, Any] | None,
    aggregates: Mapping[str, Any] | None,
    employee_mode: bool,
) -> EgaproResult:
    return EgaproResult(
        workforce_range=band,
        indicator1=evaluation.indicator1,
        indicator2=evaluation.indicator2,
        indicator3=evaluation.indicator3,
        indicator2et3=evaluation.indicator2et3,
        indicator4=evaluation.indicator4,
        indicator5=evaluation.indicator5,
        index=evaluation.index,
        representation=representation,
        details=details,
        aggregates=aggregates,
        warnings=tuple(warnings),
        employee_mode=employee_mode,
    )


def from_aggregates(data: object) -> EgaproResult:
    """The Index of the aggregated input of §16.2 (the official simulator's numbers)."""
    parsed, warnings = agg.parse(data)
    evaluation = rules.evaluate(parsed.rule_input())
    details = _details(
        evaluation,
        mode=parsed.indicator1.mode,
        source="input",
        population=None,
        blocks={},
        top10={"pay_basis": None, "tie_at_rank_10": None},
        period=None,
        deadline=None,
    )
    return _result(
        evaluation,
        band=parsed.workforce_range,
        details=details,
        warnings=[*warnings, *evaluation.warnings],
        representation=None,
        aggregates=None,
        employee_mode=False,
    )
