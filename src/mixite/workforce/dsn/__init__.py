"""The DSN reader (workforce spec §6): monthly payroll declarations -> canonical rows.

``read_dsn`` takes files, directories or ZIP archives of DSN files, keeps the declarations
that apply (§6.2), pseudonymises people (§6.3) and builds one canonical row per person and
period from the covered months (§6.4–6.7), plus the ``leaves``, ``careers`` and
``exposures`` tables. It never raises on bad input: every problem is in the report.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Final

import polars as pl

from mixite.workforce.dsn.aggregate import (
    Context,
    Row,
    build_rows,
    period_months,
    period_of,
)
from mixite.workforce.dsn.codes import tables_for
from mixite.workforce.dsn.declarations import coverage, keep_declarations, month_label
from mixite.workforce.dsn.parse import ParsedFile, parse_file
from mixite.workforce.dsn.people import Snapshot, group_people
from mixite.workforce.dsn.values import check_values
from mixite.workforce.readers.raw import gc_paused
from mixite.workforce.report import ReportBuilder, SourceInfo
from mixite.workforce.schema import COLUMNS, EXTRA_TABLES, ColumnType

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence

    from mixite.workforce.dsn.declarations import Declaration
    from mixite.workforce.options import Options

__all__ = ["DsnResult", "read_dsn"]

_DSN_LINE: Final = re.compile(rb"S\d{2}\.G\d{2}\.\d{2}\.\d{3},'")
_DSN_EXTENSIONS: Final = frozenset({".dsn", ".edi"})
_BLANK: Final = b" \t\n\r\x0b\x0c"  # what bytes.strip() removes
_POLARS_TYPES: Final[Mapping[ColumnType, pl.DataType]] = {
    ColumnType.STR: pl.String(),
    ColumnType.CODE: pl.String(),
    ColumnType.INT: pl.Int64(),
    ColumnType.FLOAT: pl.Float64(),
    ColumnType.DATE: pl.Date(),
    ColumnType.BOOL: pl.Boolean(),
}


@dataclass(frozen=True, slots=True)
class DsnResult:
    """Canonical rows (``None`` when nothing could be read), supplementary tables, sources."""

    frame: pl.DataFrame | None
    extras: Mapping[str, pl.DataFrame] = field(default_factory=dict)
    sources: tuple[SourceInfo, ...] = ()


def read_dsn(
    sources: Sequence[Path | BinaryIO] | Path,
    *,
    options: Options,
    report: ReportBuilder,
    pseudonym_key: bytes | None = None,
) -> DsnResult:
    """Read DSN files, directories or ZIPs of them into canonical rows (§6)."""
    # Millions of rubrics in blocks without reference cycles: the cyclic collector would
    # rescan them again and again (a third of the reading time, workforce spec §8).
    with gc_paused():
        return _read(
            sources, options=options, report=report, pseudonym_key=pseudonym_key
        )


def _read(
    sources: Sequence[Path | BinaryIO] | Path,
    *,
    options: Options,
    report: ReportBuilder,
    pseudonym_key: bytes | None,
) -> DsnResult:
    inputs: list[Path | BinaryIO] = (
        [sources] if isinstance(sources, Path) else [*sources]
    )
    found = sorted(_expand(inputs, report), key=lambda item: item[0])
    parsed: list[ParsedFile] = []
    infos: list[SourceInfo] = []
    for name, raw in found:
        result = parse_file(raw, file=name, report=report)
        info = SourceInfo(
            file=name,
            format="dsn",
            sha256=hashlib.sha256(raw).hexdigest(),
            encoding=result.encoding,
            lines=result.n_lines,
            norm=result.norm,
        )
        report.add_source(info)
        infos.append(info)
        if result.root is not None:
            check_values(result.root, file=name, report=report)
            parsed.append(result)
    frame, extras = _build(parsed, options=options, report=report, key=pseudonym_key)
    return DsnResult(frame=frame, extras=extras, sources=tuple(infos))


def _expand(
    inputs: Sequence[Path | BinaryIO], report: ReportBuilder
) -> Iterator[tuple[str, bytes]]:
    for item in inputs:
        if not isinstance(item, Path):
            raw = item.read()
            name = Path(str(getattr(item, "name", "dsn"))).name
            yield from _archive_or_file(name, raw, report)
        elif item.is_dir():
            for path in sorted(p for p in item.iterdir() if p.is_file()):
                yield from _member(path.name, path.read_bytes(), report)
        elif item.is_file():
            yield from _archive_or_file(item.name, item.read_bytes(), report)
        else:
            report.add("file.not_found", file=item.name)


def _archive_or_file(
    name: str, raw: bytes, report: ReportBuilder
) -> Iterator[tuple[str, bytes]]:
    if raw[:4] != b"PK\x03\x04":
        yield name, raw
        return
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members = [
                (i.filename, archive.read(i))
                for i in archive.infolist()
                if not i.is_dir()
            ]
    except (
        zipfile.BadZipFile,
        OSError,
        EOFError,
        RuntimeError,  # an encrypted member
        ValueError,
        NotImplementedError,
    ) as error:
        report.add("file.unreadable", file=name, detail=type(error).__name__)
        return
    for member, content in sorted(members):
        yield from _member(f"{name}/{member}", content, report)


def _member(
    name: str, raw: bytes, report: ReportBuilder
) -> Iterator[tuple[str, bytes]]:
    """A file found in a directory or a ZIP: kept when it looks like a DSN (§3.1)."""
    text = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    if (
        _DSN_LINE.match(_first_line(text))
        or Path(name).suffix.lower() in _DSN_EXTENSIONS
    ):
        yield name, raw
    else:
        report.add("dsn.file_ignored", file=name)


def _first_line(text: bytes) -> bytes:
    """The first non-blank line, as ``bytes.splitlines`` cuts lines (at CR, LF or CRLF),
    found without splitting a whole file of several megabytes."""
    start = len(text) - len(text.lstrip(_BLANK))  # first character of that line
    if start == len(text):
        return b""
    begin = max(text.rfind(b"\n", 0, start), text.rfind(b"\r", 0, start)) + 1
    ends = [at for at in (text.find(b"\n", start), text.find(b"\r", start)) if at >= 0]
    return text[begin : min(ends, default=len(text))]


def _build(
    parsed: Sequence[ParsedFile],
    *,
    options: Options,
    report: ReportBuilder,
    key: bytes | None,
) -> tuple[pl.DataFrame | None, dict[str, pl.DataFrame]]:
    kept = keep_declarations(parsed, report=report)
    if not parsed:
        return None, {}
    covered = coverage(kept)
    _check_coverage(covered, options=options, report=report)
    sirens = sorted({d.siren for d in kept})
    if len(sirens) > 1:
        report.add("dsn.several_companies", sirens=", ".join(sirens))
    if key is None and sirens:
        report.add("dsn.weak_pseudonym_key")
    ctx = Context(
        options, report, covered, key or (sirens[0] if sirens else "").encode()
    )
    people = group_people(_snapshots(kept, parsed), report=report)
    rows = build_rows(people, ctx)
    extras = {
        "leaves": _table("leaves", ctx.leaves),
        "careers": _table("careers", ctx.careers),
        "exposures": _table("exposures", ctx.exposures),
    }
    return _frame(rows), extras


def _snapshots(
    kept: Sequence[Declaration], parsed: Sequence[ParsedFile]
) -> Iterator[Snapshot]:
    norms = {p.name: p.norm for p in parsed}
    order = {p.name: i for i, p in enumerate(parsed)}
    for declaration in kept:
        if declaration.block is None:
            continue
        tables = tables_for(norms.get(declaration.file))
        rank, month = order[declaration.file], declaration.month
        for person in declaration.block.kids("S21.G00.30"):
            yield Snapshot(declaration, person, tables, rank, month)


def _check_coverage(
    covered: Mapping[str, set[tuple[int, int]]],
    *,
    options: Options,
    report: ReportBuilder,
) -> None:
    end_month = int(options.period_end[:2])
    for siret, months in sorted(covered.items()):
        periods = {period_of(m, end_month) for m in months}
        if options.period is not None:
            periods = {options.period}
        missing = [
            m
            for period in sorted(periods)
            for m in period_months(period, end_month)
            if m not in months
        ]
        if missing:
            report.add(
                "dsn.months_missing",
                siret=siret,
                months=", ".join(map(month_label, missing)),
            )


def _frame(rows: Sequence[Row]) -> pl.DataFrame:
    schema: dict[str, pl.DataType] = {c.name: _POLARS_TYPES[c.type] for c in COLUMNS}
    schema["_source_file"] = pl.String()
    schema["_source_row"] = pl.Int64()
    return pl.DataFrame(
        [{name: row.get(name) for name in schema} for row in rows],
        schema=schema,
        orient="row",
    )


def _table(name: str, rows: Sequence[Row]) -> pl.DataFrame:
    schema = {c.name: _POLARS_TYPES[c.type] for c in EXTRA_TABLES[name].columns}
    frame = pl.DataFrame(
        [{c: row.get(c) for c in schema} for row in rows], schema=schema
    )
    return frame.unique(maintain_order=True)
