"""Inputs of a load: paths or file objects, their format, and their raw sheets (§3.1).

A file object is read once, at the edge; its bytes then serve every step (format detection,
reader, DSN parser). :func:`read_sheet` dispatches a tabular input to its reader.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Final

from mixite.workforce.readers import (
    detect_format,
    extension_mismatch,
    read_csv_raw,
    read_parquet_raw,
    read_xlsx_raw,
)

if TYPE_CHECKING:
    from mixite.workforce.options import Options
    from mixite.workforce.readers import Format, HeaderScore, RawSheet
    from mixite.workforce.report import ReportBuilder

__all__ = [
    "DSN_FORMATS",
    "TABULAR_FORMATS",
    "Input",
    "PathLike",
    "Source",
    "open_input",
    "read_sheet",
]

PathLike = str | os.PathLike[str]
Source = PathLike | BinaryIO
"""A path, or a binary file object (its bytes are read once)."""
DSN_FORMATS: Final = frozenset({"dsn", "dsn_zip", "dsn_dir"})
TABULAR_FORMATS: Final = frozenset({"csv", "xlsx", "parquet"})


@dataclass(frozen=True)
class Input:
    """One input: a path, or the bytes of a file object, and its display name."""

    source: Path | bytes
    file: str
    fmt: Format

    def stream(self) -> Path | BinaryIO:
        if isinstance(self.source, Path):
            return self.source
        return _NamedBytes(self.source, self.file)


class _NamedBytes(io.BytesIO):
    """Bytes with a ``name`` (the DSN reader names its inputs by it)."""

    def __init__(self, data: bytes, name: str) -> None:
        super().__init__(data)
        self.name = name


def open_input(
    source: Source, *, file: str | None, fmt: Format | None, report: ReportBuilder
) -> Input | None:
    """An input with its format; ``None`` after ``file.not_found``/``file.unreadable``."""
    if not isinstance(source, str | os.PathLike):
        name = file or Path(str(getattr(source, "name", "") or "data")).name
        try:
            data = bytes(source.read())
        except (OSError, ValueError) as exc:
            detail = str(exc) or type(exc).__name__
            report.add("file.unreadable", file=name, detail=detail)
            return None
        return Input(data, name, fmt or detect_format(data))
    path = Path(source)
    name = file or path.name
    if not path.exists():
        report.add("file.not_found", file=name)
        return None
    return Input(path, name, fmt or detect_format(path))


def read_sheet(
    given: Input,
    *,
    report: ReportBuilder,
    options: Options,
    score: HeaderScore,
    main: bool = True,
) -> RawSheet | None:
    """The raw sheet of a tabular input; ``main``: the source options apply to it."""
    file, fmt = given.file, given.fmt
    if isinstance(given.source, Path) and extension_mismatch(given.source.name, fmt):
        report.add(
            "file.extension_mismatch",
            file=file,
            format=fmt,
            extension=given.source.suffix,
        )
    stream = given.stream()
    if fmt == "csv":
        return read_csv_raw(
            stream,
            file=file,
            report=report,
            delimiter=options.delimiter if main else None,
            encoding=options.encoding if main else None,
            header_row=options.header_row if main else None,
            header_score=score,
        )
    if fmt == "xlsx":
        return read_xlsx_raw(
            stream,
            file=file,
            report=report,
            sheet=options.sheet if main else None,
            header_row=options.header_row if main else None,
            header_score=score,
        )
    if fmt == "parquet":
        return read_parquet_raw(stream, file=file, report=report)
    if fmt == "unreadable":
        report.add("file.unreadable", file=file, detail="encrypted or damaged")
    else:
        report.add("file.format_unsupported", file=file, format=fmt)
    return None
