"""Counts, exact sums and medians, computed by the backend (directive.md §2.4, §4).

One scan gives, per (reason left out, category, sex), the counts and the exact sums of
every per-worker value (as integer chunks, §2.4); everything the means of A, B, E and G
need follows on the client by adding integers. Medians are exact order statistics fetched
with ``order_by().limit(k, offset)``, never a backend's ``median``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Final

import ibis

from mixite.indicators.core import to_polars
from mixite.indicators.directive.numbers import (
    chunk_columns,
    chunk_names,
    exact_sum,
    median_of,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    import ibis.expr.types as ir

ANNUAL_VALUES: Final = ("pay", "base", "variable")
HOURLY_VALUES: Final = ("hourly_pay", "hourly_base", "hourly_var")
COUNTS: Final = (
    "n",
    "n_hours",
    "n_benef",
    "n_hours_benef",
    "n_low_rate",
    "n_high_rate",
)
RATE_LOW, RATE_HIGH = 3.0, 1000.0  # €/h: extreme_hourly_rates (§2.4)


@dataclass(slots=True)
class Sums:
    """Counts and exact sums of a group of kept workers (one sex, or one sex × category)."""

    n: int = 0
    n_hours: int = 0
    n_benef: int = 0
    n_hours_benef: int = 0
    n_low_rate: int = 0
    n_high_rate: int = 0
    totals: dict[str, Fraction] = field(default_factory=dict)

    def add(self, other: Sums) -> None:
        for name in COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name, value in other.totals.items():
            self.totals[name] = self.totals.get(name, Fraction(0)) + value

    def total(self, name: str) -> Fraction:
        return self.totals.get(name, Fraction(0))


@dataclass(frozen=True, slots=True, kw_only=True)
class Aggregates:
    """What the scan returns: rows per reason, and kept workers' sums by category × sex."""

    rows_read: int
    excluded: Mapping[str, int]
    groups: Mapping[tuple[str | None, str], Sums]  # (category, sex) -> sums

    def by_sex(self, categories: Iterable[str | None] | None = None) -> dict[str, Sums]:
        """Sums per sex over all categories (or only the given ones)."""
        wanted = None if categories is None else set(categories)
        out = {"F": Sums(), "M": Sums()}
        for (category, sex), sums in self.groups.items():
            if wanted is None or category in wanted:
                out[sex].add(sums)
        return out


def _metrics(kept: ir.BooleanValue, rows: ir.Table) -> dict[str, ir.Value]:
    hours = kept & rows.has_hours
    benef = kept & rows.beneficiary
    metrics: dict[str, ir.Value] = {
        "n": rows.count(),
        "n_kept": rows.count(where=kept),
        "n_hours": rows.count(where=hours),
        "n_benef": rows.count(where=benef),
        "n_hours_benef": rows.count(where=hours & benef),
        "n_low_rate": rows.count(where=hours & (rows.hourly_pay < RATE_LOW)),
        "n_high_rate": rows.count(where=hours & (rows.hourly_pay > RATE_HIGH)),
    }
    for name in (*ANNUAL_VALUES, *HOURLY_VALUES):
        value = ibis.ifelse(kept, rows[name], ibis.null("float64"))
        for part, expr in chunk_columns(name, value).items():
            metrics[part] = expr.sum()
    return metrics


def scan(workers: ir.Table) -> Aggregates:
    """The one scan of §2.4 over the workers expression of :mod:`population`."""
    kept = workers.excluded_reason.isnull()
    grouped = workers.group_by(["excluded_reason", "category", "sex"]).aggregate(
        **_metrics(kept, workers)
    )
    frame = to_polars(grouped)
    excluded: dict[str, int] = {}
    groups: dict[tuple[str | None, str], Sums] = {}
    rows_read = 0
    for row in frame.iter_rows(named=True):
        rows_read += row["n"]
        reason = row["excluded_reason"]
        if reason is not None:
            excluded[reason] = excluded.get(reason, 0) + row["n"]
            continue
        sums = Sums(
            n=row["n_kept"],
            n_hours=row["n_hours"],
            n_benef=row["n_benef"],
            n_hours_benef=row["n_hours_benef"],
            n_low_rate=row["n_low_rate"],
            n_high_rate=row["n_high_rate"],
            totals={v: exact_sum(row, v) for v in (*ANNUAL_VALUES, *HOURLY_VALUES)},
        )
        key = (row["category"], row["sex"])
        groups.setdefault(key, Sums()).add(sums)
    n_missing_hours = sum(s.n - s.n_hours for s in groups.values())
    excluded["missing_hours"] = n_missing_hours
    return Aggregates(rows_read=rows_read, excluded=excluded, groups=groups)


def exact_total(table: ir.Table, column: str) -> Fraction:
    """The exact sum of a non-negative float column (§2.4)."""
    parts = chunk_columns(column, table[column])
    frame = to_polars(
        table.aggregate(**{name: expr.sum() for name, expr in parts.items()})
    )
    row = frame.row(0, named=True) if frame.height else {}
    return exact_sum({name: row.get(name) for name in chunk_names(column)}, column)


def medians(requests: Sequence[tuple[ir.Table, str, int]]) -> list[float | None]:
    """Medians of several sets of values, in one query (§4, K5).

    Each request is (rows, value column, n): its one or two middle order statistics are
    picked with ``order_by().limit(2 − n % 2, offset=(n − 1) // 2)``, and the picks of
    every request are brought back together (a union of small subqueries).
    """
    picks = []
    for index, (rows, value, n) in enumerate(requests):
        if n > 0:
            middle = rows.select(value=rows[value].cast("float64")).order_by("value")
            picked = middle.limit(2 - n % 2, offset=(n - 1) // 2)
            picks.append(picked.mutate(request=ibis.literal(index, type="int64")))
    found: dict[int, list[float]] = {}
    if picks:
        union = (
            picks[0].union(*picks[1:], distinct=False) if len(picks) > 1 else picks[0]
        )
        for value, request in to_polars(union).select("value", "request").iter_rows():
            found.setdefault(request, []).append(float(value))
    return [median_of(found.get(i, []), n) for i, (_, _, n) in enumerate(requests)]
