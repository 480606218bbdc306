"""The public readers of workforce.md §9.1: one file of a known format, never raising.

Each is a thin call of the whole pipeline (``mixite.workforce.load.run``) with the format
fixed: mapping, cell parsing, row rules and derivations included. ``load`` is imported on
first call: it imports this package, and Ibis and DuckDB are heavy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    import os
    from collections.abc import Mapping

    import ibis

    from mixite.workforce.readers.detect import Format
    from mixite.workforce.report import ValidationReport

    SourceArg = str | os.PathLike[str] | BinaryIO
    MappingArg = str | os.PathLike[str] | Mapping[str, object] | None

__all__ = ["ReadResult", "read_csv", "read_parquet", "read_xlsx"]


@dataclass(frozen=True)
class ReadResult:
    """The canonical table (``None`` after a fatal problem) and the report."""

    table: ibis.Table | None
    report: ValidationReport


def _read(
    source: SourceArg,
    *,
    fmt: Format,
    file: str | None,
    mapping: MappingArg,
    period: int | None,
    sheet: str | int | None = None,
) -> ReadResult:
    from mixite.workforce.load import run  # noqa: PLC0415 - load imports this package

    outcome = run(
        source, mapping=mapping, sheet=sheet, period=period, file=file, fmt=fmt
    )
    table = None if outcome.workforce is None else outcome.workforce.table
    return ReadResult(table=table, report=outcome.report)


def read_csv(
    source: SourceArg,
    *,
    file: str | None = None,
    mapping: MappingArg = None,
    period: int | None = None,
) -> ReadResult:
    """A CSV file (path or binary file object); ``file``: the name shown in messages."""
    return _read(source, fmt="csv", file=file, mapping=mapping, period=period)


def read_xlsx(
    source: SourceArg,
    *,
    file: str | None = None,
    mapping: MappingArg = None,
    period: int | None = None,
    sheet: str | int | None = None,
) -> ReadResult:
    """One sheet of an XLSX workbook (named, or numbered from 1)."""
    return _read(
        source, fmt="xlsx", file=file, mapping=mapping, period=period, sheet=sheet
    )


def read_parquet(
    source: SourceArg,
    *,
    file: str | None = None,
    mapping: MappingArg = None,
    period: int | None = None,
) -> ReadResult:
    """A Parquet file."""
    return _read(source, fmt="parquet", file=file, mapping=mapping, period=period)
