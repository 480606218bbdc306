"""The data rows of an XLSX table: values from calamine, cell kinds from the sheet XML (§8).

calamine (``fastexcel``) reads the values of the table's columns in one call, typed per
column over the data rows (``header_row=None``, ``skip_rows`` = the header's sheet row, and
``use_columns`` by Excel letter: frame row ``i`` is then sheet row ``header + 1 + i`` and
each column is the sheet's own letter, whatever empty rows or columns lie before the table).
What calamine cannot tell comes from regular expressions over the sheet XML bytes, each a
single scan in C that yields a Python object only for the cells it is about:

- the kinds of the data cells of each column (number, date-formatted number, boolean, ISO
  date), with their styles: a column is typed only when all its non-empty cells are of one
  kind (calamine coerces a boolean among numbers to ``1.0``), and percent/date formats come
  from the styles;
- Excel error cells and formulas without a cached value (``null`` cells, reported).

A column calamine cannot give exactly (mixed kinds, dates before 1900-03-01 where
calamine and Excel's serial 60 disagree, ISO ``t="d"`` cells) has its typed cells re-read
from their ``<v>`` text with the rules of :mod:`mixite.workforce.readers.xlsx`, its text
cells still from calamine. :func:`read_table` returns ``None`` when the XML is not in the
shape these scans expect (a cell without ``r``, attributes in another order, empty text
cells, which calamine drops but the reader keeps as ``""``): the caller then reads the
whole sheet in Python.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import fastexcel
import polars as pl

from mixite.workforce.readers.raw import with_row_numbers

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path

Value = str | float | bool | dt.date

# r, then s, then t: the order Excel, LibreOffice, openpyxl and xlsxwriter write
_TYPED = re.compile(
    rb'<c r="([A-Z]{1,3})\d+"(?: s="(\d+)")?(?: t="([nbd])")?>'
    rb"(?:<f[^>]*/>|<f[^>]*>[^<]*</f>)?<v>[^<]"
)
_ERROR = re.compile(
    rb'<c r="([A-Z]{1,3})(\d+)"(?: s="\d+")? t="e">'
    rb"(?:<f[^>]*/>|<f[^>]*>[^<]*</f>)?<v>([^<]*)</v>"
)
_NO_VALUE = re.compile(
    rb'<c r="([A-Z]{1,3})(\d+)"[^>]*>(?:<f[^>]*/>|<f[^>]*>[^<]*</f>)(?:<v></v>|<v\s*/>)?</c>'
)
_ROW = re.compile(rb'<row\b[^>]*? r="(\d+)"')
# empty text (kept as "" by the reader, dropped by calamine) and single-quoted attributes
_UNEXPECTED = (b"<t/>", b"></t>", b'inlineStr"/>', b'inlineStr" />', b"='")
_FIRST_DATE = dt.date(1900, 3, 1)  # before it, calamine and Excel's serials disagree

Kind = type[float] | type[bool] | type[dt.date] | type[str]


@dataclass(slots=True)
class Table:
    """What :func:`read_table` found below the header (all cells, before blank rows)."""

    frame: pl.DataFrame | None = None  # data rows with _source_row, None: no data row
    mixed: frozenset[int] = frozenset()
    percent: set[int] = field(default_factory=set)
    dated: set[int] = field(default_factory=set)
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    no_value: set[tuple[int, int]] = field(default_factory=set)


@dataclass(frozen=True, slots=True, kw_only=True)
class Layout:
    """Where the table is and how to read its cells."""

    sheet: str
    header: int  # sheet row of the header
    columns: Sequence[int]  # 1-based sheet columns
    headers: Sequence[str]
    styles: Sequence[str]  # per style index: "date", "percent" or ""
    date1904: bool
    cell_value: Callable[[bytes, str, bytes], Value]  # ``<v>``, style kind, ``t``


def read_table(
    source: bytes | Path, xml: bytes, shared_has_empty: bool, layout: Layout
) -> Table | None:
    """The table's data rows, or ``None`` when the sheet needs the Python reader."""
    if shared_has_empty or any(m in xml for m in _UNEXPECTED):
        return None
    start = _data_start(xml, layout.header)
    kinds = _kinds(xml, start, layout.styles)
    if kinds is None:
        return None
    table = Table()
    _problems(xml, start, layout.columns, table)
    letters = {c: column_letters(c) for c in layout.columns}
    for letter, style, kind in kinds:
        index = column_index(letter)
        if style == "percent" and kind == "n":
            table.percent.add(index)
        if (style == "date" and kind == "n") or kind == "d":
            table.dated.add(index)
    reader = fastexcel.read_excel(source if isinstance(source, bytes) else str(source))
    sheet = reader.load_sheet(
        layout.sheet,
        header_row=None,
        skip_rows=layout.header,
        schema_sample_rows=None,
        use_columns=",".join(letters.values()),
    )
    data = sheet.to_polars()
    if data.width != len(layout.columns):
        return None
    series, mixed = [], set()
    for col, name, column in zip(
        layout.columns, layout.headers, data.iter_columns(), strict=True
    ):
        built = _column(
            xml,
            start,
            col=col,
            letter=letters[col],
            column=column,
            kinds=kinds,
            layout=layout,
            table=table,
        )
        series.append(built[0].alias(name))
        if built[1]:
            mixed.add(col)
    table.mixed = frozenset(mixed)
    table.frame = _non_blank_rows(series, layout.header)
    return table


