"""The row stage (egapro.md §3–§5): Ibis expressions on the table's own backend.

Only integers leave the backend — counts, sums of FTE pays in cents, the 31-bit chunks of
the workforce estimate — so that DuckDB, Polars or any other backend, whatever its thread
count, hands the rules identical aggregates (§2.1, §5.2). No float is summed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final

import ibis

from mixite.indicators.core import to_polars
from mixite.indicators.egapro.model import (
    PRESENCE_MIN_MONTHS,
    PRESENCE_TOLERANCE,
    TOP_N,
)
from mixite.indicators.egapro.numeric import half_up_fraction

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from datetime import date

    import polars as pl

    from mixite.indicators.egapro.options import EgaproOptions

EXCLUDED_CONTRACTS: Final = {  # §4.1, first matching code
    "apprentice": "contract_apprentice",
    "professionalisation": "contract_professionalisation",
    "intern": "contract_intern",
    "temp_agency": "contract_temp_agency",
    "expatriate": "contract_expatriate",
}
NOT_IN_ESTIMATE: Final = ("apprentice", "professionalisation", "intern", "temp_agency")
IN, SHORT, UNKNOWN, DROPPED = (
    "in",
    "presence_under_6_months",
    "presence_unknown",
    "dropped_incomplete",
)
# 6 months inclusive (§4.2): one double, compared the same way on every backend
PRESENCE_FLOOR: Final = PRESENCE_MIN_MONTHS - PRESENCE_TOLERANCE
CHUNK_BITS: Final = 31  # directive.md §2.4: exact sums of doubles as int64 chunks
N_CHUNKS: Final = 3
MONTHS: Final = 12
MAX_EXAMPLES: Final = 20  # §4.4: the first 20 (row, field) pairs
# Columns whose emptiness on every row makes an indicator "missing_column" (§4.4).
SURVEYED: Final = (
    "csp",
    "level",
    "birth_date",
    "age",
    "base_pay",
    "raised",
    "promoted",
    "maternity_return",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Survey:
    """Facts about the rows of the period, before the population is formed."""

    rows: int
    non_null: Mapping[str, int]
    estimated_workforce: int
    presence_unknown: int  # rows kept by contract without presence
    age_needs_period: int  # population rows whose age needs the period's dates
    maternity_returns: int  # rows kept by contract with maternity_return true


@dataclass(frozen=True, slots=True, kw_only=True)
class Needs:
    """What each block reads: ``fields`` per block, and the rows dropped when incomplete."""

    # block -> the values it reads, for the blocks whose columns are all there
    fields: Mapping[str, tuple[str, ...]]
    drop: bool = False  # option drop_incomplete_rows
    population_fields: tuple[str, ...] = ()  # union over the population's blocks
    returns_field: bool = False  # indicator 4 reads maternity_return
    period_known: bool = True
    count_promoted: bool = True  # 2et3 counts promotions as raises (§5.7)
    # every period's rows, for raises over several years (§8.6)
    history: ibis.Table | None = None
    history_periods: tuple[int, ...] = ()


class Rows:
    """Per-row expressions of §4–§5 on one table; absent columns read as typed nulls."""

    def __init__(
        self,
        table: ibis.Table,
        window: tuple[date, date] | None,
        options: EgaproOptions,
    ) -> None:
        self.t = table
        self.columns = frozenset(table.columns)
        self.window = window
        self.options = options

    def on(self, table: ibis.Table) -> Rows:
        """The same expressions on a table derived from this one (more columns)."""
        return Rows(table, self.window, self.options)

    def col(self, name: str, dtype: str) -> ibis.Value:
        return self.t[name] if name in self.columns else ibis.null(dtype)

    def contract_code(self) -> ibis.Value:
        """The exclusion code of the contract (§4.1); null when the row is kept."""
        if "contract" not in self.columns:
            return ibis.null("string")  # an absent contract counts "other": kept
        contract = self.t.contract
        return ibis.cases(
            *((contract == name, code) for name, code in EXCLUDED_CONTRACTS.items()),
            else_=ibis.null("string"),
        )

    def age(self) -> ibis.Value:
        """Completed years on the last day of presence in the window (§4.3)."""
        given = self.col("age", "int64").cast("int64")
        if "birth_date" not in self.columns or self.window is None:
            return given
        start, end = (ibis.date(day) for day in self.window)
        exit_ = self.col("exit_date", "date")
        ref = ibis.cases((exit_.between(start, end), exit_), else_=end)
        birth = self.t.birth_date

        def month_day(day: ibis.Value) -> ibis.Value:  # int64 first: Polars uses int8
            return day.month().cast("int64") * 100 + day.day().cast("int64")

        before = month_day(ref) < month_day(birth)
        computed = (
            ref.year().cast("int64") - birth.year().cast("int64") - before.cast("int64")
        )
        return ibis.coalesce(computed, given)

    @staticmethod
    def age_band(age: ibis.Value) -> ibis.Value:
        return ibis.cases(
            (age <= 29, ":29"),  # noqa: PLR2004 - the bands of §4.3
            (age <= 39, "30:39"),  # noqa: PLR2004
            (age <= 49, "40:49"),  # noqa: PLR2004
            (age >= 50, "50:"),  # noqa: PLR2004
            else_=ibis.null("string"),
        )

    def fte_pay_cents(self) -> ibis.Value:
        """``half_up(fte_pay × 100)`` = ``floor(v × 100 + 0.5)`` (§5.2)."""
        return (self.t.index_pay_fte * 100 + 0.5).floor().cast("int64")

    def paid_cents(self) -> ibis.Value:
        """Index pay as paid, in cents (``top10_pay="paid"``, §11.4)."""
        variable = self.col("variable_pay", "float64")
        if "variable_pay" not in self.columns:
            variable = ibis.literal(0.0)
        excluded = self.col("excluded_pay", "float64").fill_null(0.0)
        paid = self.col("base_pay", "float64") + variable - excluded
        return (paid * 100 + 0.5).floor().cast("int64")

    def pay_field(self, *, paid: bool) -> ibis.Value:
        """The first empty input of a null Index pay, as §4.4 reports it."""
        cases = [(self.col("base_pay", "float64").isnull(), "base_pay")]
        if "variable_pay" in self.columns:
            cases.append((self.t.variable_pay.isnull(), "variable_pay"))
        if not paid:
            cases.append((self.t.fte.isnull(), "fte"))
        return ibis.cases(*cases, else_="index_pay_fte")

    def missing(self, name: str) -> tuple[ibis.Value, ibis.Value]:
        """(is the value empty, the field to report) for a value an indicator needs."""
        if name == "presence_months":
            return self.t.presence_months.isnull(), ibis.literal(name)
        if name == "age":
            label = "birth_date" if "birth_date" in self.columns else "age"
            return self.age().isnull(), ibis.literal(label)
        if name == "pay":
            return self.t.index_pay_fte.isnull(), self.pay_field(paid=False)
        if name == "paid_pay":
            return self.paid_cents().isnull(), self.pay_field(paid=True)
        return self.col(name, "string").isnull(), ibis.literal(name)

    def any_missing(self, names: Sequence[str]) -> ibis.Value:
        flag: ibis.Value = ibis.literal(False)
        for name in names:
            flag = flag | self.missing(name)[0]
        return flag


# --- period-level facts (§1.4, §4.4) ---------------------------------------------------------


def estimate_chunks(rows: Rows) -> dict[str, ibis.Value]:
    """``fte × presence_months`` split into int64 parts whose sums are exact (§1.4)."""
    fte = rows.t.fte.fill_null(1.0)
    x = fte * rows.t.presence_months
    if "contract" in rows.columns:
        counted = rows.t.contract.isin(NOT_IN_ESTIMATE).fill_null(False)
        x = ibis.cases((~counted, x), else_=ibis.null("float64"))
    parts = {"est_0": x.floor().cast("int64")}
    rest = x - x.floor()
    for i in range(1, N_CHUNKS + 1):
        scaled = rest * float(1 << CHUNK_BITS)
        parts[f"est_{i}"] = scaled.floor().cast("int64")
        rest = scaled - scaled.floor()
    return {name: part.sum() for name, part in parts.items()}


def exact_estimate(sums: Mapping[str, Any]) -> int:
    """Σ fte × presence / 12, summed exactly, halves up (§1.4, §2.6)."""
    total = Fraction(sums.get("est_0") or 0)
    for i in range(1, N_CHUNKS + 1):
        total += Fraction(sums.get(f"est_{i}") or 0, 1 << (CHUNK_BITS * i))
    return half_up_fraction(total / MONTHS)


def survey(rows: Rows) -> Survey:
    """One query: non-null counts, the workforce estimate, what needs the period."""
    t = rows.t
    kept = rows.contract_code().isnull()
    presence = t.presence_months
    age_needs_period = ibis.literal(False)
    if rows.window is None and "birth_date" in rows.columns:
        age_needs_period = t.birth_date.notnull() & rows.age().isnull()
    returned = rows.col("maternity_return", "boolean").fill_null(False)
    metrics: dict[str, ibis.Value] = {
        "rows": t.count(),
        "presence_unknown": t.count(where=kept & presence.isnull()),
        "age_needs_period": t.count(
            where=kept & (presence >= PRESENCE_FLOOR) & age_needs_period
        ),
        "maternity_returns": t.count(where=kept & returned),
        **estimate_chunks(rows),
    }
    for name in SURVEYED:
        if name in rows.columns:
            metrics[f"nn_{name}"] = t[name].count()
    got = to_polars(t.aggregate(**metrics)).row(0, named=True)
    return Survey(
        rows=int(got["rows"]),
        non_null={
            name: int(got[f"nn_{name}"]) for name in SURVEYED if name in rows.columns
        },
        estimated_workforce=exact_estimate(got),
        presence_unknown=int(got["presence_unknown"] or 0),
        age_needs_period=int(got["age_needs_period"] or 0),
        maternity_returns=int(got["maternity_returns"] or 0),
    )


# --- statuses, incompleteness (§4.1, §4.2, §4.4) -------------------------------------------


def with_status(rows: Rows, needs: Needs) -> Rows:
    """Each row's status: an exclusion code, ``in``, ``dropped_incomplete``…"""
    t = rows.t
    presence = t.presence_months
    code = rows.contract_code()
    pop_missing = rows.any_missing(needs.population_fields)
    returns_missing = (
        rows.missing("maternity_return")[0]
        if needs.returns_field
        else ibis.literal(False)
    )
    cases: list[tuple[ibis.Value, str]] = []
    if not needs.period_known:
        cases.append((presence.isnull(), UNKNOWN))
    if needs.drop:
        long_enough = (presence >= PRESENCE_FLOOR).fill_null(True)
        cases.append(((long_enough & pop_missing) | returns_missing, DROPPED))
    cases += [(presence.isnull(), UNKNOWN), (presence < PRESENCE_FLOOR, SHORT)]
    status = ibis.cases((code.notnull(), code), *cases, else_=IN)
    age = rows.age()
    table = t.mutate(
        _status=status,
        _band=rows.age_band(age),
        _csp=rows.col("csp", "string"),
        _level=rows.col("level", "string"),
    )
    return rows.on(table)


