"""Parquet files to a :class:`RawSheet`, Arrow types kept (§3.2, §3.6).

Read with pyarrow; row numbers are the 0-based data index + 2, as if the table had been
exported with its header on row 1.
"""

from __future__ import annotations

import io

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from mixite.workforce.readers.raw import (
    RawSheet,
    RawSource,
    ReportSink,
    Source,
    load_source,
    sha256_of,
    unique_headers,
    with_row_numbers,
)

_FIRST_DATA_ROW = 2


def read_parquet_raw(
    source: Source, *, file: str, report: ReportSink
) -> RawSheet | None:
    """Every row of a Parquet file, or ``None`` after a fatal message."""
    data = load_source(source, file=file, report=report)
    if data is None:
        return None
    try:
        table = pq.read_table(io.BytesIO(data) if isinstance(data, bytes) else data)
        frame = pl.from_arrow(table)
    except (pa.ArrowException, OSError, ValueError, TypeError) as exc:
        report.add("file.unreadable", file=file, detail=str(exc) or type(exc).__name__)
        return None
    assert isinstance(frame, pl.DataFrame)  # noqa: S101 (a Table always gives a frame)
    if frame.height == 0:
        report.add("file.empty", file=file)
        return None
    headers = unique_headers(frame.columns)
    frame = frame.rename(dict(zip(frame.columns, headers, strict=True)))
    start = _FIRST_DATA_ROW
    frame = with_row_numbers(frame, range(start, start + frame.height))
    info = RawSource(file=file, format="parquet", sha256=sha256_of(data))
    report.add_source(info)
    return RawSheet(frame=frame, headers=headers, source=info, native_types=True)
