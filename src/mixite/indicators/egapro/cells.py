"""From employee rows to the aggregated cells (egapro.md §4.4, §5): the employee-mode input.

:func:`derive` runs the queries of :mod:`population` and turns their integers into the same
:class:`RuleInput` that ``from_aggregates()`` builds, plus the ``aggregates`` object users
can paste into the official simulator, the population's details and each indicator's
missing columns and values. It decides, per indicator, the project reasons of §13:
``missing_column``, then ``period_unknown``, then ``incomplete_data``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from mixite.indicators.egapro import population as pop
from mixite.indicators.egapro.model import (
    AGE_BANDS,
    CSPS,
    INDICATORS,
    TOP_N,
    VALID_CSP_MIN,
    Aggregates,
    Counts,
    Indicator,
    PayCell,
    PayInput,
    RaiseInput,
    RateInput,
    ReturnInput,
    RuleInput,
    TopTenInput,
    WorkforceRange,
)
from mixite.indicators.egapro.numeric import half_up_ratio
from mixite.indicators.egapro.result import IndexWarning

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    import ibis
    import polars as pl

    from mixite.indicators.egapro.model import Mode

HEADCOUNT: Final = "headcount"  # the headcount table is a block like the indicators
POPULATION_BLOCKS: Final = (
    "indicator1",
    "indicator2",
    "indicator3",
    "indicator2et3",
    "indicator5",
    HEADCOUNT,
)
AGE_SOURCES: Final = ("birth_date", "age")
EXCLUSION_CODES: Final = (*pop.EXCLUDED_CONTRACTS.values(), pop.SHORT)
_DIGITS = re.compile(r"(\d+)")


@dataclass(frozen=True, slots=True, kw_only=True)
class Plan:
    """What each block of the band reads, and why a block cannot be derived."""

    blocks: tuple[str, ...]
    mode: Mode
    missing: Mapping[str, tuple[str, ...]]  # block -> missing columns
    period_unknown: frozenset[str]
    fields: Mapping[str, tuple[str, ...]]  # derivable blocks -> values read


@dataclass(frozen=True, slots=True, kw_only=True)
class Derived:
    """The employee-mode input of the rules, and what explains it."""

    rule_input: RuleInput
    headcount: Mapping[str, Mapping[str, Counts]] | None
    population: dict[str, Any]
    block_details: dict[str, dict[str, Any]]
    top10: dict[str, Any]
    csp_cells: PayInput | None  # indicator 1 by CSP, for level_fallback_to_csp
    warnings: list[IndexWarning] = field(default_factory=list)

    def aggregates(self, indicator1: PayInput | None) -> Aggregates | None:
        """The derived input of §5.9; ``None`` without headcount table or indicator 1."""
        if self.headcount is None or indicator1 is None:
            return None
        given = self.rule_input
        return Aggregates(
            workforce_range=given.workforce_range,
            headcount=self.headcount,
            indicator1=indicator1,
            indicator2=given.indicator2,
            indicator3=given.indicator3,
            indicator2et3=given.indicator2et3,
            indicator4=given.indicator4,
            indicator5=given.indicator5,
        )


# --- the plan ---------------------------------------------------------------------------------


def plan(
    rows: pop.Rows, survey: pop.Survey, workforce_range: WorkforceRange, mode: Mode
) -> Plan:
    """Missing columns (§4.4), period-dependent values (§3.1) and fields, per block."""
    blocks = (*INDICATORS[workforce_range], HEADCOUNT)
    if mode != "csp" and rows.options.level_fallback_to_csp:
        blocks = (*blocks, "indicator1_csp")
    missing = {block: _missing(block, rows, survey, mode) for block in blocks}
    unknown: set[str] = set()
    if rows.window is None and survey.presence_unknown:
        unknown.update(b for b in blocks if b != "indicator4")
    if rows.window is None and survey.age_needs_period:
        unknown.update({"indicator1", "indicator1_csp", HEADCOUNT} & set(blocks))
    fields = {
        block: _fields(block, rows, mode, survey)
        for block in blocks
        if not missing[block]
    }
    return Plan(
        blocks=blocks,
        mode=mode,
        missing=missing,
        period_unknown=frozenset(unknown),
        fields=fields,
    )


def _absent(name: str, rows: pop.Rows, survey: pop.Survey) -> bool:
    """Absent, or empty on every row of a period that has rows (§4.4)."""
    if name not in rows.columns:
        return True
    return survey.rows > 0 and survey.non_null.get(name, 1) == 0


def _missing(
    block: str, rows: pop.Rows, survey: pop.Survey, mode: Mode
) -> tuple[str, ...]:
    wanted: list[str] = []
    no_age = all(_absent(name, rows, survey) for name in AGE_SOURCES)
    if block in {"indicator1", "indicator1_csp"}:
        group = "csp" if mode == "csp" or block == "indicator1_csp" else "level"
        wanted = [group, *(AGE_SOURCES if no_age else ()), "base_pay"]
        return tuple(n for n in wanted if n in AGE_SOURCES or _absent(n, rows, survey))
    wanted = {
        HEADCOUNT: ["csp"],
        "indicator2": ["csp", "raised"],
        "indicator3": ["csp", "promoted"],
        "indicator2et3": ["raised"],
        "indicator4": ["maternity_return"],
        "indicator5": ["base_pay"],
    }[block]
    found = [name for name in wanted if _absent(name, rows, survey)]
    if block == HEADCOUNT and no_age:
        found += AGE_SOURCES
    if (
        block == "indicator4"
        and not found
        and survey.maternity_returns
        and "raised_after_leave" not in rows.columns  # its emptiness has a meaning
    ):
        found.append("raised_after_leave")
    return tuple(found)


def _fields(
    block: str, rows: pop.Rows, mode: Mode, survey: pop.Survey
) -> tuple[str, ...]:
    presence = ("presence_months",) if rows.window is not None else ()
    if block == "indicator4":
        return ("maternity_return",)
    if block in {"indicator1", "indicator1_csp"}:
        group = "csp" if mode == "csp" or block == "indicator1_csp" else "level"
        return (*presence, group, "age", "pay")
    if block == "indicator2et3":
        promoted = rows.options.two_and_three_counts_promoted and not _absent(
            "promoted", rows, survey
        )
        return (*presence, "raised", *(("promoted",) if promoted else ()))
    if block == "indicator5":
        pay = "paid_pay" if rows.options.top10_pay == "paid" else "pay"
        return (*presence, pay)
    return (*presence, *{HEADCOUNT: ("csp", "age"), "indicator2": ("csp", "raised"),
                         "indicator3": ("csp", "promoted")}[block])  # fmt: skip


def needs_of(
    the_plan: Plan,
    rows: pop.Rows,
    history: ibis.Table | None,
    history_periods: tuple[int, ...],
) -> pop.Needs:
    """The fields whose emptiness drops a row (option ``drop_incomplete_rows``)."""
    population_fields: dict[str, None] = {}
    for block in the_plan.blocks:
        if block != "indicator4" and block in the_plan.fields:
            population_fields.update(dict.fromkeys(the_plan.fields[block]))
    return pop.Needs(
        fields=the_plan.fields,
        drop=rows.options.drop_incomplete_rows,
        population_fields=tuple(population_fields),
        returns_field="indicator4" in the_plan.fields,
        period_known=rows.window is not None,
        count_promoted=rows.options.two_and_three_counts_promoted,
        history=history,
        history_periods=history_periods,
    )


# --- counts by status -------------------------------------------------------------------------


def _by_status(frame: pl.DataFrame) -> dict[str, dict[str, Any]]:
    """status -> {"F": row, "M": row} of the status query."""
    found: dict[str, dict[str, Any]] = defaultdict(dict)
    for row in frame.iter_rows(named=True):
        found[row["_status"]][row["sex"]] = row
    return found


def _sum(
    found: Mapping[str, Mapping[str, Any]], statuses: Iterable[str], key: str
) -> int:
    return sum(
        int(row.get(key) or 0)
        for status in statuses
        for row in found.get(status, {}).values()
    )


def population_details(
    found: Mapping[str, Mapping[str, Any]], survey: pop.Survey
) -> dict[str, Any]:
    """``details.population`` without the period (§16.3)."""
    in_pop = found.get(pop.IN, {})
    return {
        "rows_in_period": survey.rows,
        "taken_into_account": _sum(found, [pop.IN], "n"),
        "women": int(in_pop.get("F", {}).get("n") or 0),
        "men": int(in_pop.get("M", {}).get("n") or 0),
        "excluded": {code: _sum(found, [code], "n") for code in EXCLUSION_CODES},
        "dropped_incomplete": _sum(found, [pop.DROPPED], "n"),
        "indicator4_population": _sum(found, [pop.IN, pop.SHORT, pop.UNKNOWN], "n"),
        "estimated_workforce": survey.estimated_workforce,
    }


def statuses_of(block: str, period_known: bool) -> tuple[str, ...]:
    """The rows whose empty values make a block incomplete."""
    if block == "indicator4":
        return (pop.IN, pop.SHORT, pop.UNKNOWN)
    return (pop.IN, pop.UNKNOWN) if period_known else (pop.IN,)


# --- cells ------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Sums:
    n: int = 0
    cents: int = 0
    raised: int = 0
    promoted: int = 0
    r23: int = 0

    def add(self, row: Mapping[str, Any]) -> None:
        self.n += int(row["n"])
        self.cents += int(row["cents"] or 0)
        self.raised += int(row["raised"])
        self.promoted += int(row["promoted"])
        self.r23 += int(row["r23"])


def _grouped(
    frame: pl.DataFrame, *keys: str
) -> dict[tuple[Any, ...], dict[str, _Sums]]:
    """(keys...) -> sex -> sums, over the population's cell query."""
    found: dict[tuple[Any, ...], dict[str, _Sums]] = defaultdict(
        lambda: {"F": _Sums(), "M": _Sums()}
    )
    for row in frame.iter_rows(named=True):
        found[tuple(row[k] for k in keys)][row["sex"]].add(row)
    return found


