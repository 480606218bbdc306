"""Helpers shared by the cell parsers (workforce spec §3.5).

Text forms, patching a slow path's output in, and parsing a column once per distinct cell.
"""

from __future__ import annotations

from typing import Final, NamedTuple

import polars as pl

__all__ = ["Distinct", "as_text", "by_distinct", "falses", "patch", "stripped"]

MAX_EXACT_INTEGER: Final = 2**53  # floats above it are not integers one can trust


def as_text(s: pl.Series) -> pl.Series:
    """A column as text: integer-valued floats lose their ``.0`` (§3.4: 123.0 → "123")."""
    if s.dtype == pl.String:
        return s
    if s.dtype.is_float() or s.dtype.is_decimal():
        f = s.cast(pl.Float64)
        integral = f.is_finite() & (f == f.floor()) & (f.abs() <= MAX_EXACT_INTEGER)
        frame = pl.DataFrame({"f": f, "integral": integral})
        return frame.select(
            pl.when(pl.col("integral"))
            .then(pl.col("f").cast(pl.Int64, strict=False).cast(pl.String))
            .otherwise(pl.col("f").cast(pl.String))
            .alias(s.name)
        ).to_series()
    return s.cast(pl.String, strict=False)


def patch(base: pl.Series, at: pl.Series, part: pl.Series) -> pl.Series:
    """``base`` with the cells at positions ``at`` replaced by ``part`` (a slow path's output)."""
    if at.len() == 0:
        return base
    return base.clone().scatter(at, part)


def falses(n: int) -> pl.Series:
    return pl.repeat(value=False, n=n, eager=True)


# A text column is parsed once per distinct cell when its cells repeat enough (codes,
# dates, amounts on a grid): the outcome is the same, cell by cell, and far cheaper.
_DISTINCT_SAMPLE: Final = 10_000
_DISTINCT_REPEATS: Final = 4  # each distinct cell at least this often, on average


class Distinct(NamedTuple):
    cells: pl.Series  # the distinct cells (null included)
    counts: pl.Series  # how many cells hold each
    at: pl.Series  # each cell's position in ``cells``


def by_distinct(s: pl.Series) -> Distinct | None:
    """The distinct cells of a text column, or None when there are too many to gain."""
    if s.dtype != pl.String:
        return None
    head = s.head(_DISTINCT_SAMPLE)
    if head.n_unique() * _DISTINCT_REPEATS > head.len():
        return None
    counts = s.rename("k").value_counts(name="n")
    if counts.height * _DISTINCT_REPEATS > s.len():
        return None
    keys = counts.select("k").with_row_index("i")
    at = (
        s.rename("k")
        .to_frame()
        .join(keys, on="k", how="left", maintain_order="left", nulls_equal=True)
        .get_column("i")
    )
    return Distinct(counts["k"].alias(s.name), counts["n"], at)


def stripped(s: pl.Series) -> pl.Series:
    """Trimmed text (Unicode whitespace), empty → null: enough for numbers and dates."""
    text = as_text(s).str.strip_chars()
    return pl.select(pl.when(text != "").then(pl.lit(text))).to_series().alias(s.name)