def status_counts(rows: Rows, needs: Needs) -> pl.DataFrame:
    """Rows by status and sex, with the missing values of each block and indicator 4."""
    table = rows.t
    metrics: dict[str, ibis.Value] = {"n": table.count()}
    for block, names in needs.fields.items():
        metrics[f"miss_{block}"] = table.count(where=rows.any_missing(names))
    if needs.returns_field:
        returned = table.maternity_return.fill_null(False)
        after = rows.col("raised_after_leave", "boolean")
        metrics["mr_true"] = table.count(where=returned)
        metrics["mr_returned"] = table.count(where=returned & after.notnull())
        metrics["mr_raised"] = table.count(where=returned & after.fill_null(False))
    grouped = table.group_by(["_status", "sex"]).aggregate(**metrics)
    return to_polars(grouped.order_by(["_status", "sex"]))


def examples(
    rows: Rows, names: Sequence[str], statuses: Sequence[str]
) -> list[tuple[int | None, str, str]]:
    """The first rows (by source row) with an empty value, as (row, employee, field)."""
    table = rows.t
    found: list[tuple[int | None, str, str]] = []
    row = rows.col("_source_row", "int64")
    relevant = table._status.isin(list(statuses))
    for name in names:
        empty, label = rows.missing(name)
        picked = (
            table.filter(relevant & empty)
            .select(_row=row, _id=table.employee_id, _field=label)
            .order_by(["_row", "_id"])
            .limit(MAX_EXAMPLES)
        )
        found += [(r[0], r[1], r[2]) for r in to_polars(picked).iter_rows()]
    found.sort(key=lambda item: (item[0] is None, item[0] or 0, item[1]))
    return found


