"""Working-time changes of the reference contract (workforce spec §6.7), as ``careers`` rows.

A change shows in two ways: the ratio ``.40.013 / .40.012`` differs from one month's
snapshot to the next, or an ``S21.G00.41`` block dates it and gives the old quotité
(``.41.007``). A payroll that writes the block also shows the month-to-month change, so
the two are one change when they agree: the block's row, with its exact date, is kept.

Ratios are written as decimals: the shortest text that reads back as the nearest double
to the exact ratio, as the ``fte`` column would hold it (``0.8``, ``1.0``,
``0.7999604404298807`` for 121.33 / 151.67).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Final

from mixite.workforce.dsn.people import month_bounds, month_ratio, ratio_of
from mixite.workforce.dsn.values import to_date

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    from mixite.workforce.dsn.aggregate import Context, PeriodView, Row
    from mixite.workforce.dsn.parse import Block
    from mixite.workforce.dsn.people import Snapshot

__all__ = ["working_time_changes"]

KIND: Final = "working_time_change"
CHOSEN_MODALITIES: Final = frozenset({"41", "42"})  # part time of right, for a child
_FULL: Final = Fraction(1)


@dataclass(frozen=True, slots=True)
class Change:
    day: date
    old: Fraction
    new: Fraction
    old_modality: str | None  # S21.G00.40.014 (or .41.008) before the change
    new_modality: str | None  # S21.G00.40.014 after it

    @property
    def chosen(self) -> bool | None:
        """Whether the part time concerned was asked for: the one that starts, or for a
        return to full time the one that ends (§1.3); ``None`` when its modality is not
        declared."""
        side = self.new_modality if self.new < _FULL else self.old_modality
        return None if side is None else side in CHOSEN_MODALITIES


def working_time_changes(view: PeriodView, employee_id: str, ctx: Context) -> None:
    """Append one ``careers`` row per working-time change in the period."""
    in_period = [(s, b) for s, b in view.ref_snapshots if s.month in view.covered]
    declared = _declared(view, in_period)
    found = set(declared)
    for (before, old), (after, new) in itertools.pairwise(in_period):
        change = _between_months(old, new, month_bounds(after.month)[0])
        if change is None:
            continue
        window = (month_bounds(before.month)[1], month_bounds(after.month)[1])
        if not any(_same(change, d, window) for d in declared):
            found.add(change)
    for change in sorted(found, key=lambda c: (c.day, c.old, c.new)):
        ctx.careers.append(_row(change, employee_id))


def _declared(
    view: PeriodView, in_period: Sequence[tuple[Snapshot, Block]]
) -> list[Change]:
    """Changes given by S21.G00.41 blocks dated in the period."""
    found: list[Change] = []
    previous: Block | None = None
    for _, s40 in in_period:
        for s41 in s40.kids("S21.G00.41"):
            change = _from_block(s41, s40, previous)
            if change is not None and view.first <= change.day <= view.last:
                found.append(change)
        previous = s40
    return found


def _from_block(s41: Block, s40: Block, previous: Block | None) -> Change | None:
    """The old ratio from ``.41.007`` over ``.41.022`` (else the current ``.40.012``),
    in the unit ``.41.006`` (else the current ``.40.011``)."""
    worked = s41.get("007")
    day = to_date(s41.get("001") or "")
    if worked is None or day is None:
        return None
    old = ratio_of(
        s41.get("006") or s40.get("011"), s41.get("022") or s40.get("012"), worked
    )
    new = month_ratio(s40)
    if old is None or new is None or old == new:
        return None
    old_modality = s41.get("008") or (previous.get("014") if previous else None)
    return Change(day, old, new, old_modality, s40.get("014"))


def _between_months(old: Block, new: Block, day: date) -> Change | None:
    before, after = month_ratio(old), month_ratio(new)
    if before is None or after is None or before == after:
        return None
    return Change(day, before, after, old.get("014"), new.get("014"))


def _same(change: Change, declared: Change, window: tuple[date, date]) -> bool:
    """The month-to-month ``change`` is the ``declared`` one: same ratios, dated after
    the earlier snapshot's month and by the end of the later one."""
    return (change.old, change.new) == (declared.old, declared.new) and window[
        0
    ] < declared.day <= window[1]


def ratio_text(ratio: Fraction) -> str:
    """The shortest decimal that reads back as the nearest double to ``ratio``."""
    return format(Decimal(repr(float(ratio))), "f")


def _row(change: Change, employee_id: str) -> Row:
    return {
        "employee_id": employee_id,
        "date": change.day,
        "kind": KIND,
        "from_value": ratio_text(change.old),
        "to_value": ratio_text(change.new),
        "chosen": change.chosen,
    }
