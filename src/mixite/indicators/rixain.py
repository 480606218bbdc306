"""Rixain law: women and men among executives and governing bodies (egapro.md §14).

Companies of 1,000 employees or more publish each year the share of women and of men among
their senior executives (*cadres dirigeants*, L3111-2) and among the members of their
governing bodies (*instances dirigeantes*, C. com. L23-12-1): L1142-11 to L1142-13,
D1142-15 to D1142-19. Each person weighs the months spent in the role (§14.3).

Two stages, as everywhere in the engine: the row stage is Ibis on the table's own backend and
only counts rows or fetches the few member rows, so every backend gives the same input to the
rule stage; the rule stage sums the weights in plain Python with ``fractions.Fraction`` and
rounds half up on the exact rational (§2.6, §14.5), so 29.95 % is published 30.0 % whatever
the backend, the row order or the floating-point noise of the file.
"""

from __future__ import annotations

import calendar
import functools
import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final, Literal, Protocol

import pyarrow as pa

from mixite.errors import InputError
from mixite.indicators.core import (
    IndicatorResult,
    IndicatorSpec,
    JsonDict,
    as_loaded,
    register,
)
from mixite.workforce.messages import rejects_row
from mixite.workforce.options import period_bounds

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    import ibis

    from mixite.workforce.report import ValidationReport

__all__ = [
    "INCOMPLETE_DATA",
    "MISSING_COLUMN",
    "NO_EXECUTIVE",
    "NO_GOVERNING_BODY",
    "ONE_EXECUTIVE",
    "Incomplete",
    "RixainOptions",
    "RixainPart",
    "RixainResult",
    "compute",
    "half_up",
    "target_pct_for",
]

# --- constants of the law --------------------------------------------------------------

# L1142-12: each sex at least 30 % from 1 March 2026, 40 % from 1 March 2029.
TARGET_30_FROM: Final = date(2026, 3, 1)
TARGET_40_FROM: Final = date(2029, 3, 1)
PUBLICATION_MONTH_DAY: Final = (3, 1)  # D1142-15: published by 1 March of the next year
OBLIGATION_RANGE: Final = "1000:"  # L1142-11 (three consecutive years: user's check)
WORKFORCE_RANGES: Final = ("50:250", "251:999", "1000:")
SMALL_BAND_MAX, MIDDLE_BAND_MAX, SMALL_COMPANY = 250, 999, 50  # egapro.md §1.4

# §14.4 and §13 reason codes
NO_EXECUTIVE: Final = "aucun_cadre_dirigeant"
ONE_EXECUTIVE: Final = "un_seul_cadre_dirigeant"
NO_GOVERNING_BODY: Final = "aucune_instance_dirigeante"
MISSING_COLUMN: Final = "missing_column"
INCOMPLETE_DATA: Final = "incomplete_data"

PRESENCE_TOLERANCE: Final = 1e-9  # §14.5: a presence equal to its dates' is theirs
MAX_EXAMPLES: Final = 20  # §16.3: examples of incomplete rows
TENTHS_PER_WHOLE: Final = 1000  # shares are computed in tenths of a percent
INDEX_EXCLUDED_CONTRACTS: Final = (
    "apprentice",
    "professionalisation",
    "intern",
    "temp_agency",
)
CHUNK: Final = 2**31  # exact in-backend sums of doubles (directive.md §2.4)
N_CHUNKS: Final = 3
ROW: Final = "_source_row"  # the loader's row number, when the table has it

WorkforceRangeSource = Literal["declared", "estimated"]


class TargetOption(Protocol):
    """What ``compute`` reads of its options: ``EgaproOptions`` fits, as ``RixainOptions``."""

    @property
    def rixain_target_on_published(self) -> bool: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class RixainOptions:
    """The Rixain option of egapro.md §15, for callers without ``EgaproOptions``.

    ``rixain_target_on_published``: compare the published 1-decimal shares with the target
    (default, what the ministry sees), else the exact shares.
    """

    rixain_target_on_published: bool = True


@dataclass(frozen=True, slots=True)
class _Role:
    key: str  # JSON key of §14.7
    column: str  # membership flag
    months: str  # months in the role (§14.3)
    none_reason: str
    one_reason: str | None  # only executives have it (§14.4)


EXECUTIVES: Final = _Role(
    "executives", "executive", "executive_months", NO_EXECUTIVE, ONE_EXECUTIVE
)
GOVERNING_BODY: Final = _Role(
    "governing_body", "governing_body", "governing_body_months", NO_GOVERNING_BODY, None
)
ROLES: Final = (EXECUTIVES, GOVERNING_BODY)