def column_letters(index: int) -> str:
    """``1`` → ``A``, ``27`` → ``AA``."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index(letters: bytes | str) -> int:
    """``A`` → ``1``, ``AA`` → ``27``."""
    n = 0
    for ch in letters.decode() if isinstance(letters, bytes) else letters:
        n = n * 26 + ord(ch) - 64
    return n


def _data_start(xml: bytes, header: int) -> int:
    """Byte offset of the first ``<row>`` below the header (the end when there is none)."""
    for match in _ROW.finditer(xml, xml.find(b"<sheetData")):
        if int(match.group(1)) > header:
            return match.start()
    return len(xml)


def _kinds(
    xml: bytes, start: int, styles: Sequence[str]
) -> Counter[tuple[bytes, str, str]] | None:
    """(column letters, style kind, ``t``) of every typed data cell with a value, counted.

    ``None`` when the scan missed cells: the number of non-empty ``<v>`` must be those it
    found plus the text and error cells.
    """
    found = Counter(_TYPED.findall(xml, start))
    n_values = xml.count(b"<v>", start) - xml.count(b"<v></v>", start)
    n_others = xml.count(b' t="s', start) + xml.count(b' t="e"', start)  # s, str, e
    if sum(found.values()) != n_values - n_others:
        return None
    kinds: Counter[tuple[bytes, str, str]] = Counter()
    for (letter, style, kind), count in found.items():
        index = int(style or 0)
        kinds[
            letter, styles[index] if index < len(styles) else "", kind.decode() or "n"
        ] += count
    return kinds


def _problems(xml: bytes, start: int, columns: Sequence[int], table: Table) -> None:
    """Error cells and formulas without a cached value in the table's data rows."""
    wanted = set(columns)
    if b' t="e"' in xml:
        for letter, row, value in _ERROR.findall(xml, start):
            if (col := column_index(letter)) in wanted:
                table.errors[int(row), col] = value.decode()
    if b"<f" in xml:
        for letter, row in _NO_VALUE.findall(xml, start):
            if (col := column_index(letter)) in wanted:
                table.no_value.add((int(row), col))


def _column(
    xml: bytes,
    start: int,
    *,
    col: int,
    letter: str,
    column: pl.Series,
    kinds: Counter[tuple[bytes, str, str]],
    layout: Layout,
    table: Table,
) -> tuple[pl.Series, bool]:
    """One column as the Python reader builds it, and whether it is mixed."""
    mine = [
        (style, t, n)
        for (name, style, t), n in kinds.items()
        if name == letter.encode()
    ]
    typed: set[Kind] = {_kind(style, t) for style, t, _ in mine}
    iso = any(t == "d" for _, t, _ in mine)
    bad = _bad_rows(col, layout.header, table, len(column))
    column = _nulled(column, bad)
    dtype = _calamine_type(column)
    if dtype == "string":
        n_text = int((column.is_not_null() & (column != "")).sum())
        if n_text > sum(n for _, _, n in mine):
            typed.add(str)
    if typed == {float} and dtype == "float":
        return column.cast(pl.Float64), False
    if typed == {bool} and dtype == "boolean":
        return column, False
    if (
        typed == {dt.date}
        and dtype == "date"
        and not iso
        and not _early(column, layout)
    ):
        return column.cast(pl.Date), False
    if typed <= {str}:
        return column.cast(pl.String), False
    values = _reread(
        xml, start, letter=letter, column=column, dtype=dtype, layout=layout
    )
    for at in bad:
        values[at] = None
    return series_of(values)