def pay_cells(frame: pl.DataFrame, mode: Mode, level_order: Sequence[str]) -> PayInput:
    """Indicator-1 cells (§5.5): counts, and average pays of the valid cells (§5.3)."""
    if mode == "csp":
        sums = _grouped(frame, "_csp", "_band")
        keys = [(csp, band) for csp in CSPS for band in AGE_BANDS]
    else:
        sums = _grouped(frame, "_level", "_band")
        levels = _level_sorted({k[0] for k in sums if k[0] is not None}, level_order)
        keys = [(lv, band) for lv in levels for band in AGE_BANDS if (lv, band) in sums]
    cells = []
    for group, band in keys:
        by_sex = sums.get((group, band), {"F": _Sums(), "M": _Sums()})
        cell = PayCell(
            group=group,
            age_band=band,
            counts=Counts(women=by_sex["F"].n, men=by_sex["M"].n),
        )
        if cell.valid:
            cell = PayCell(
                group=group,
                age_band=band,
                counts=cell.counts,
                women_avg_pay=half_up_ratio(by_sex["F"].cents, by_sex["F"].n) / 100,
                men_avg_pay=half_up_ratio(by_sex["M"].cents, by_sex["M"].n) / 100,
            )
        cells.append(cell)
    return PayInput(mode=mode, cells=tuple(cells))


