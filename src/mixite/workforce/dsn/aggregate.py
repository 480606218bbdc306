"""One canonical row per person and period, from the covered months (§6.4, §6.6).

Quantities are exact fractions and amounts integer cents until the row is written, so that
``presence_months``, ``fte`` and the amounts are the nearest doubles to the exact values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import TYPE_CHECKING, Final

from mixite.workforce.dsn import events
from mixite.workforce.dsn.declarations import Month, month_label
from mixite.workforce.dsn.people import (
    Contract,
    Person,
    Snapshot,
    latest_value,
    month_bounds,
    month_ratio,
    month_stat,
    pseudonym,
)
from mixite.workforce.dsn.values import to_cents, to_date

if TYPE_CHECKING:
    from collections.abc import Sequence

    from mixite.workforce.dsn.parse import Block
    from mixite.workforce.dsn.sink import ReportSink
    from mixite.workforce.options import Options

__all__ = ["Context", "Row", "build_rows", "period_months", "period_of"]

Row = dict[str, object]
_TOTAL: Final = "001"
_ACTIVITY: Final = "002"
_OVERTIME: Final = frozenset({"017", "018"})
_EXTRA_HOURS: Final = frozenset({"012", "013", "017", "018"})
_VARIABLE_52: Final = frozenset({"026", "027", "028"})
_EXCLUDED_52: Final = frozenset({f"{n:03d}" for n in range(1, 26)} | {"030", "032"})
_IN_KIND_54: Final = frozenset({"02", "03", "04", "05", "06"})
_DAY_UNITS: Final = frozenset({"12", "20"})


@dataclass(slots=True)
class Context:
    options: Options
    report: ReportSink
    coverage: dict[str, set[Month]]
    id_key: bytes
    leaves: list[Row] = field(default_factory=list)
    careers: list[Row] = field(default_factory=list)
    exposures: list[Row] = field(default_factory=list)

    @property
    def end_month(self) -> int:
        return int(self.options.period_end[:2])


def period_of(month: Month, end_month: int) -> int:
    return month[0] if month[1] <= end_month else month[0] + 1


def period_months(period: int, end_month: int) -> list[Month]:
    months = [(period, m) for m in range(end_month, 0, -1)]
    months += [(period - 1, m) for m in range(12, end_month, -1)]
    return sorted(months)


def build_rows(people: Sequence[Person], ctx: Context) -> list[Row]:
    rows: list[Row] = []
    for person in people:
        periods = sorted({period_of(s.month, ctx.end_month) for s in person.snapshots})
        for period in periods:
            if ctx.options.period is not None and period != ctx.options.period:
                continue
            row = _row(person, period, ctx)
            if row is not None:
                rows.append(row)
    return rows


@dataclass(frozen=True, slots=True)
class PeriodView:
    """A person seen over one period: covered months and the reference contract."""

    person: Person
    period: int
    covered: list[Month]
    snapshots: list[Snapshot]  # the person's blocks in covered months
    reference: Contract
    ref_snapshots: list[
        tuple[Snapshot, Block]
    ]  # its S40 snapshots up to the period end
    first: date
    last: date
    pay: dict[Month, list[Block]]  # S21.G00.50 blocks of each covered month
    ref_by_month: dict[Month, Block]  # the reference contract's S40, by month


def _view(person: Person, period: int, ctx: Context) -> PeriodView | None:
    months = period_months(period, ctx.end_month)
    in_months = set(months)
    sirets = {s.declaration.siret for s in person.snapshots if s.month in in_months}
    covered_set = {
        m for siret in sirets for m in ctx.coverage.get(siret, set()) if m in in_months
    }
    covered = sorted(covered_set)
    snapshots = [s for s in person.snapshots if s.month in covered_set]
    in_period = [
        c
        for c in person.contracts
        if any(s.month in covered_set for s, _ in c.snapshots)
    ]
    if not snapshots or not in_period:
        return None
    reference = max(in_period, key=lambda c: c.order_key)
    last = month_bounds(months[-1])[1]
    ref_snapshots = [(s, b) for s, b in reference.snapshots if s.month <= months[-1]]
    first = month_bounds(months[0])[0]
    pay: dict[Month, list[Block]] = {}
    for snapshot in snapshots:
        pay.setdefault(snapshot.month, []).extend(
            b for b in snapshot.block.children if b.name == "S21.G00.50"
        )
    ref_by_month = {s.month: b for s, b in ref_snapshots}
    return PeriodView(
        person,
        period,
        covered,
        snapshots,
        reference,
        ref_snapshots,
        first,
        last,
        pay,
        ref_by_month,
    )


def _row(person: Person, period: int, ctx: Context) -> Row | None:
    view = _view(person, period, ctx)
    if view is None:
        return None
    latest = view.snapshots[-1]
    sex = _sex(view, ctx)
    if sex is None:
        return None
    row: Row = {
        "employee_id": _employee_id(view, ctx),
        "sex": sex,
        "period": period,
        "birth_date": _birth_date(view, ctx),
        "_source_file": view.ref_snapshots[-1][0].file,
        "_source_row": None,
    }
    row.update(_contract_columns(view, ctx))
    row.update(_time_columns(view, ctx))
    row.update(_amount_columns(view, ctx, latest))
    row.update(events.event_columns(view, row, ctx))
    return row


def _employee_id(view: PeriodView, ctx: Context) -> str:
    if ctx.options.employee_id_from == "matricule":
        for snapshot in reversed(view.snapshots):
            matricule = snapshot.block.get("019")
            if matricule:
                return matricule
    return pseudonym(ctx.id_key, view.person.key)


def _sex(view: PeriodView, ctx: Context) -> str | None:
    declared = latest_value([(s, s.block) for s in view.snapshots], "005")
    identifier = view.person.key if not view.person.key.startswith("M:") else ""
    from_nir = {"1": "M", "7": "M", "2": "F", "8": "F"}.get(identifier[:1])
    from_code = {"01": "M", "02": "F"}.get(declared[0]) if declared else None
    if (
        declared is not None
        and from_code is not None
        and from_nir not in (None, from_code)
    ):
        ctx.report.add(
            "dsn.sex_nir_mismatch",
            file=declared[2].file,
            row=declared[1],
            rubric="S21.G00.30.005",
            value=declared[0],
        )
    sex = from_code or from_nir
    if sex is None:
        latest = view.snapshots[-1]
        ctx.report.add(
            "value.sex_unknown",
            file=declared[2].file if declared else latest.file,
            row=declared[1] if declared else latest.block.line,
            column="sex",
            rubric="S21.G00.30.005" if declared else None,
            value=declared[0] if declared else None,
        )
        ctx.report.reject("value.sex_unknown")
    return sex


def _birth_date(view: PeriodView, ctx: Context) -> date | None:
    found = latest_value([(s, s.block) for s in view.snapshots], "006")
    if found is None:
        return None
    value, line, snapshot = found
    if value[:2] == "99" or value[2:4] == "99":
        ctx.report.add(
            "dsn.birth_date_partial",
            file=snapshot.file,
            row=line,
            rubric="S21.G00.30.006",
            value=value,
        )
    return to_date(value, partial=True)


def _contract_columns(view: PeriodView, ctx: Context) -> Row:
    snaps = view.ref_snapshots
    tables = snaps[-1][0].tables

    def get(number: str) -> str | None:
        found = latest_value(snaps, number)
        return None if found is None else found[0]

    statut = get("002")
    exit_date = (
        view.reference.end
        if view.reference.end and view.reference.end <= view.last
        else None
    )
    exit_reason = None
    if exit_date is not None and view.reference.end_at is not None:
        code = view.reference.end_at[1].get("002")
        exit_reason = tables.exit_reason(code) if code else None
    level = get("041") or get("071")
    if level is None and (get("069") or get("070")):
        level = "/".join(v for v in (get("069"), get("070")) if v)
    modality = get("014")
    return {
        "csp": events.csp(snaps, ctx),
        "executive": None if statut is None else statut == "03",
        "level": level,
        "job": get("006") or get("004"),
        "unit": snaps[-1][0].declaration.siret,
        "contract": tables.contract(get("007"), get("008"), get("024")),
        "hire_date": _hire_date(view),
        "exit_date": exit_date,
        "exit_reason": exit_reason,
        "part_time_chosen": {"41": True, "42": True, "10": False}.get(modality or ""),
    }


def _hire_date(view: PeriodView) -> date:
    """Start of the chain of contracts ending with the reference one (§6.4)."""
    start = view.reference.start
    changed = True
    while changed:
        changed = False
        for contract in view.person.contracts:
            end = contract.end or date.max
            if contract.start < start and end.toordinal() >= start.toordinal() - 1:
                start, changed = contract.start, True
    return start


def month_ratio_for(view: PeriodView, month: Month) -> Fraction | None:
    """The reference contract's ratio in that month, else its nearest snapshot's."""
    by_month = view.ref_by_month
    if month not in by_month:
        earlier = [m for m in by_month if m <= month]
        month = max(earlier) if earlier else min(by_month)
    return month_ratio(by_month[month])


def _time_columns(view: PeriodView, ctx: Context) -> Row:
    """Presence, absence and fte. Days are summed per month length and per ratio, so
    that the exact sums take a handful of fraction operations instead of a few per
    month."""
    present: dict[int, int] = {}  # days in the month -> days present
    weighted: dict[tuple[Fraction, int], int] = {}  # (ratio, days in the month) -> days
    absence = 0
    fte_known = True
    for month in view.covered:
        stat = month_stat(view.person, month)
        days = stat.contract_days - stat.suspended_days
        absence += stat.suspended_days
        ratio = month_ratio_for(view, month)
        if ratio is None and days > 0:
            fte_known = False
        present[stat.n_days] = present.get(stat.n_days, 0) + days
        if ratio:
            key = (ratio, stat.n_days)
            weighted[key] = weighted.get(key, 0) + days
    presence = sum((Fraction(d, n) for n, d in present.items()), Fraction(0))
    weighted_sum = sum(
        (ratio * Fraction(d, n) for (ratio, n), d in weighted.items()), Fraction(0)
    )
    if not fte_known:
        _report_unit(view, ctx)
    fte = float(weighted_sum / presence) if fte_known and presence > 0 else None
    return {
        "presence_months": float(presence),
        "absence_days": float(absence),
        "fte": fte,
        "hours_paid": _hours(view, ctx),
    }


def _report_unit(view: PeriodView, ctx: Context) -> None:
    found = latest_value(view.ref_snapshots, "011")
    snapshot, block = view.ref_snapshots[-1]
    ctx.report.add(
        "dsn.fte_unknown_unit",
        file=found[2].file if found else snapshot.file,
        row=found[1] if found else block.line,
        rubric="S21.G00.40.011",
        value=found[0] if found else "",
    )


def _hours(view: PeriodView, ctx: Context) -> float | None:
    """Paid hours (§6.6), summed in hundredths; estimated for months without activity."""
    per_day = Fraction(str(ctx.options.hours_per_day))
    full_time = Fraction(str(ctx.options.full_time_monthly_hours))
    hours = days = 0  # hundredths: activity in hours, activity in days, extra hours
    estimated = Fraction(0)
    for month in view.covered:
        has_activity = False
        for s51 in _pay_blocks(view, month, "S21.G00.51"):
            kind = s51.values.get("011")
            if kind in _EXTRA_HOURS:
                hours += to_cents(s51.values.get("012") or "") or 0
            if kind == _ACTIVITY:
                has_activity = True
                in_hours, in_days = _activity(s51)
                hours, days = hours + in_hours, days + in_days
        if has_activity:
            continue
        stat = month_stat(view.person, month)
        if stat.contract_days == 0:
            continue
        ratio = month_ratio_for(view, month)
        if ratio is None:
            return None
        estimated += ratio * full_time * stat.presence
        _report_estimated(view, month, ctx)
    return float(Fraction(hours, 100) + Fraction(days, 100) * per_day + estimated)


def _activity(s51: Block) -> tuple[int, int]:
    """Paid work of an activity block, in hundredths of hours and of days."""
    hours = days = 0
    for s53 in s51.children:
        values = s53.values
        if s53.name != "S21.G00.53" or values.get("001") != "01":
            continue
        quantity = to_cents(values.get("002") or "")
        if quantity is None:
            continue
        unit = values.get("003")
        if unit == "10":
            hours += quantity
        elif unit in _DAY_UNITS:
            days += quantity
    return hours, days


def _report_estimated(view: PeriodView, month: Month, ctx: Context) -> None:
    in_month = [s for s in view.snapshots if s.month == month]
    ctx.report.add(
        "dsn.hours_estimated",
        file=in_month[-1].file if in_month else None,
        row=in_month[-1].block.line if in_month else None,
        month=month_label(month),
    )


def _pay_blocks(view: PeriodView, month: Month, name: str) -> list[Block]:
    return [
        b for s50 in view.pay.get(month, ()) for b in s50.children if b.name == name
    ]


def _sum_cents(view: PeriodView) -> tuple[int, int, int]:
    """Gross total, variable and excluded pay of the covered months, in cents (§6.6)."""
    total = variable = excluded = 0
    for blocks in view.pay.values():
        for block in (b for s50 in blocks for b in s50.children):
            values, name = block.values, block.name
            if name == "S21.G00.51":
                kind = values.get("011")
                if kind == _TOTAL or kind in _OVERTIME:
                    amount = to_cents(values.get("013") or "") or 0
                    total += amount if kind == _TOTAL else 0
                    excluded += amount if kind in _OVERTIME else 0
            elif name == "S21.G00.52":
                kind = values.get("001")
                amount = to_cents(values.get("002") or "") or 0
                variable += amount if kind in _VARIABLE_52 else 0
                excluded += amount if kind in _EXCLUDED_52 else 0
            elif name == "S21.G00.54" and values.get("001") in _IN_KIND_54:
                variable += to_cents(values.get("002") or "") or 0
    return total, variable, excluded


def _amount_columns(view: PeriodView, ctx: Context, latest: Snapshot) -> Row:
    total, variable, excluded = _sum_cents(view)
    sums = {
        "base_pay": total - variable,
        "variable_pay": variable,
        "excluded_pay": excluded,
    }
    amounts: dict[str, int | None] = {}
    for column, cents in sums.items():
        amounts[column] = cents
        if cents < 0:
            ctx.report.add(
                "value.negative_amount",
                file=latest.file,
                row=latest.block.line,
                column=column,
                value=f"{cents / 100:.2f}",
            )
            amounts[column] = None
    base, var, exc = (amounts[c] for c in ("base_pay", "variable_pay", "excluded_pay"))
    if base is not None and var is not None and exc is not None and exc > base + var:
        ctx.report.add(
            "value.excluded_exceeds_pay",
            file=latest.file,
            row=latest.block.line,
            column="excluded_pay",
            value=f"{exc / 100:.2f}",
            total=f"{(base + var) / 100:.2f}",
        )
        amounts["excluded_pay"] = base + var
    return {name: None if c is None else c / 100 for name, c in amounts.items()}
