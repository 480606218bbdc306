"""Indicator F: women and men in each quartile pay band (directive.md §6).

Workers are ranked by their pay rounded half-up to the cent (an integer key computed by
the backend). The backend returns one row per distinct key, ``(key, t, f)``; positions,
band overlaps and the proportional split of tie blocks (K10) are computed on the client
in integers and exact fractions, so the result does not depend on row order, identifiers
or backend.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Final

import numpy as np
import pyarrow as pa

from mixite.indicators.core import to_polars
from mixite.indicators.directive.numbers import (
    format_share,
    round_fraction,
    round_half_up,
)

if TYPE_CHECKING:
    import ibis.expr.types as ir

    from mixite.indicators.directive.options import QuartileTies

N_BANDS: Final = 4
JsonDict = dict[str, object]
Count = Fraction | int | float


def band_starts(n: int) -> list[int]:
    """First position of each band and N: ``ceil(b·N/4)`` (K9), e.g. N=10 → 0, 3, 5, 8, 10."""
    return [(b * n + N_BANDS - 1) // N_BANDS for b in range(N_BANDS)] + [n]


def _share(value: Count | None, size: Count | None) -> Fraction | float | None:
    if value is None or size is None or size == 0:
        return None
    if isinstance(value, float) or isinstance(size, float):
        return value / size
    return Fraction(value) / Fraction(size)


def share_json(value: Fraction | float | None) -> float | None:
    """A share as written: 4 decimals, from the exact fraction when there is one."""
    if value is None:
        return None
    if isinstance(value, Fraction):
        return round_fraction(value, 4)
    return round_half_up(value, 4)


def share_display(value: Fraction | float | None) -> str:
    if value is None or isinstance(value, Fraction):
        return format_share(value)
    return format_share(Fraction(repr(value)))


def count_json(value: Count | None) -> float | int | None:
    """A band count: exact fraction to 4 decimals (split), or a whole number."""
    if isinstance(value, Fraction):
        return round_fraction(value, 4)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


@dataclass(frozen=True, slots=True, kw_only=True)
class Band:
    quartile: int
    size: Count | None
    min: float | None
    max: float | None
    women: Count | None
    men: Count | None
    women_ratio: Fraction | float | None
    men_ratio: Fraction | float | None

    def to_dict(self) -> JsonDict:
        return {
            "quartile": self.quartile,
            "size": count_json(self.size),
            "min": self.min,
            "max": self.max,
            "women": count_json(self.women),
            "men": count_json(self.men),
            "women_ratio": share_json(self.women_ratio),
            "men_ratio": share_json(self.men_ratio),
            "women_display": share_display(self.women_ratio),
            "men_display": share_display(self.men_ratio),
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class QuartileTable:
    """F on one basis (annual or hourly)."""

    calculable: bool
    reason: str | None
    n: int | None
    ties: str | None
    thresholds: tuple[float | None, ...] | None
    bands: tuple[Band, ...]
    women: int | None
    men: int | None

    @property
    def equal_thresholds(self) -> bool:
        values = self.thresholds or ()
        known = [v for v in values if v is not None]
        return any(a >= b for a, b in itertools.pairwise(known))

    def to_dict(self) -> JsonDict:
        total = (self.women or 0) + (self.men or 0)
        return {
            "calculable": self.calculable,
            "reason": self.reason,
            "n": self.n,
            "ties": self.ties,
            "thresholds": None if self.thresholds is None else list(self.thresholds),
            "bands": [band.to_dict() for band in self.bands],
            "total": {
                "women": self.women,
                "men": self.men,
                "women_ratio": share_json(_share(self.women, total)),
                "men_ratio": share_json(_share(self.men, total)),
            },
        }


def not_calculable(
    reason: str, *, n: int, women: int, men: int, ties: str
) -> QuartileTable:
    return QuartileTable(
        calculable=False,
        reason=reason,
        n=n,
        ties=ties,
        thresholds=None,
        bands=(),
        women=women,
        men=men,
    )


@dataclass(frozen=True, slots=True)
class Blocks:
    """Tie blocks ordered by key: key (cents), t workers, f women, p0 first position."""

    key: np.ndarray
    t: np.ndarray
    f: np.ndarray
    p0: np.ndarray

    @property
    def n(self) -> int:
        return int(self.t.sum())

    def key_at(self, position: int) -> int:
        """The ranking key of the worker at a position."""
        index = int(np.searchsorted(self.p0 + self.t, position, side="right"))
        return int(self.key[index])


def fetch_blocks(rows: ir.Table, value: str) -> Blocks:
    """``(key, t, f)`` per distinct cent key, ascending; ``p0`` summed on the client."""
    keyed = rows.mutate(key=(rows[value] * 100 + 0.5).floor().cast("int64"))
    grouped = keyed.group_by("key").aggregate(
        t=keyed.count(), f=keyed.count(where=keyed.sex == "F")
    )
    frame = to_polars(grouped.order_by("key"))
    t = frame["t"].to_numpy().astype(np.int64)
    p0 = np.concatenate([[0], np.cumsum(t)[:-1]]).astype(np.int64) if len(t) else t
    return Blocks(
        key=frame["key"].to_numpy().astype(np.int64),
        t=t,
        f=frame["f"].to_numpy().astype(np.int64),
        p0=p0,
    )


def overlaps(blocks: Blocks) -> np.ndarray:
    """Positions of each block inside each band: shape (blocks, 4), integers (§6.3)."""
    starts = np.array(band_starts(blocks.n), dtype=np.int64)
    ends = blocks.p0 + blocks.t
    low = np.maximum(blocks.p0[:, None], starts[None, :-1])
    high = np.minimum(ends[:, None], starts[None, 1:])
    result: np.ndarray = np.maximum(high - low, 0)
    return result


def _split_counts(blocks: Blocks, overlap: np.ndarray) -> list[tuple[Count, Count]]:
    """Women and men per band; a block crossing a boundary is shared in proportion."""
    whole = (overlap == blocks.t[:, None]).any(axis=1)
    band_of = overlap.argmax(axis=1)
    women: list[Count] = [0] * N_BANDS
    men: list[Count] = [0] * N_BANDS
    for band in range(N_BANDS):
        inside = whole & (band_of == band)
        women[band] = int(blocks.f[inside].sum())
        men[band] = int((blocks.t[inside] - blocks.f[inside]).sum())
    for index in np.flatnonzero(~whole):
        t, f = int(blocks.t[index]), int(blocks.f[index])
        for band in range(N_BANDS):
            share = int(overlap[index, band])
            women[band] = Fraction(women[band]) + Fraction(share * f, t)
            men[band] = Fraction(men[band]) + Fraction(share * (t - f), t)
    return list(zip(women, men, strict=True))


def _rank_counts(
    blocks: Blocks, overlap: np.ndarray, rows: ir.Table, value: str
) -> list[tuple[Count, Count]]:
    """Whole workers: a crossing block is cut in ``employee_id`` code-point order (§6.3)."""
    counts = _split_counts(blocks, np.where(overlap == blocks.t[:, None], overlap, 0))
    women = [int(w) for w, _ in counts]
    men = [int(m) for _, m in counts]
    crossing = np.flatnonzero((overlap != blocks.t[:, None]).all(axis=1))
    if len(crossing):
        keyed = rows.mutate(key=(rows[value] * 100 + 0.5).floor().cast("int64"))
        keys = [int(blocks.key[i]) for i in crossing]
        members = to_polars(
            keyed.filter(keyed.key.isin(keys)).select("key", "employee_id", "sex")
        )
        starts = band_starts(blocks.n)
        for index in crossing:
            key, p0 = int(blocks.key[index]), int(blocks.p0[index])
            block = members.filter(members["key"] == key).rows()
            ordered = sorted(block, key=lambda r: (str(r[1]), str(r[2])))
            for offset, (_, _, sex) in enumerate(ordered):
                band = int(np.searchsorted(starts, p0 + offset, side="right")) - 1
                if sex == "F":
                    women[band] += 1
                else:
                    men[band] += 1
    return list(zip(women, men, strict=True))


def quartile_table(
    rows: ir.Table, value: str, *, ties: QuartileTies, women: int, men: int
) -> tuple[QuartileTable, Blocks]:
    """F on one basis: ``rows`` are the kept workers having a ``value``."""
    blocks = fetch_blocks(rows, value)
    n = blocks.n
    if n < N_BANDS:
        return not_calculable(
            "fewer_than_4_workers", n=n, women=women, men=men, ties=ties
        ), blocks
    overlap = overlaps(blocks)
    if ties == "split":
        counts = _split_counts(blocks, overlap)
    else:
        counts = _rank_counts(blocks, overlap, rows, value)
    starts = band_starts(n)
    bands = []
    for b, (n_women, n_men) in enumerate(counts):
        size = starts[b + 1] - starts[b]
        bands.append(
            Band(
                quartile=b + 1,
                size=size,
                min=blocks.key_at(starts[b]) / 100,
                max=blocks.key_at(starts[b + 1] - 1) / 100,
                women=n_women,
                men=n_men,
                women_ratio=_share(n_women, size),
                men_ratio=_share(n_men, size),
            )
        )
    table = QuartileTable(
        calculable=True,
        reason=None,
        n=n,
        ties=ties,
        thresholds=tuple(band.max for band in bands[:-1]),
        bands=tuple(bands),
        women=women,
        men=men,
    )
    return table, blocks


def tie_block_table(blocks_by_basis: dict[str, Blocks]) -> pa.Table:
    """The tie blocks of both bases, sorted by basis then key, with their band overlaps.

    Built from the NumPy arrays as they are (a million blocks: no Python int per cell).
    """
    names = ("key", "t", "f", "p0", *(f"q{band + 1}" for band in range(N_BANDS)))
    parts: dict[str, list[np.ndarray]] = {name: [] for name in names}
    bases: list[np.ndarray] = []
    for basis in ("annual", "hourly"):
        blocks = blocks_by_basis.get(basis)
        if blocks is None or len(blocks.t) == 0:
            continue
        overlap = (
            overlaps(blocks)
            if blocks.n >= N_BANDS
            else np.zeros((len(blocks.t), N_BANDS), dtype=np.int64)
        )
        bases.append(np.full(len(blocks.t), basis, dtype=object))
        for name, array in (
            ("key", blocks.key),
            ("t", blocks.t),
            ("f", blocks.f),
            ("p0", blocks.p0),
        ):
            parts[name].append(np.asarray(array, dtype=np.int64))
        for band in range(N_BANDS):
            parts[f"q{band + 1}"].append(overlap[:, band].astype(np.int64))
    schema = pa.schema(
        [("basis", pa.string())] + [(name, pa.int64()) for name in names]
    )
    if not bases:
        return schema.empty_table()
    arrays = [pa.array(np.concatenate(bases), type=pa.string())] + [
        pa.array(np.concatenate(parts[name]), type=pa.int64()) for name in names
    ]
    return pa.Table.from_arrays(arrays, schema=schema)
