"""Parquet files to a :class:`RawSheet`, Arrow types kept (§3.2, §3.6).

Read with Polars (several times faster than pyarrow here); a file Polars refuses is read
again with pyarrow, which reads a few more encodings and words its errors. Row numbers are
the 0-based data index + 2, as if the table had been exported with its header on row 1.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from mixite.workforce.readers.raw import (
    SOURCE_ROW,
    RawSheet,
    RawSource,
    ReportSink,
    Source,
    load_source,
    sha256_of,
    unique_headers,
)

if TYPE_CHECKING:
    from pathlib import Path

_FIRST_DATA_ROW = 2


def read_parquet_raw(
    source: Source, *, file: str, report: ReportSink
) -> RawSheet | None:
    """Every row of a Parquet file, or ``None`` after a fatal message."""
    data = load_source(source, file=file, report=report)
    if data is None:
        return None
    frame: pl.DataFrame | pl.Series | None = _polars_frame(data)
    if frame is None:
        try:
            table = pq.read_table(io.BytesIO(data) if isinstance(data, bytes) else data)
            frame = pl.from_arrow(table)
        except (pa.ArrowException, OSError, ValueError, TypeError) as exc:
            detail = str(exc) or type(exc).__name__
            report.add("file.unreadable", file=file, detail=detail)
            return None
    assert isinstance(frame, pl.DataFrame)  # noqa: S101 (a Table always gives a frame)
    if frame.height == 0:
        report.add("file.empty", file=file)
        return None
    headers = unique_headers(frame.columns)
    frame = frame.rename(dict(zip(frame.columns, headers, strict=True)))
    start = _FIRST_DATA_ROW
    frame = frame.with_columns(
        pl.int_range(start, start + frame.height, dtype=pl.Int64).alias(SOURCE_ROW)
    )
    info = RawSource(file=file, format="parquet", sha256=sha256_of(data))
    report.add_source(info)
    return RawSheet(frame=frame, headers=headers, source=info, native_types=True)


def _polars_frame(data: bytes | Path) -> pl.DataFrame | None:
    try:
        return pl.read_parquet(io.BytesIO(data) if isinstance(data, bytes) else data)
    except (
        pl.exceptions.PolarsError,
        pl.exceptions.PanicException,
        OSError,
        ValueError,
    ):
        return None  # pyarrow reads it or says why
