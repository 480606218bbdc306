"""XLSX workbooks to a :class:`RawSheet` of typed cells (§3.2, §3.4, §8).

``workbook.xml`` gives the sheets and ``date1904``, ``styles.xml`` the percent and date
number formats. A streaming pass (``zipfile`` + ``xml.etree`` ``iterparse``) reads the top
of the sheet, as far as the header search needs (the first 20 non-blank rows, or the forced
header row), with shared strings parsed only that far. The data rows then come from
:mod:`mixite.workforce.readers.xlsx_fast`: values from calamine, cell kinds, merges, error
cells and formulas without a cached value from scans of the sheet XML. When the XML is not
in the shape those scans expect, the same streaming pass reads every cell instead (the
reference the fast path is tested against): slow (about 25 s of CPU for 100,000 rows × 20
columns) but exact. Column representation: see :mod:`mixite.workforce.readers.raw`.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import math
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Literal
from xml.etree.ElementTree import Element, ParseError, iterparse

import polars as pl
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format

from mixite.workforce.readers import xlsx_fast
from mixite.workforce.readers.detect import detect_format
from mixite.workforce.readers.raw import (
    HeaderScore,
    RawSheet,
    RawSource,
    ReportSink,
    Source,
    load_source,
    open_binary,
    sha256_of,
    unique_headers,
    with_row_numbers,
)

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

Value = xlsx_fast.Value
_render = xlsx_fast.render
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_REF = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")
_MERGE = re.compile(rb'<mergeCell\b[^>]*?\bref="([^"]*)"')
_EMPTY_SHARED = (b"<t/>", b"<t></t>", b'"></t>', b"<si/>", b"<si></si>")
HEADER_ROWS = 20
MIN_HEADER_SCORE = 2
MAX_RANGES = 10
_PERCENT_FORMATS = frozenset({9, 10})
_EPOCH_1900 = dt.date(1899, 12, 30)
_EPOCH_1904 = dt.date(1904, 1, 1)
_SERIAL_LEAP_BUG = 60


@dataclass(frozen=True, slots=True)
class _SheetRef:
    name: str
    path: str
    visible: bool


@dataclass(slots=True)
class _Sheet:
    """What the pass over one sheet's XML found."""

    cells: dict[int, dict[int, Value]] = field(default_factory=dict)
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    no_value: set[tuple[int, int]] = field(default_factory=set)
    merged: list[tuple[str, int, int]] = field(
        default_factory=list
    )  # ref, first, last row
    percent: set[int] = field(default_factory=set)
    dated: set[int] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class _Book:
    sheets: tuple[_SheetRef, ...]
    date1904: bool
    shared: _SharedStrings
    styles: tuple[Literal["date", "percent", ""], ...]


def read_xlsx_raw(
    source: Source,
    *,
    file: str,
    report: ReportSink,
    sheet: str | int | None = None,
    header_row: int | None = None,
    header_score: HeaderScore,
) -> RawSheet | None:
    """Every data row of one sheet, typed, or ``None`` after a fatal message (§3.4)."""
    data = load_source(source, file=file, report=report)
    if data is None:
        return None
    with open_binary(data) as handle:
        fmt = detect_format(handle.read())
    if fmt == "unsupported":
        report.add("file.format_unsupported", file=file, format="xls/ods")
        return None
    if fmt != "xlsx":
        detail = "encrypted" if fmt == "unreadable" else f"not an XLSX workbook ({fmt})"
        report.add("file.unreadable", file=file, detail=detail)
        return None
    try:
        with open_binary(data) as handle, zipfile.ZipFile(handle) as archive:
            return _read(
                archive,
                data,
                file=file,
                report=report,
                sheet=sheet,
                header_row=header_row,
                header_score=header_score,
            )
    except (
        zipfile.BadZipFile,
        OSError,
        ParseError,
        KeyError,
        ValueError,
        RuntimeError,
    ) as exc:
        report.add("file.unreadable", file=file, detail=str(exc) or type(exc).__name__)
        return None