# --- cells (§5.3–§5.7) -----------------------------------------------------------------------


def cell_sums(rows: Rows) -> pl.DataFrame:
    """Population counts and sums by CSP × level × age band × sex, integers only.

    The table carries ``_status`` and the 2et3 flag ``_r23`` (:func:`raised_23`).
    """
    table = rows.t
    population = table.filter(table._status == IN)
    cents = rows.fte_pay_cents()
    raised = rows.col("raised", "boolean").fill_null(False)
    promoted = rows.col("promoted", "boolean").fill_null(False)
    grouped = (
        population.mutate(_cents=cents, _raised=raised, _promoted=promoted)
        .group_by(["_csp", "_level", "_band", "sex"])
        .aggregate(
            n=ibis._.count(),
            cents=ibis._._cents.sum(),
            n_pay=ibis._._cents.count(),
            raised=ibis._.count(where=ibis._._raised),
            promoted=ibis._.count(where=ibis._._promoted),
            r23=ibis._.count(where=ibis._._r23),
        )
    )
    return to_polars(grouped.order_by(["_csp", "_level", "_band", "sex"]))


def raised_23(rows: Rows, needs: Needs) -> Rows:
    """The 2et3 flag (§5.7) on each row; over several periods by ``employee_id`` (§8.6)."""
    raised = rows.col("raised", "boolean").fill_null(False)
    if needs.count_promoted and "promoted" in rows.columns:
        raised = raised | rows.t.promoted.fill_null(False)
    table = rows.t
    past = needs.history
    if past is None:
        return rows.on(table.mutate(_r23=raised))
    flag = (
        past.raised.fill_null(False)
        if "raised" in past.columns
        else ibis.literal(False)
    )
    if needs.count_promoted and "promoted" in past.columns:
        flag = flag | past.promoted.fill_null(False)
    ids = (
        past.filter(past.period.isin(list(needs.history_periods)) & flag)
        .select(employee_id=past.employee_id, _r23_past=ibis.literal(True))
        .distinct()
    )
    joined = table.mutate(_r23_own=raised).left_join(ids, "employee_id")
    flagged = joined.mutate(_r23=joined._r23_own | joined._r23_past.fill_null(False))
    return rows.on(flagged.drop("employee_id_right", "_r23_own", "_r23_past"))


def top_paid(rows: Rows) -> list[tuple[int, str, str]]:
    """The highest pays of the population, ties at rank 10 included: (cents, id, sex)."""
    table = rows.t
    pay = (
        rows.paid_cents() if rows.options.top10_pay == "paid" else rows.fte_pay_cents()
    )
    population = table.filter(table._status == IN).mutate(_pay=pay)
    population = population.filter(population._pay.notnull())
    head = to_polars(
        population.select("_pay").order_by(ibis.desc("_pay")).limit(TOP_N + 1)
    )
    if head.height == 0:
        return []
    threshold = int(head["_pay"].min())  # type: ignore[arg-type]
    picked = population.filter(population._pay >= threshold).select(
        "_pay", "employee_id", "sex"
    )
    found = [(int(p), str(e), str(s)) for p, e, s in to_polars(picked).iter_rows()]
    found.sort(key=lambda item: (-item[0], item[1]))  # ties: employee_id, code points
    return found
