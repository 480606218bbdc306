"""Helpers shared by the cell parsers (workforce spec §3.5).

Text forms, patching a slow path's output in, and parsing a column once per distinct cell.
"""

from __future__ import annotations

from typing import Final, NamedTuple, cast

import numpy as np
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
    """The distinct cells of a text column, or None when there are too many to gain.

    A Categorical column (the CSV reader gives them for repetitive columns) already holds
    its distinct cells and each cell's position among them; a String column is cast to one.
    """
    if isinstance(s.dtype, pl.Categorical):
        return _from_categories(s)
    if s.dtype != pl.String:
        return None
    head = s.head(_DISTINCT_SAMPLE)
    if head.n_unique() * _DISTINCT_REPEATS > head.len():
        return None
    categorical = s.cast(pl.Categorical(pl.Categories.random()))
    if _categories_of(categorical).len() * _DISTINCT_REPEATS > s.len():
        return None
    return _from_categories(categorical)


def _categories_of(s: pl.Series) -> pl.Series:
    return cast("pl.Categorical", s.dtype).categories.to_series()


def _from_categories(s: pl.Series) -> Distinct:
    """Categories as cells (null last), counts and positions; unused categories dropped."""
    categories = _categories_of(s)
    k = categories.len()
    codes = s.to_physical().fill_null(k)  # a null cell points just past the categories
    counts = np.bincount(codes.to_numpy(), minlength=k + 1)
    cells = pl.concat([categories, pl.Series([None], dtype=pl.String)]).alias(s.name)
    used = counts > 0
    if used.all():
        return Distinct(cells, pl.Series(counts, dtype=pl.UInt32), codes)
    # Categories shared with other columns or frames: keep this column's own.
    new_index = pl.Series(np.maximum(np.cumsum(used) - 1, 0), dtype=pl.UInt32)
    return Distinct(
        cells.filter(pl.Series(used)),
        pl.Series(counts[used], dtype=pl.UInt32),
        new_index.gather(codes),
    )


def stripped(s: pl.Series) -> pl.Series:
    """Trimmed text (Unicode whitespace), empty → null: enough for numbers and dates."""
    text = as_text(s).str.strip_chars()
    return pl.select(pl.when(text != "").then(pl.lit(text))).to_series().alias(s.name)