def _level_sorted(levels: set[str], level_order: Sequence[str]) -> list[str]:
    """The loader's level order, else numeric, else natural order (§5.5)."""
    if level_order:
        rank = {level: i for i, level in enumerate(level_order)}
        return sorted(levels, key=lambda lv: (rank.get(lv, len(rank)), _natural(lv)))
    try:
        return sorted(levels, key=lambda lv: (float(lv.replace(",", ".")), lv))
    except ValueError:
        return sorted(levels, key=_natural)


def _natural(level: str) -> tuple[tuple[int, int | str], ...]:
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part)
        for part in _DIGITS.split(level)
        if part
    )


def headcount_table(frame: pl.DataFrame) -> dict[str, dict[str, Counts]]:
    sums = _grouped(frame, "_csp", "_band")
    return {
        csp: {
            band: Counts(
                women=sums[csp, band]["F"].n if (csp, band) in sums else 0,
                men=sums[csp, band]["M"].n if (csp, band) in sums else 0,
            )
            for band in AGE_BANDS
        }
        for csp in CSPS
    }


def csp_counts(frame: pl.DataFrame) -> dict[str, dict[str, _Sums]]:
    sums = _grouped(frame, "_csp")
    return {csp: sums.get((csp,), {"F": _Sums(), "M": _Sums()}) for csp in CSPS}