def _kind(style: str, t: str) -> Kind:
    if t == "b":
        return bool
    if t == "d" or style == "date":
        return dt.date
    return float


def _calamine_type(column: pl.Series) -> str:
    dtype = column.dtype
    if dtype == pl.String:
        return "string"
    if dtype == pl.Boolean:
        return "boolean"
    if dtype.is_float() or dtype.is_integer():
        return "float"
    if dtype == pl.Date or isinstance(dtype, pl.Datetime):
        return "date"
    return "null"


def _early(column: pl.Series, layout: Layout) -> bool:
    """A date calamine reads differently from Excel (serial 60 and before, 1900 system)."""
    first = column.cast(pl.Date).min()
    return not layout.date1904 and isinstance(first, dt.date) and first < _FIRST_DATE


def _bad_rows(col: int, header: int, table: Table, height: int) -> list[int]:
    """Frame positions of the column's error and no-value cells."""
    cells = (*table.errors, *table.no_value)
    return [
        row - header - 1
        for row, c in cells
        if c == col and 0 <= row - header - 1 < height
    ]


def _nulled(column: pl.Series, at: list[int]) -> pl.Series:
    """``column`` with the cells at positions ``at`` set to null."""
    return column.scatter(at, None) if at else column


def _reread(
    xml: bytes,
    start: int,
    *,
    letter: str,
    column: pl.Series,
    dtype: str,
    layout: Layout,
) -> list[Value | None]:
    """The column's cells: text from calamine, typed cells from their ``<v>`` text."""
    values: list[Value | None] = (
        column.to_list() if dtype == "string" else [None] * len(column)
    )
    pattern = re.compile(
        rb'<c r="' + letter.encode() + rb'(\d+)"(?: s="(\d+)")?(?: t="([nbd])")?>'
        rb"(?:<f[^>]*/>|<f[^>]*>[^<]*</f>)?<v>([^<]+)</v>"
    )
    seen: dict[tuple[bytes, bytes, bytes], Value] = {}  # a column repeats its values
    for row, style, kind, text in pattern.findall(xml, start):
        at = int(row) - layout.header - 1
        if not 0 <= at < len(values):
            continue
        if (value := seen.get((text, style, kind))) is None:
            index = int(style or 0)
            fmt = layout.styles[index] if index < len(layout.styles) else ""
            value = seen[text, style, kind] = layout.cell_value(text, fmt, kind or b"n")
        values[at] = value
    return values


def series_of(values: list[Value | None]) -> tuple[pl.Series, bool]:
    """The Python reader's typing rule for one column (``xlsx`` module docstring)."""
    kinds = {type(v) for v in values if v is not None and v != ""}
    for kind, dtype in ((float, pl.Float64), (bool, pl.Boolean), (dt.date, pl.Date)):
        if kinds == {kind}:
            return pl.Series(
                [v if v != "" else None for v in values], dtype=dtype
            ), False
    return pl.Series([render(v) for v in values], dtype=pl.String), bool(kinds - {str})


def _non_blank_rows(series: list[pl.Series], header: int) -> pl.DataFrame | None:
    """The rows with a non-blank table cell, numbered with their sheet rows."""
    frame = pl.DataFrame(series)
    if frame.height == 0:
        return None
    filled = [  # by the frame's names: polars names a series called "" column_1
        pl.col(name).str.strip_chars() != ""
        if dtype == pl.String
        else pl.col(name).is_not_null()
        for name, dtype in frame.schema.items()
    ]
    rows = pl.int_range(header + 1, header + 1 + frame.height, dtype=pl.Int64)
    kept = frame.with_columns(rows.alias("_row")).filter(
        pl.any_horizontal(pl.all_horizontal(f.is_not_null(), f) for f in filled)
    )
    if kept.height == 0:
        return None
    return with_row_numbers(kept.drop("_row"), kept["_row"].to_list())


def render(value: Value | None) -> str | None:
    """One fixed text form per type (module docstring of ``raw``)."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if value.is_integer() and abs(value) < 1e16:  # noqa: PLR2004 (exact integers)
        return str(int(value))
    text = repr(value)
    return format(value, "f") if "e" in text else text
