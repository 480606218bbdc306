"""Events of a period (§6.7): promotions, returns from maternity leave, work accidents,
and the supplementary rows (``leaves``, ``careers``, ``exposures``) of §1.3; working-time
changes are in :mod:`mixite.workforce.dsn.working_time`."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Final

from mixite.workforce.dsn.codes import CSP_RANK
from mixite.workforce.dsn.people import (
    Suspension,
    latest_value,
    month_bounds,
    month_ratio,
    month_stat,
)
from mixite.workforce.dsn.values import to_cents, to_date
from mixite.workforce.dsn.working_time import working_time_changes

if TYPE_CHECKING:
    from collections.abc import Sequence

    from mixite.workforce.dsn.aggregate import Context, PeriodView, Row
    from mixite.workforce.dsn.codes import CodeTables
    from mixite.workforce.dsn.declarations import Month
    from mixite.workforce.dsn.parse import Block
    from mixite.workforce.dsn.people import Person, Snapshot

__all__ = ["csp", "event_columns"]

_RETURNS: Final = frozenset({"02", "09"})  # maternity, adoption
_ACCIDENTS: Final = frozenset({"04", "06"})  # commuting, work accident
_BASE_SALARY: Final = "010"
_CENT: Final = Decimal("0.01")


def csp_of(s40: Block, tables: CodeTables) -> str | None:
    statut = tables.statut_csp.get(s40.get("002") or "")
    if statut is not None:
        return statut
    return tables.csp_from_pcs(s40.get("004"))


def csp(snaps: Sequence[tuple[Snapshot, Block]], ctx: Context) -> str | None:
    """CSP of the reference contract's latest snapshot, with its review warnings (§6.5)."""
    tables = snaps[-1][0].tables
    statut = latest_value(snaps, "002")
    pension = latest_value(snaps, "003")
    if statut is None or statut[0] not in tables.statut_csp:
        pcs = latest_value(snaps, "004")
        return tables.csp_from_pcs(pcs[0] if pcs else None)
    code, line, snapshot = statut
    if code in tables.statut_review:
        ctx.report.add(
            "dsn.csp_review",
            file=snapshot.file,
            row=line,
            rubric="S21.G00.40.002",
            value=code,
        )
    if pension is not None and (
        (code in ("03", "04") and pension[0] == "04")
        or (code in ("05", "06", "07") and pension[0] == "01")
    ):
        ctx.report.add(
            "dsn.csp_status_mismatch",
            file=snapshot.file,
            row=line,
            rubric="S21.G00.40.002",
            value=code,
            other=pension[0],
        )
    return tables.statut_csp[code]


def event_columns(view: PeriodView, row: Row, ctx: Context) -> Row:
    hire = row.get("hire_date")
    returned = _maternity_return(view)
    _leaves(view, str(row["employee_id"]), ctx)
    _exposures(view, row, ctx)
    working_time_changes(view, str(row["employee_id"]), ctx)
    return {
        "hired": isinstance(hire, date) and view.first <= hire <= view.last,
        "promoted": _promoted(view, row, ctx),
        "maternity_return": returned is not None,
        "raised_after_leave": None
        if returned is None
        else _raised(view, returned, ctx),
        "work_accidents": sum(
            1
            for s in view.person.suspensions
            if s.is_stoppage
            and s.code in _ACCIDENTS
            and _month_of(s.interval.start) in view.covered
        ),
    }


def _month_of(day: date) -> Month:
    return (day.year, day.month)


def _rank_and_level(
    s40: Block, tables: CodeTables
) -> tuple[int | None, Decimal | None]:
    category = csp_of(s40, tables)
    return CSP_RANK.get(category or ""), _number(s40.get("071"))


def _number(text: str | None) -> Decimal | None:
    try:
        return Decimal(text) if text else None
    except ArithmeticError:
        return None