def _read(
    archive: zipfile.ZipFile,
    data: bytes | Path,
    *,
    file: str,
    report: ReportSink,
    sheet: str | int | None,
    header_row: int | None,
    header_score: HeaderScore,
) -> RawSheet | None:
    book = _read_book(archive)
    chosen = _choose_sheet(book.sheets, sheet)
    if chosen is None:
        report.add(
            "xlsx.sheet_not_found",
            file=file,
            sheet="" if sheet is None else str(sheet),
            sheets=", ".join(s.name for s in book.sheets),
        )
        return None
    top = _read_sheet(archive, chosen.path, book, until=header_row)
    if not any(_non_blank(cells) for cells in top.cells.values()):
        report.add("file.empty", file=file)
        return None
    header = _find_header(top, header_row, header_score)
    if header is None:
        report.add("header.not_found", file=file)
        return None
    number, columns = header
    xml = archive.read(chosen.path)
    merged = [(ref.decode(), *_row_span(ref.decode())) for ref in _MERGE.findall(xml)]
    below = sorted((first, ref) for ref, first, last in merged if last >= number)
    ranges = [ref for _, ref in below]
    if ranges:
        report.add(
            "xlsx.merged_cells", file=file, ranges=", ".join(ranges[:MAX_RANGES])
        )
        return None
    headers = unique_headers([_render(top.cells[number].get(c)) for c in columns])
    layout = xlsx_fast.Layout(
        sheet=chosen.name,
        header=number,
        columns=columns,
        headers=headers,
        styles=book.styles,
        date1904=book.date1904,
        cell_value=functools.partial(_typed, date1904=book.date1904),
    )
    table = xlsx_fast.read_table(data, xml, book.shared.has_empty(), layout)
    if table is None:  # the XML is not in the shape the scans expect
        table = _table(_read_sheet(archive, chosen.path, book, until="end"), layout)
    _report_cells(table, layout, file=file, report=report)
    if table.frame is None:
        report.add("file.empty", file=file)
        return None
    info = RawSource(
        file=file,
        format="xlsx",
        sha256=sha256_of(data),
        sheet=chosen.name,
        header_row=number,
    )
    report.add_source(info)
    by_index = dict(zip(columns, headers, strict=True))
    return RawSheet(
        frame=table.frame,
        headers=headers,
        source=info,
        native_types=True,
        percent_columns=_named(by_index, table.percent | top.percent),
        date_columns=_named(by_index, table.dated | top.dated),
        mixed_columns=_named(by_index, table.mixed),
    )


def _named(
    by_index: dict[int, str], indices: set[int] | frozenset[int]
) -> frozenset[str]:
    return frozenset(name for col, name in by_index.items() if col in indices)


def _choose_sheet(
    sheets: tuple[_SheetRef, ...], wanted: str | int | None
) -> _SheetRef | None:
    """First visible; else exact name, then case-insensitive; else 1-based index (§3.4)."""
    if wanted is None:
        return next((s for s in sheets if s.visible), None)
    if isinstance(wanted, int):
        return sheets[wanted - 1] if 1 <= wanted <= len(sheets) else None
    exact = [s for s in sheets if s.name == wanted]
    folded = [s for s in sheets if s.name.casefold() == wanted.casefold()]
    found = exact or folded
    return found[0] if found else None


def _read_book(archive: zipfile.ZipFile) -> _Book:
    root = _parse(archive, "xl/workbook.xml")
    rels = {
        r.get("Id"): r.get("Target", "")
        for r in _parse(archive, "xl/_rels/workbook.xml.rels").iter(
            f"{_PKG_REL}Relationship"
        )
    }
    sheets = []
    for node in root.iter(f"{_MAIN}sheet"):
        target = rels.get(node.get(f"{_REL}id"), "")
        path = (
            target.lstrip("/")
            if target.startswith("/")
            else posixpath.join("xl", target)
        )
        visible = node.get("state", "visible") == "visible"
        sheets.append(
            _SheetRef(node.get("name", ""), posixpath.normpath(path), visible)
        )
    pr = root.find(f"{_MAIN}workbookPr")
    date1904 = pr is not None and pr.get("date1904", "0").lower() in {"1", "true"}
    return _Book(
        tuple(sheets), date1904, _SharedStrings(archive), _read_styles(archive)
    )


def _parse(archive: zipfile.ZipFile, name: str) -> Element:
    with archive.open(name) as member:
        for _, elem in iterparse(member, events=("end",)):  # noqa: S314 (expat: no entities)
            root = elem
        return root