def rates(by_csp: Mapping[str, Mapping[str, _Sums]], attribute: str) -> RateInput:
    """Indicators 2 and 3 (§5.6): rates of the valid CSPs, declared when anyone was."""
    found: dict[str, tuple[float | None, float | None]] = {}
    anyone = False
    for csp in CSPS:
        women, men = by_csp[csp]["F"], by_csp[csp]["M"]
        k_w, k_m = getattr(women, attribute), getattr(men, attribute)
        anyone = anyone or k_w + k_m > 0
        if women.n >= VALID_CSP_MIN and men.n >= VALID_CSP_MIN:
            found[csp] = ((k_w * 100) / women.n, (k_m * 100) / men.n)
        else:
            found[csp] = (None, None)
    return RateInput(declared_calculable=anyone, rates_pct=found)


def raises(frame: pl.DataFrame) -> RaiseInput:
    by_sex = _grouped(frame)[()]
    women, men = by_sex["F"].r23, by_sex["M"].r23
    return RaiseInput(
        declared_calculable=women + men > 0, raised_women=women, raised_men=men
    )


def returns(found: Mapping[str, Mapping[str, Any]]) -> ReturnInput:
    """Indicator 4 (§10.5): an empty ``raised_after_leave`` means no raise was due."""
    statuses = (pop.IN, pop.SHORT, pop.UNKNOWN)
    return ReturnInput(
        declared_calculable=_sum(found, statuses, "mr_true") > 0,
        returned=_sum(found, statuses, "mr_returned"),
        raised=_sum(found, statuses, "mr_raised"),
    )


def top_ten(ranked: Sequence[tuple[int, str, str]]) -> tuple[TopTenInput, bool]:
    """Women and men among the ten first; whether ranks 10 and 11 tie (§11.4)."""
    first = ranked[:TOP_N]
    women = sum(1 for _, _, sex in first if sex == "F")
    tie = len(ranked) > TOP_N and ranked[TOP_N - 1][0] == ranked[TOP_N][0]
    return TopTenInput(women=women, men=len(first) - women), tie


def totals(frame: pl.DataFrame) -> Counts:
    by_sex = _grouped(frame)[()]
    return Counts(women=by_sex["F"].n, men=by_sex["M"].n)


def incomplete(
    count: int, found: Sequence[tuple[int | None, str, str]], fields: Sequence[str]
) -> dict[str, Any]:
    """``{count, examples}``: the first 20 (row, field) pairs of the block's fields."""
    labels = {"age": {"age", "birth_date"}, "pay": _PAY, "paid_pay": _PAY}
    wanted = (
        set().union(*(labels.get(name, {name}) for name in fields)) if fields else set()
    )
    pairs = [{"row": row, "field": label} for row, _, label in found if label in wanted]
    return {"count": count, "examples": pairs[: pop.MAX_EXAMPLES]}


_PAY: Final = {"base_pay", "variable_pay", "fte", "index_pay_fte"}


def blocked_reason(block: str, the_plan: Plan, n_incomplete: int) -> str | None:
    """The project reason of a block, in the precedence of §13."""
    if the_plan.missing.get(block):
        return "missing_column"
    if block in the_plan.period_unknown:
        return "period_unknown"
    if n_incomplete:
        return "incomplete_data"
    return None


def block_details(
    rows: pop.Rows,
    the_plan: Plan,
    counts: Mapping[str, int],
) -> dict[str, dict[str, Any]]:
    """``missing_columns`` and ``incomplete`` of every block (§4.4, §16.3)."""
    known = rows.window is not None
    fields: dict[str, None] = {}
    for block in the_plan.blocks:
        if block != "indicator4" and counts.get(block):
            fields.update(dict.fromkeys(the_plan.fields[block]))
    found = (
        pop.examples(rows, list(fields), statuses_of(HEADCOUNT, known))
        if fields
        else []
    )
    found_returns = (
        pop.examples(rows, ["maternity_return"], statuses_of("indicator4", known))
        if counts.get("indicator4")
        else []
    )
    return {
        block: {
            "missing_columns": list(the_plan.missing[block]),
            "incomplete": incomplete(
                counts.get(block, 0),
                found_returns if block == "indicator4" else found,
                the_plan.fields.get(block, ()),
            ),
        }
        for block in the_plan.blocks
    }


