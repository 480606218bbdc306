"""One person across the kept declarations: identity, contracts, stoppages, months (§6.3, §6.6).

The person's S21.G00.30 blocks of every kept declaration are grouped by person key (NIR,
else NTT, else ``M:`` + matricule). Contracts are keyed by number and start date; stoppages
and suspensions are taken from the latest declaration that carries them.
"""

from __future__ import annotations

import calendar
import functools
import hashlib
import hmac
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction
from typing import TYPE_CHECKING, Final

from mixite.workforce.dsn.values import to_date, to_quantity

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from mixite.workforce.dsn.codes import CodeTables
    from mixite.workforce.dsn.declarations import Declaration, Month
    from mixite.workforce.dsn.parse import Block
    from mixite.workforce.dsn.sink import ReportSink

__all__ = [
    "Contract",
    "Interval",
    "Person",
    "Snapshot",
    "Suspension",
    "group_people",
    "ratio_of",
]

ID_CHARS: Final = 16
FTE_UNITS: Final = frozenset(
    {"10", "12", "20", "21"}
)  # hour, day, day and hour forfaits
_OPEN: Final = date.max


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One S21.G00.30 block in one kept declaration."""

    declaration: Declaration
    block: Block
    tables: CodeTables
    order: int  # position of the declaration in file-name order
    month: Month  # the declaration's month: a field, as it is read millions of times

    @property
    def file(self) -> str:
        return self.declaration.file


@dataclass(frozen=True, slots=True)
class Interval:
    start: date
    end: date  # inclusive; date.max when open

    def days(self) -> tuple[int, int]:
        """First and last day as ordinals."""
        return self.start.toordinal(), self.end.toordinal()


@dataclass(slots=True)
class Contract:
    number: str
    start: date
    snapshots: list[tuple[Snapshot, Block]] = field(
        default_factory=list
    )  # (person, S40)
    end: date | None = None  # S21.G00.62.001
    end_at: tuple[Snapshot, Block] | None = None  # the S62 block giving the end

    @property
    def interval(self) -> Interval:
        return Interval(self.start, self.end or _OPEN)

    @property
    def order_key(self) -> tuple[date, date]:
        return (self.end or _OPEN, self.start)


@dataclass(frozen=True, slots=True)
class Suspension:
    """A stoppage (S21.G00.60) or a suspension (S21.G00.65), from its latest declaration."""

    block: Block
    snapshot: Snapshot
    interval: Interval

    @property
    def is_stoppage(self) -> bool:
        return self.block.name == "S21.G00.60"

    @property
    def code(self) -> str:
        return self.block.get("001") or ""


@dataclass(slots=True)
class Person:
    key: str
    snapshots: list[Snapshot] = field(default_factory=list)
    contracts: list[Contract] = field(default_factory=list)
    suspensions: list[Suspension] = field(default_factory=list)
    stats: dict[Month, MonthStat] = field(default_factory=dict)  # month_stat's cache

    def months(self) -> list[Month]:
        return sorted({s.month for s in self.snapshots})


@functools.lru_cache(maxsize=1_024)
def month_bounds(month: Month) -> tuple[date, date]:
    year, number = month
    return date(year, number, 1), date(
        year, number, calendar.monthrange(year, number)[1]
    )


def person_key(block: Block) -> str | None:
    for number in ("001", "020"):
        value = block.get(number)
        if value:
            return value
    matricule = block.get("019")
    return f"M:{matricule}" if matricule else None


def pseudonym(key: bytes, person: str) -> str:
    """The first 16 hexadecimal characters of HMAC-SHA256(key, person key) (§6.3)."""
    return hmac.new(key, person.encode("utf-8"), hashlib.sha256).hexdigest()[:ID_CHARS]


def group_people(snapshots: Iterable[Snapshot], *, report: ReportSink) -> list[Person]:
    """People by person key, each with contracts and suspensions; blocks without a key
    are ignored with ``value.required_missing``."""
    people: dict[str, Person] = {}
    ordered = sorted(snapshots, key=lambda s: (s.month, s.order, s.block.line))
    for snapshot in ordered:
        key = person_key(snapshot.block)
        if key is None:
            report.add(
                "value.required_missing",
                file=snapshot.file,
                row=snapshot.block.line,
                column="employee_id",
            )
            continue
        people.setdefault(key, Person(key)).snapshots.append(snapshot)
    for person in people.values():
        _collect(person)
    return list(people.values())


def _collect(person: Person) -> None:
    contracts: dict[tuple[str, date], Contract] = {}
    suspensions: dict[tuple[str, str, str], Suspension] = {}
    for snapshot in person.snapshots:  # oldest first: later declarations overwrite
        for s40 in snapshot.block.kids("S21.G00.40"):
            start = to_date(s40.get("001") or "")
            if start is None:
                continue
            number = s40.get("009") or ""
            contract = contracts.setdefault((number, start), Contract(number, start))
            contract.snapshots.append((snapshot, s40))
            for s62 in s40.kids("S21.G00.62"):
                end = to_date(s62.get("001") or "")
                if end is not None:
                    contract.end, contract.end_at = end, (snapshot, s62)
            for child in s40.children:
                interval = _suspension_interval(child, snapshot.tables)
                if interval is not None:
                    key = (child.name, child.get("001") or "", child.get("002") or "")
                    suspensions[key] = Suspension(child, snapshot, interval)
    person.contracts = sorted(contracts.values(), key=lambda c: c.order_key)
    person.suspensions = list(suspensions.values())


def _suspension_interval(block: Block, tables: CodeTables) -> Interval | None:
    if block.name == "S21.G00.60":
        last_worked = to_date(block.get("002") or "")
        if last_worked is None:
            return None
        back = to_date(block.get("010") or "")
        expected = to_date(block.get("003") or "")
        end = back - timedelta(days=1) if back is not None else expected or _OPEN
        return Interval(last_worked + timedelta(days=1), end)
    if block.name == "S21.G00.65":
        start = to_date(block.get("002") or "")
        if start is None or block.get("001") == tables.paid_holidays:
            return None
        return Interval(start, to_date(block.get("003") or "") or _OPEN)
    return None


@dataclass(frozen=True, slots=True)
class MonthStat:
    n_days: int
    contract_days: int
    suspended_days: int

    @property
    def presence(self) -> Fraction:
        return Fraction(self.contract_days - self.suspended_days, self.n_days)

    @property
    def full(self) -> bool:
        return self.contract_days == self.n_days and self.suspended_days == 0


def month_stat(person: Person, month: Month) -> MonthStat:
    """Days under contract and suspended days of the month, counted on day ordinals.

    Cached per person and month: presence, hours and the maternity rules ask for the
    same months again, and contracts and suspensions do not change once collected.
    """
    found = person.stats.get(month)
    if found is not None:
        return found
    first, last = (day.toordinal() for day in month_bounds(month))
    under = _union([c.interval.days() for c in person.contracts], first, last)
    suspended = _union([s.interval.days() for s in person.suspensions], first, last)
    n_suspended = sum(
        max(0, min(hi, s_hi) - max(lo, s_lo) + 1)
        for lo, hi in under
        for s_lo, s_hi in suspended
    )
    found = MonthStat(
        last - first + 1, sum(hi - lo + 1 for lo, hi in under), n_suspended
    )
    person.stats[month] = found
    return found


def _union(
    spans: list[tuple[int, int]], first: int, last: int
) -> list[tuple[int, int]]:
    """The disjoint, sorted union of the spans clipped to [first, last]."""
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted((max(lo, first), min(hi, last)) for lo, hi in spans):
        if lo > hi:
            continue
        if merged and lo <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def month_ratio(s40: Block) -> Fraction | None:
    """The monthly working-time ratio ``.013 / .012``, capped at 1; ``None`` if unknown."""
    values = s40.values
    return ratio_of(values.get("011"), values.get("012"), values.get("013"))


@functools.lru_cache(maxsize=16_384)
def ratio_of(
    unit: str | None, reference: str | None, worked: str | None
) -> Fraction | None:
    """``worked / reference`` for a known unit, capped at 1; cached, as most people
    share a few working-time declarations."""
    if unit not in FTE_UNITS:
        return None
    total = to_quantity(reference or "")
    done = to_quantity(worked or "")
    if total is None or done is None or total <= 0 or done < 0:
        return None
    return min(done / total, Fraction(1))


def latest_value(
    snapshots: Sequence[tuple[Snapshot, Block]], number: str
) -> tuple[str, int, Snapshot] | None:
    """The rubric's value in the latest snapshot that has it: (value, line, snapshot)."""
    for snapshot, block in reversed(snapshots):
        value = block.get(number)
        if value is not None:
            return value, block.line_of(number), snapshot
    return None