# --- results ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Incomplete:
    """Rows whose membership or weight is unknown: the count, the first 20 ``(row, field)``."""

    count: int = 0
    examples: tuple[tuple[int | None, str], ...] = ()

    def to_dict(self) -> JsonDict:
        return {
            "count": self.count,
            "examples": [{"row": row, "field": name} for row, name in self.examples],
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class RixainPart(IndicatorResult):
    """One of the two published pairs (executives or governing body), §14.4–§14.6.

    ``value`` is the women's share as published (``Decimal`` with 1 decimal); the exact
    sums of months travel with it so that the rounding can be checked and explained.
    """

    role: str  # "executives" or "governing_body"
    people: int | None = None  # distinct people weighing more than 0; None when unknown
    n_women: int | None = None
    n_men: int | None = None
    women_months: Fraction | None = None  # W of §14.5
    total_months: Fraction | None = None  # T of §14.5
    women_tenths: int | None = None  # half_up(1000 W / T)
    target_pct: int | None = None
    meets_target: bool | None = None
    missing_columns: tuple[str, ...] = ()
    incomplete: Incomplete = field(default_factory=Incomplete)

    @property
    def women_pct(self) -> float | None:
        return None if self.women_tenths is None else self.women_tenths / 10

    @property
    def men_pct(self) -> float | None:
        if self.women_tenths is None:
            return None
        return (TENTHS_PER_WHOLE - self.women_tenths) / 10

    def to_dict(self, *, shared: bool = False) -> JsonDict:
        """The §14.7 object of one part (no amount: the shared view is the same)."""
        del shared  # legal percentages are published as they are (platform.md §2.3)
        return {
            "calculable": self.calculable,
            "not_calculable_reason": self.reason,
            "people": self.people,
            "women_pct": self.women_pct,
            "men_pct": self.men_pct,
            "meets_target": self.meets_target,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class RixainResult:
    """The ``representation`` object of the Index result (§14.7) and how it was obtained."""

    obligation: bool
    target_pct: int | None
    executives: RixainPart
    governing_body: RixainPart
    period: int | None = None
    workforce_range: str | None = None
    workforce_range_source: WorkforceRangeSource = "declared"
    estimated_workforce: int | None = None
    target_on_published: bool = True
    warnings: tuple[str, ...] = ()  # codes: period_defaulted_to_latest, …

    def to_dict(self, *, shared: bool = False) -> JsonDict:
        """Exactly the object of egapro.md §14.7, keys in its order."""
        return {
            "obligation": self.obligation,
            "target_pct": self.target_pct,
            "executives": self.executives.to_dict(shared=shared),
            "governing_body": self.governing_body.to_dict(shared=shared),
        }


# --- arithmetic ------------------------------------------------------------------------


def half_up(q: Fraction) -> int:
    """The integer nearest to ``q ≥ 0``, ties up, on the exact rational (§2.6)."""
    return math.floor(q + Fraction(1, 2))


def target_pct_for(period: int | None) -> int | None:
    """The target of the figures of ``period``, published by 1 March of the next year (§14.6)."""
    if period is None:
        return None
    published = date(period + 1, *PUBLICATION_MONTH_DAY)
    if published >= TARGET_40_FROM:
        return 40
    if published >= TARGET_30_FROM:
        return 30
    return None


@functools.lru_cache(maxsize=4096)  # weights repeat (12.0, 6.0…)
def _exact(value: float) -> Fraction:
    """A weight read as the decimal the file wrote (§14.5: ``Decimal(repr(w))``)."""
    return Fraction(Decimal(repr(value)))


def _presence_from_dates(
    hire: date | None, exit_: date | None, window: tuple[date, date]
) -> Fraction:
    """Months under contract in the window, as the exact sum of day fractions (§4.2)."""
    start, end = window
    return _months_between(max(hire or start, start), min(exit_ or end, end))


@functools.lru_cache(maxsize=4096)  # many members share their first and last day
def _months_between(first: date, last: date) -> Fraction:
    if first > last:
        return Fraction(0)
    total = Fraction(0)
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        days = calendar.monthrange(year, month)[1]
        low = first.day if (year, month) == (first.year, first.month) else 1
        high = last.day if (year, month) == (last.year, last.month) else days
        total += Fraction(high - low + 1, days)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)  # noqa: PLR2004
    return total


def _weight(
    row: Mapping[str, Any], role: _Role, window: tuple[date, date] | None
) -> Fraction | None:
    """Months in the role (§14.3, §14.5); None when unknown."""
    months = row.get(role.months)
    if months is not None:
        return _exact(months)
    presence = row.get("presence_months")
    if presence is None:
        return None
    if window is not None:
        dated = _presence_from_dates(row.get("hire_date"), row.get("exit_date"), window)
        if abs(presence - float(dated)) <= PRESENCE_TOLERANCE:
            return dated
    return _exact(presence)


# --- the row stage (Ibis, any backend) -------------------------------------------------


def _periods(table: ibis.Table) -> list[int]:
    if "period" not in table.columns:
        return []
    values = table.select("period").distinct().to_pyarrow().column(0).to_pylist()
    return sorted(v for v in values if v is not None)


def _select_period(
    table: ibis.Table, period: int | None
) -> tuple[ibis.Table, int | None, tuple[str, ...]]:
    """Rows of the selected period (§3.1): the given one, else the latest with a warning."""
    present = _periods(table)
    if not present:  # no period in the table: every row, period as given (or unknown)
        return table, period, ()
    warnings: tuple[str, ...] = ()
    if period is None:
        period = present[-1]
        if len(present) > 1:
            warnings = ("period_defaulted_to_latest",)
    return table.filter(table.period == period), period, warnings


def _counts(table: ibis.Table, roles: Sequence[_Role]) -> dict[str, int]:
    """Rows of the period, and per role the filled and the empty flags (integers)."""
    metrics: dict[str, ibis.Expr] = {"n_rows": table.count()}
    for role in roles:
        flag = table[role.column]
        metrics[f"{role.column}.filled"] = flag.notnull().sum()
        metrics[f"{role.column}.empty"] = flag.isnull().sum()
    (row,) = table.aggregate(**metrics).to_pyarrow().to_pylist()
    return {name: int(value or 0) for name, value in row.items()}  # empty SUM: NULL


def _members(table: ibis.Table, roles: Sequence[_Role]) -> list[dict[str, Any]]:
    """The rows flagged in at least one role, with what their weight needs (few rows)."""
    if not roles:
        return []
    wanted = ["employee_id", "sex", "presence_months", "hire_date", "exit_date", ROW]
    wanted += [name for role in roles for name in (role.column, role.months)]
    columns = [name for name in dict.fromkeys(wanted) if name in table.columns]
    flagged = functools.reduce(
        lambda left, right: left | right,
        [table[role.column].fill_null(False) for role in roles],
    )
    rows: list[dict[str, Any]] = (
        table.filter(flagged).select(*columns).to_pyarrow().to_pylist()
    )
    return rows


def _empty_flag_rows(table: ibis.Table, role: _Role) -> list[int | None]:
    """Row numbers of the first rows whose membership is unknown, in file order."""
    empty = table.filter(table[role.column].isnull())
    if ROW not in table.columns:
        return [None] * min(MAX_EXAMPLES, int(empty.count().to_pyarrow().as_py()))
    rows = empty.select(ROW).order_by(ROW).limit(MAX_EXAMPLES).to_pyarrow()
    return list(rows.column(0).to_pylist())


def _exact_sum(values: ibis.Value, table: ibis.Table) -> Fraction:
    """The exact sum of non-negative doubles, from int64 sums of 31-bit chunks (directive §2.4)."""
    parts: dict[str, ibis.Expr] = {}
    whole = values.floor()
    parts["c0"] = whole.sum()
    rest = (values - whole) * CHUNK
    for index in range(1, N_CHUNKS + 1):
        chunk = rest.floor()
        parts[f"c{index}"] = chunk.cast("int64").sum()
        rest = (rest - chunk) * CHUNK
    (row,) = table.aggregate(**parts).to_pyarrow().to_pylist()
    return sum(
        (Fraction(int(row[f"c{i}"] or 0), CHUNK**i) for i in range(N_CHUNKS + 1)),
        Fraction(0),
    )


def estimate_workforce(table: ibis.Table) -> int:
    """egapro.md §1.4: Σ fte × presence_months / 12 without apprentices, interns, temps."""
    kept = table.filter(table.presence_months.notnull())
    if "contract" in table.columns:
        contract = kept.contract
        kept = kept.filter(contract.isnull() | ~contract.isin(INDEX_EXCLUDED_CONTRACTS))
    products = kept.fte.fill_null(1.0) * kept.presence_months
    total = Fraction(float(_exact_sum(products, kept)))  # rounded once to a double
    return half_up(total / 12)


def _band(workforce: int) -> str:
    if workforce <= SMALL_BAND_MAX:
        return "50:250"
    return "251:999" if workforce <= MIDDLE_BAND_MAX else "1000:"


# --- the rule stage (plain Python) -----------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class _Context:
    counts: Mapping[str, int]
    members: Sequence[Mapping[str, Any]]
    window: tuple[date, date] | None
    target: int | None
    on_published: bool


def _not_calculable(role: _Role, reason: str, **fields: Any) -> RixainPart:
    name = f"rixain.{role.key}"
    return RixainPart(
        name=name, role=role.key, calculable=False, reason=reason, **fields
    )


def _part(role: _Role, context: _Context, table: ibis.Table) -> RixainPart:
    """§14.3–§14.6 for one role."""
    counts = context.counts
    filled = counts.get(f"{role.column}.filled", 0)
    if role.column not in table.columns or (counts["n_rows"] > 0 and filled == 0):
        return _not_calculable(
            role,
            MISSING_COLUMN,
            missing_columns=(role.column,),
            target_pct=context.target,
        )
    examples: list[tuple[int | None, str]] = []
    n_empty = counts[f"{role.column}.empty"]
    if n_empty:
        examples += [(row, role.column) for row in _empty_flag_rows(table, role)]
    weights: list[tuple[str, str, Fraction]] = []  # employee_id, sex, months
    unknown_field = role.months if role.months in table.columns else "presence_months"
    n_unknown = 0
    for row in context.members:
        if not row.get(role.column):
            continue
        weight = _weight(row, role, context.window)
        if weight is None:
            n_unknown += 1
            examples.append((row.get(ROW), unknown_field))
        elif weight > 0:  # rows weighing 0 are ignored (§14.3)
            weights.append((row["employee_id"], row["sex"], weight))
    if n_empty or n_unknown:
        ordered = sorted(examples, key=lambda e: (e[0] is None, e[0] or 0, e[1]))
        incomplete = Incomplete(
            count=n_empty + n_unknown, examples=tuple(ordered[:MAX_EXAMPLES])
        )
        return _not_calculable(
            role, INCOMPLETE_DATA, incomplete=incomplete, target_pct=context.target
        )
    return _shares(role, weights, context)


def _shares(
    role: _Role, weights: Sequence[tuple[str, str, Fraction]], context: _Context
) -> RixainPart:
    """People, exact sums, published tenths and the target test (§14.4–§14.6)."""
    people = {employee for employee, _, _ in weights}
    women = {employee for employee, sex, _ in weights if sex == "F"}
    men = {employee for employee, sex, _ in weights if sex == "M"}
    common: dict[str, Any] = {
        "people": len(people),
        "n_women": len(women),
        "n_men": len(men),
        "target_pct": context.target,
    }
    if not people:
        return _not_calculable(role, role.none_reason, **common)
    if len(people) == 1 and role.one_reason is not None:
        return _not_calculable(role, role.one_reason, **common)
    total = sum((w for _, _, w in weights), Fraction(0))
    women_months = sum((w for _, sex, w in weights if sex == "F"), Fraction(0))
    tenths = half_up(TENTHS_PER_WHOLE * women_months / total)
    meets: bool | None = None
    if context.target is not None:
        if context.on_published:
            meets = min(tenths, TENTHS_PER_WHOLE - tenths) >= context.target * 10
        else:
            meets = (
                min(women_months, total - women_months) * 100 >= context.target * total
            )
    return RixainPart(
        name=f"rixain.{role.key}",
        role=role.key,
        calculable=True,
        value=Decimal(tenths).scaleb(-1),
        women_months=women_months,
        total_months=total,
        women_tenths=tenths,
        meets_target=meets,
        tables={"by_sex": _by_sex(weights)},
        **common,
    )


def _by_sex(weights: Sequence[tuple[str, str, Fraction]]) -> pa.Table:
    """People and months (rounded to 0.01 for reading) of each sex, F then M."""
    people: Counter[str] = Counter()
    months: dict[str, Fraction] = {}
    for _, sex, weight in weights:
        people[sex] += 1
        months[sex] = months.get(sex, Fraction(0)) + weight
    sexes = sorted(people)
    return pa.table(
        {
            "sex": sexes,
            "people": [people[sex] for sex in sexes],
            "months": [round(float(months[sex]), 2) for sex in sexes],
        }
    )


# --- bad input (§3.4) -----------------------------------------------------------------

READ_COLUMNS: Final = frozenset(
    {
        "employee_id",
        "sex",
        "period",
        "presence_months",
        "hire_date",
        "exit_date",
        *(name for role in ROLES for name in (role.column, role.months)),
    }
)
ESTIMATE_COLUMNS: Final = frozenset({"fte", "hours_paid", "contract"})


def _refuse_bad_rows(report: ValidationReport, columns: frozenset[str]) -> None:
    """Raise on an error that rejected a row or emptied a column Rixain reads (§3.4).

    Applied when the load kept one period (every message is about a row of it); with
    several periods the caller that selects one (the Index) checks its own rows.
    """
    if len(report.period.values) > 1:
        return
    for message in report.messages:
        if message.severity != "error":
            continue
        if rejects_row(message.key, message.column) or message.column in columns:
            raise InputError(message.text("en"), report=report)


def _window(
    given: object, report: ValidationReport | None, period: int | None
) -> tuple[date, date] | None:
    """The reference window of ``period``: the load's own, else the calendar year."""
    if period is None:
        return None
    info = None if report is None else report.period
    if info is not None and info.start and info.end and info.end.year == period:
        return info.start, info.end
    period_end = getattr(getattr(given, "options", None), "period_end", "12-31")
    return period_bounds(period, period_end if isinstance(period_end, str) else "12-31")


# --- entry points ----------------------------------------------------------------------


def compute(
    table: object,
    *,
    period: int | None = None,
    workforce_range: str | None = None,
    options: TargetOption | None = None,
) -> RixainResult:
    """The ``representation`` object of egapro.md §14 (``to_dict()`` gives §14.7).

    ``table``: a ``Workforce``, a loaded Ibis table (used as is, on its backend) or anything
    ``mixite.load`` accepts. ``workforce_range``: the band the Index applied; None estimates
    it as the Index does (§1.4). Raises ``InputError`` on bad input (§3.4) and
    ``ValueError`` on an unknown band; never for a part that is not calculable.
    """
    if workforce_range is not None and workforce_range not in WORKFORCE_RANGES:
        raise ValueError(
            f"workforce_range must be one of {', '.join(WORKFORCE_RANGES)}, "
            f"not {workforce_range!r}"
        )
    loaded = as_loaded(table)
    if loaded.report is not None:
        extra = ESTIMATE_COLUMNS if workforce_range is None else frozenset()
        _refuse_bad_rows(loaded.report, READ_COLUMNS | extra)
    rows, period, warnings = _select_period(loaded.table, period)
    source: WorkforceRangeSource = "declared"
    estimated = None
    if workforce_range is None:
        estimated = estimate_workforce(rows)
        workforce_range, source = _band(estimated), "estimated"
        warnings += ("workforce_range_estimated",)
        if estimated < SMALL_COMPANY:
            warnings += ("below_50_employees",)
    roles = [role for role in ROLES if role.column in rows.columns]
    target = target_pct_for(period)
    context = _Context(
        counts=_counts(rows, roles),
        members=_members(rows, roles),
        window=_window(table, loaded.report, period),
        target=target,
        on_published=True if options is None else options.rixain_target_on_published,
    )
    return RixainResult(
        obligation=workforce_range == OBLIGATION_RANGE,
        target_pct=target,
        executives=_part(EXECUTIVES, context, rows),
        governing_body=_part(GOVERNING_BODY, context, rows),
        period=period,
        workforce_range=workforce_range,
        workforce_range_source=source,
        estimated_workforce=estimated,
        target_on_published=context.on_published,
        warnings=warnings,
    )


def _executives(table: ibis.Table) -> RixainPart:
    return compute(table, workforce_range=OBLIGATION_RANGE).executives


def _governing_body(table: ibis.Table) -> RixainPart:
    return compute(table, workforce_range=OBLIGATION_RANGE).governing_body


register(
    IndicatorSpec(
        name="rixain.executives",
        framework="rixain",
        title={
            "fr": "Part des femmes et des hommes parmi les cadres dirigeants",
            "en": "Women and men among senior executives",
        },
        columns=("executive",),  # optional: executive_months (else presence_months)
        compute=_executives,
    )
)
register(
    IndicatorSpec(
        name="rixain.governing_body",
        framework="rixain",
        title={
            "fr": "Part des femmes et des hommes parmi les membres des instances dirigeantes",
            "en": "Women and men among members of governing bodies",
        },
        columns=("governing_body",),  # optional: governing_body_months
        compute=_governing_body,
    )
)