def _promoted(view: PeriodView, row: Row, ctx: Context) -> bool:
    employee_id = str(row["employee_id"])
    found: set[tuple[date, str, str, str]] = set()
    in_period = [(s, b) for s, b in view.ref_snapshots if s.month in view.covered]
    for (before, old), (after, new) in itertools.pairwise(in_period):
        day = month_bounds(after.month)[0]
        old_rank, old_level = _rank_and_level(old, before.tables)
        new_rank, new_level = _rank_and_level(new, after.tables)
        found |= _changes(day, (old_rank, old_level), (new_rank, new_level))
    for snapshot, s40 in in_period:
        for s41 in s40.kids("S21.G00.41"):
            changed = to_date(s41.get("001") or "")
            if changed is None or not view.first <= changed <= view.last:
                continue
            old_rank = CSP_RANK.get(
                snapshot.tables.statut_csp.get(s41.get("002") or "", "")
            )
            new_rank, new_level = _rank_and_level(s40, snapshot.tables)
            old_level = _number(s41.get("046"))
            found |= _changes(changed, (old_rank, old_level), (new_rank, new_level))
    for day, kind, old_value, new_value in sorted(found):
        ctx.careers.append(
            {
                "employee_id": employee_id,
                "date": day,
                "kind": kind,
                "from_value": old_value,
                "to_value": new_value,
                "chosen": None,
            }
        )
    return any(kind == "promotion" for _, kind, _, _ in found)


def _changes(
    day: date,
    old: tuple[int | None, Decimal | None],
    new: tuple[int | None, Decimal | None],
) -> set[tuple[date, str, str, str]]:
    found: set[tuple[date, str, str, str]] = set()
    for index, kind in ((0, "category_change"), (1, "level_change")):
        before, after = old[index], new[index]
        if before is None or after is None or before == after:
            continue
        found.add((day, kind, str(before), str(after)))
        if after > before:
            found.add((day, "promotion", str(before), str(after)))
    return found


def _maternity_return(view: PeriodView) -> Suspension | None:
    returns = [
        s
        for s in view.person.suspensions
        if s.is_stoppage
        and s.code in _RETURNS
        and (back := to_date(s.block.get("010") or "")) is not None
        and _month_of(back) in view.covered
    ]
    return max(returns, key=lambda s: s.interval.end, default=None)


def _base_rate(person: Person, month: Month) -> Decimal | None:
    """Base salary of a full month divided by that month's ratio, rounded to the cent."""
    if not month_stat(person, month).full:
        return None
    cents = 0
    ratio: Fraction | None = None
    for snapshot in person.snapshots:
        if snapshot.month != month:
            continue
        for s40 in snapshot.block.kids("S21.G00.40"):
            ratio = month_ratio(s40) or ratio
        for s50 in snapshot.block.kids("S21.G00.50"):
            for s51 in s50.kids("S21.G00.51"):
                if s51.get("011") == _BASE_SALARY:
                    cents += to_cents(s51.get("013") or "") or 0
    if not ratio:
        return None
    rate = Fraction(cents, 100) / ratio
    exact = Decimal(rate.numerator) / Decimal(rate.denominator)
    return exact.quantize(_CENT, rounding=ROUND_HALF_UP)


def _raised(view: PeriodView, stoppage: Suspension, ctx: Context) -> bool | None:
    start = stoppage.interval.start
    back = stoppage.interval.end + timedelta(days=1)
    months = view.person.months()
    before = [m for m in months if month_bounds(m)[1] < start]
    after = [m for m in view.covered if month_bounds(m)[1] >= back]
    old = next(
        (r for m in reversed(before) if (r := _base_rate(view.person, m)) is not None),
        None,
    )
    new = next(
        (r for m in after if (r := _base_rate(view.person, m)) is not None), None
    )
    if old is not None and new is not None and new > old:
        return True
    ctx.report.add(
        "dsn.maternity_raise_unknown",
        file=stoppage.snapshot.file,
        row=stoppage.block.line_of("010"),
        rubric="S21.G00.60.010",
        date=back.isoformat(),
    )
    return None


def _leaves(view: PeriodView, employee_id: str, ctx: Context) -> None:
    for suspension in view.person.suspensions:
        interval = suspension.interval
        if interval.start > view.last or interval.end < view.first:
            continue
        tables = suspension.snapshot.tables
        kinds = tables.stoppages if suspension.is_stoppage else tables.suspensions
        ctx.leaves.append(
            {
                "employee_id": employee_id,
                "kind": kinds.get(suspension.code, "other"),
                "start_date": interval.start,
                "end_date": None if interval.end == date.max else interval.end,
                "detail": None,
                "return_exam": None,
                "entitled_days": None,
            }
        )


def _exposures(view: PeriodView, row: Row, ctx: Context) -> None:
    factors = {
        code
        for snapshot in view.snapshots
        for s34 in snapshot.block.kids("S21.G00.34")
        if (code := s34.get("001"))
    }
    for code in sorted(factors):
        ctx.exposures.append(
            {
                "employee_id": row["employee_id"],
                "factor": f"dsn:{code}",
                "job": row.get("job"),
            }
        )