def derive(
    rows: pop.Rows,
    survey: pop.Survey,
    workforce_range: WorkforceRange,
    *,
    level_order: Sequence[str] = (),
    history: ibis.Table | None = None,
    history_periods: tuple[int, ...] = (),
) -> Derived:
    """The aggregated cells of a period's rows, and why some cannot be derived."""
    the_plan = plan(rows, survey, workforce_range, rows.options.mode)
    needs = needs_of(the_plan, rows, history, history_periods)
    rows = pop.with_status(rows, needs)
    found = _by_status(pop.status_counts(rows, needs))
    counts = {
        block: _sum(found, statuses_of(block, needs.period_known), f"miss_{block}")
        for block in the_plan.fields
    }
    reasons = {
        b: blocked_reason(b, the_plan, counts.get(b, 0)) for b in the_plan.blocks
    }
    details = block_details(rows, the_plan, counts)
    frame = pop.cell_sums(pop.raised_23(rows, needs))
    blocks = _blocks(rows, frame, found, reasons, level_order)
    tie = bool(blocks.pop("tie", False))
    population_known = not (rows.window is None and survey.presence_unknown)
    return Derived(
        rule_input=_rule_input(
            workforce_range, frame, blocks, reasons, known=population_known
        ),
        headcount=blocks.get(HEADCOUNT),
        population=population_details(found, survey),
        block_details=details,
        top10={"pay_basis": rows.options.top10_pay, "tie_at_rank_10": tie},
        csp_cells=blocks.get("indicator1_csp"),
        warnings=[IndexWarning(code="top10_tie")] if tie else [],
    )


def _rule_input(
    workforce_range: WorkforceRange,
    frame: pl.DataFrame,
    blocks: Mapping[str, Any],
    reasons: Mapping[str, str | None],
    *,
    known: bool,
) -> RuleInput:
    by_csp = csp_counts(frame)
    blocked: dict[Indicator, str] = {
        name: reason
        for name in _INDICATOR_KEYS
        if (reason := reasons.get(name)) is not None
    }
    return RuleInput(
        workforce_range=workforce_range,
        indicator1=blocks.get("indicator1"),
        csp_counts={c: Counts(women=s["F"].n, men=s["M"].n) for c, s in by_csp.items()},
        totals=totals(frame),
        indicator2=blocks.get("indicator2"),
        indicator3=blocks.get("indicator3"),
        indicator2et3=blocks.get("indicator2et3"),
        indicator4=blocks.get("indicator4"),
        indicator5=blocks.get("indicator5"),
        blocked=blocked,
        headcount_known=known,
    )


_INDICATOR_KEYS: Final[tuple[Indicator, ...]] = (
    "indicator1",
    "indicator2",
    "indicator3",
    "indicator2et3",
    "indicator4",
    "indicator5",
)


def _blocks(
    rows: pop.Rows,
    frame: pl.DataFrame,
    found: Mapping[str, Mapping[str, Any]],
    reasons: Mapping[str, str | None],
    level_order: Sequence[str],
) -> dict[str, Any]:
    """Each derivable block's input; the ones with a reason are left out."""
    ok = {block for block, reason in reasons.items() if reason is None}
    blocks: dict[str, Any] = {}
    if "indicator1" in ok:
        blocks["indicator1"] = pay_cells(frame, rows.options.mode, level_order)
    if "indicator1_csp" in ok:
        blocks["indicator1_csp"] = pay_cells(frame, "csp", ())
    if HEADCOUNT in ok:
        blocks[HEADCOUNT] = headcount_table(frame)
    by_csp = csp_counts(frame)
    for name, attribute in (("indicator2", "raised"), ("indicator3", "promoted")):
        if name in ok:
            blocks[name] = rates(by_csp, attribute)
    if "indicator2et3" in ok:
        blocks["indicator2et3"] = raises(frame)
    if "indicator4" in ok:
        blocks["indicator4"] = returns(found)
    if "indicator5" in ok:
        blocks["indicator5"], blocks["tie"] = top_ten(pop.top_paid(rows))
    return blocks