class _SharedStrings:
    """``sharedStrings.xml``, parsed only as far as the cells read so far need."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        name = "xl/sharedStrings.xml"
        self._xml = archive.read(name) if name in archive.namelist() else b""
        self._strings: list[str] = []
        self._events = (
            iterparse(io.BytesIO(self._xml), events=("end",))  # noqa: S314 (expat: no entities)
            if self._xml
            else iter(())
        )

    def __getitem__(self, index: int) -> str:
        while len(self._strings) <= index:
            event = next(self._events, None)
            if event is None:
                break
            elem = event[1]
            if elem.tag == f"{_MAIN}si":
                self._strings.append(_inline_text(elem))
                elem.clear()
        return self._strings[index]

    def has_empty(self) -> bool:
        """Whether a string may be empty (calamine reads such a cell as no cell)."""
        return any(mark in self._xml for mark in _EMPTY_SHARED)


def _inline_text(elem: Element) -> str:
    """Text of an ``<si>`` or ``<is>``: its ``<t>`` and rich runs, phonetic runs left out."""
    parts = []
    for child in elem:
        if child.tag == f"{_MAIN}t":
            parts.append(child.text or "")
        elif child.tag == f"{_MAIN}r":
            parts.extend(t.text or "" for t in child.iter(f"{_MAIN}t"))
    return "".join(parts)


def _read_styles(
    archive: zipfile.ZipFile,
) -> tuple[Literal["date", "percent", ""], ...]:
    if "xl/styles.xml" not in archive.namelist():
        return ()
    root = _parse(archive, "xl/styles.xml")
    codes: dict[int, str] = dict(BUILTIN_FORMATS)
    for node in root.iter(f"{_MAIN}numFmt"):
        codes[int(node.get("numFmtId", "0"))] = node.get("formatCode", "")
    xfs = root.find(f"{_MAIN}cellXfs")
    kinds: list[Literal["date", "percent", ""]] = []
    for xf in [] if xfs is None else xfs.iter(f"{_MAIN}xf"):
        fmt_id = int(xf.get("numFmtId", "0"))
        code = codes.get(fmt_id, "")
        if fmt_id in _PERCENT_FORMATS or "%" in re.sub(r'"[^"]*"', "", code):
            kinds.append("percent")
        elif is_date_format(code):
            kinds.append("date")
        else:
            kinds.append("")
    return tuple(kinds)


def _read_sheet(
    archive: zipfile.ZipFile,
    path: str,
    book: _Book,
    *,
    until: int | Literal["end"] | None,
) -> _Sheet:
    """The sheet's cells, as far as the header search needs (``until``) or to the end.

    ``until`` is the forced header row, ``None`` to stop after the first ``HEADER_ROWS``
    non-blank rows, or ``"end"`` to read every row.
    """
    out = _Sheet()
    n_filled = 0
    with archive.open(path) as member:
        row_no = 0
        for elem in _sheet_elements(member):
            if elem.tag == f"{_MAIN}row":
                row_no = int(elem.get("r") or row_no + 1)
                _read_row(elem, row_no, book, out)
                elem.clear()
                n_filled += row_no in out.cells and _non_blank(out.cells[row_no])
                if until is None and n_filled >= HEADER_ROWS:
                    break
                if isinstance(until, int) and row_no >= until:
                    break
            elif elem.tag == f"{_MAIN}mergeCell":
                ref = elem.get("ref", "")
                first, last = _row_span(ref)
                out.merged.append((ref, first, last))
    return out


def _sheet_elements(member: IO[bytes]) -> Iterator[Element]:
    for _, elem in iterparse(member, events=("end",)):  # noqa: S314 (expat: no entities)
        if elem.tag in {f"{_MAIN}row", f"{_MAIN}mergeCell"}:
            yield elem


def _row_span(ref: str) -> tuple[int, int]:
    rows = [int(m.group(2)) for part in ref.split(":") if (m := _REF.match(part))]
    return (min(rows), max(rows)) if rows else (0, 0)


def _col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _read_row(elem: Element, row_no: int, book: _Book, out: _Sheet) -> None:
    """The cells of one ``<row>``: values by type, errors, formulas without value, formats."""
    cells: dict[int, Value] = {}
    col = 0
    for c in elem.iter(f"{_MAIN}c"):
        match = _REF.match(c.get("r", ""))
        col = _col_index(match.group(1)) if match else col + 1
        kind = c.get("t", "n")
        v = c.find(f"{_MAIN}v")
        if c.find(f"{_MAIN}f") is not None and (v is None or not v.text):
            out.no_value.add((row_no, col))
            continue
        style = int(c.get("s", "0"))
        fmt = book.styles[style] if style < len(book.styles) else ""
        text = None if v is None else v.text
        if kind == "inlineStr":
            inline = c.find(f"{_MAIN}is")
            cells[col] = "" if inline is None else _inline_text(inline)
        elif text is None:
            continue
        elif kind == "s":
            cells[col] = book.shared[int(text)]
        elif kind in {"str", "d"}:
            cells[col] = _iso_date(text) if kind == "d" else text
            if kind == "d":
                out.dated.add(col)
        elif kind == "b":
            cells[col] = text.strip() in {"1", "true"}
        elif kind == "e":
            out.errors[(row_no, col)] = text
        else:
            cells[col] = _number(text, fmt, book.date1904, col, out)
    if cells:
        out.cells[row_no] = cells


def _number(text: str, fmt: str, date1904: bool, col: int, out: _Sheet) -> Value:
    number = float(text)
    if fmt == "percent":
        out.percent.add(col)
    if fmt == "date" and math.isfinite(number):
        out.dated.add(col)
    return _serial(number, fmt, date1904)


def _typed(text: bytes, fmt: str, kind: bytes, *, date1904: bool) -> Value:
    """A typed cell from its ``<v>`` text and ``t`` (the fast path's re-read)."""
    value = text.decode()
    if kind == b"b":
        return value.strip() in {"1", "true"}
    if kind == b"d":
        return _iso_date(value)
    return _serial(float(value), fmt, date1904)


def _serial(number: float, fmt: str, date1904: bool) -> Value:
    """A number, or the date of a date-formatted serial (time dropped)."""
    if fmt != "date" or not math.isfinite(number):
        return number
    serial = math.floor(number)
    if date1904:
        return _EPOCH_1904 + dt.timedelta(days=serial)
    if serial == _SERIAL_LEAP_BUG:
        return "1900-02-29"  # Excel's non-existent day: left to the date rules as text
    return _EPOCH_1900 + dt.timedelta(
        days=serial if serial > _SERIAL_LEAP_BUG else serial + 1
    )


def _iso_date(text: str) -> Value:
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return text


def _non_blank(cells: dict[int, Value]) -> bool:
    return any(not isinstance(v, str) or v.strip() for v in cells.values())


def _find_header(
    parsed: _Sheet, header_row: int | None, header_score: HeaderScore
) -> tuple[int, list[int]] | None:
    """The header's sheet row and its columns (first to last non-empty header cell)."""
    rows = sorted(r for r, cells in parsed.cells.items() if _non_blank(cells))
    if header_row is not None:
        candidates = [header_row] if header_row in rows else []
    else:
        candidates = rows[:HEADER_ROWS]
    best: tuple[int, int] | None = None
    for row in candidates:
        cells = parsed.cells[row]
        width = range(min(cells), max(cells) + 1)
        score = header_score([_render(cells.get(c)) for c in width])
        if best is None or score > best[0]:
            best = (score, row)
    if best is None or (header_row is None and best[0] < MIN_HEADER_SCORE):
        return None
    filled = [c for c, v in parsed.cells[best[1]].items() if _render(v)]
    return best[1], list(range(min(filled), max(filled) + 1))


def _table(parsed: _Sheet, layout: xlsx_fast.Layout) -> xlsx_fast.Table:
    """The data rows below the header, read from the cells of the whole sheet."""
    columns, header = layout.columns, layout.header
    table = xlsx_fast.Table(
        percent=parsed.percent,
        dated=parsed.dated,
        errors=parsed.errors,
        no_value=parsed.no_value,
    )
    rows = [
        r
        for r in sorted(parsed.cells)
        if r > header
        and _non_blank({c: v for c, v in parsed.cells[r].items() if c in set(columns)})
    ]
    if not rows:
        return table
    series: list[pl.Series] = []
    mixed: set[int] = set()
    for col, name in zip(columns, layout.headers, strict=True):
        column, is_mixed = xlsx_fast.series_of([parsed.cells[r].get(col) for r in rows])
        series.append(column.alias(name))
        if is_mixed:
            mixed.add(col)
    table.frame = with_row_numbers(pl.DataFrame(series), rows)
    table.mixed = frozenset(mixed)
    return table


def _report_cells(
    table: xlsx_fast.Table, layout: xlsx_fast.Layout, *, file: str, report: ReportSink
) -> None:
    """``xlsx.cell_error`` and ``xlsx.formula_without_value`` for table cells, in sheet order."""
    by_index = dict(zip(layout.columns, layout.headers, strict=True))
    for row, col in sorted(table.errors):
        if row > layout.header and col in by_index:
            report.add(
                "xlsx.cell_error",
                file=file,
                row=row,
                source_column=by_index[col],
                value=table.errors[(row, col)],
            )
    for row, col in sorted(table.no_value):
        if row > layout.header and col in by_index:
            report.add(
                "xlsx.formula_without_value",
                file=file,
                row=row,
                source_column=by_index[col],
            )
