"""The CSV reader's fast path: Polars splits the fields of a file without quotes (§3.2, §3.3).

It is taken only when a byte scan proves that every record is one line, so that a row's
number (§3.2) is its line number: the file, once in UTF-8, holds no ``"`` (no quoted cell,
hence no line break inside a cell and no malformed record), no NUL, no carriage return
outside a CRLF pair (Python's reader would end a record there, Polars would not), and no line
longer than ``csv.field_size_limit()``; the delimiter is one ASCII character. Anything else
returns ``None`` and :mod:`mixite.workforce.readers.csv` runs its exact parser instead.

On such a file Polars gives one row per line after the header, blank lines included, every
field as written (``""`` for an empty one, nothing stripped), a short line padded with ``""``
and a long one cut to the header's width. The field count of each line comes from the
byte scan that finds the line ends, which also counts the delimiters on each line (no quote
can hide one): the header's width minus one minus that count is the number of padded cells
(negative: the line had too many fields). Padded cells become ``null``; short rows that are
blank in Python's sense of ``str.strip`` are dropped, as the exact parser does; too-long
rows are split again in Python (there are few of them) to be reported with their field
count.

Sources that need decoding (cp1252, latin-1, UTF-16, a forced codec) are transcoded to UTF-8
in 1 MiB chunks first; a decoding error hands the file back to the exact parser, which
reports it as it always has.
"""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
import polars as pl

from mixite.workforce.readers.raw import SOURCE_ROW, ReportSink

if TYPE_CHECKING:
    from collections.abc import Iterator

    from numpy.typing import NDArray

_CHUNK = 1 << 24  # bytes per step of the scan
CATEGORICAL_SAMPLE = 10_000  # rows read first to find the repetitive columns
CATEGORICAL_REPEATS = (
    4  # each distinct cell of the sample at least this often, on average
)
_DECODE_CHUNK = 1 << 20
_NL, _CR, _QUOTE, _NUL = 10, 13, 34, 0
_FORBIDDEN_DELIMITERS = frozenset('"\r\n\x00')
# Every character ``str.isspace`` accepts (Polars' own whitespace lacks \x1c-\x1f).
PY_WHITESPACE = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())


def read_rows_fast(
    data: bytes | Path,
    *,
    codec: str,
    validated: bool,
    delim: str,
    header_number: int,
    width: int,
    file: str,
    report: ReportSink,
) -> tuple[pl.DataFrame, int] | None:
    """The rows after the header (``c0``…, ``_source_row``) and the rejected count, or ``None``.

    ``validated`` says that ``data`` is known to be valid UTF-8 when ``codec`` is UTF-8.
    ``None`` means the fast path cannot prove its row numbers (module docstring): nothing
    has been reported then.
    """
    plain = len(delim) == 1 and delim.isascii() and delim not in _FORBIDDEN_DELIMITERS
    source = _utf8_source(data, codec=codec, validated=validated) if plain else None
    if source is None:
        return None
    array = _bytes_of(source)
    lines = _line_ends(array, delim)
    if lines is None or lines.ends.size < header_number:
        return None
    ends = lines.ends
    lengths = _line_lengths(array, ends)
    del array  # unmapped before Polars maps the file: its pages would count twice
    if lengths.size and int(lengths.max()) > csv.field_size_limit():
        return None
    frame = _parse(source, delim=delim, header_number=header_number, width=width)
    data_lengths = lengths[header_number:]
    if frame is None or frame.height != data_lengths.size:
        return None  # not the one row per line this module relies on
    return _finish(
        frame,
        lines.delimiters[header_number:],
        source=source,
        ends=ends,
        delim=delim,
        header_number=header_number,
        file=file,
        report=report,
    )


def _utf8_source(
    data: bytes | Path, *, codec: str, validated: bool
) -> bytes | Path | None:
    """``data`` itself when it is UTF-8 (BOM allowed), else its UTF-8 transcoding."""
    if codec in {"utf-8", "utf-8-sig"}:
        if validated or _valid_utf8(data):
            return data
        return None
    decoder = codecs.getincrementaldecoder(codec)("strict")
    out = io.BytesIO()
    try:
        for chunk in _chunks(data, _DECODE_CHUNK):
            out.write(decoder.decode(chunk).encode("utf-8"))
        out.write(decoder.decode(b"", final=True).encode("utf-8"))
    except UnicodeError:
        return None  # the exact parser reports it (file.unreadable)
    return out.getvalue()


def _valid_utf8(data: bytes | Path) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    try:
        for chunk in _chunks(data, _DECODE_CHUNK):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _chunks(data: bytes | Path, size: int) -> Iterator[bytes]:
    if isinstance(data, Path):
        with data.open("rb") as handle:
            while chunk := handle.read(size):
                yield chunk
    else:
        view = memoryview(data)
        for i in range(0, len(data), size):
            yield bytes(view[i : i + size])


def _bytes_of(source: bytes | Path) -> NDArray[np.uint8]:
    if isinstance(source, Path):
        if source.stat().st_size == 0:
            return np.zeros(0, dtype=np.uint8)
        return np.memmap(source, dtype=np.uint8, mode="r")
    return np.frombuffer(source, dtype=np.uint8)


class _Lines(NamedTuple):
    ends: NDArray[np.int64]  # offset of each line's end (``\n`` or the end of the file)
    delimiters: NDArray[np.int64]  # delimiters on each line


def _line_ends(array: NDArray[np.uint8], delim: str) -> _Lines | None:
    """Every line's end and its count of delimiters, in one scan of the bytes.

    ``None`` when the file holds a quote, a NUL or a CR that does not end a line. A line
    may straddle two blocks: delimiters are counted as a running total at each line end,
    then differenced.
    """
    found: list[NDArray[np.int64]] = []
    totals: list[NDArray[np.int64]] = []  # delimiters before each line end
    seen = 0
    mark = ord(delim)
    for start in range(0, array.size, _CHUNK):
        block = array[start : start + _CHUNK + 1]  # one byte more: the CR-LF check
        body = block[:_CHUNK] if block.size > _CHUNK else block
        if (body == _QUOTE).any() or (body == _NUL).any():
            return None
        crs = np.flatnonzero(body == _CR)
        if crs.size and (crs[-1] + 1 >= block.size or (block[crs + 1] != _NL).any()):
            return None
        newlines = np.flatnonzero(body == _NL)
        marks = np.flatnonzero(body == mark)
        found.append(newlines.astype(np.int64) + start)
        totals.append(np.searchsorted(marks, newlines).astype(np.int64) + seen)
        seen += marks.size
    ends = np.concatenate(found) if found else np.zeros(0, dtype=np.int64)
    before = np.concatenate(totals) if totals else np.zeros(0, dtype=np.int64)
    if array.size and array[-1] != _NL:
        ends = np.append(ends, np.int64(array.size))
        before = np.append(before, np.int64(seen))
    return _Lines(ends, np.diff(before, prepend=np.int64(0)))


def _line_lengths(
    array: NDArray[np.uint8], ends: NDArray[np.int64]
) -> NDArray[np.int64]:
    """Byte length of each line, its end of line (LF or CRLF) excluded."""
    starts = np.concatenate(([0], ends[:-1] + 1)).astype(np.int64)
    lengths = ends - starts
    before = np.maximum(ends - 1, 0)
    has_cr = (lengths > 0) & (array[before] == _CR) if array.size else lengths > 0
    return lengths - has_cr.astype(np.int64)


def _parse(
    source: bytes | Path, *, delim: str, header_number: int, width: int
) -> pl.DataFrame | None:
    """One row per line after the header, ``c0``…: Polars' reader with no quote character.

    On a large file, a column whose first rows repeat is read as Categorical (one
    dictionary of its distinct cells, then a 4-byte index a row): the raw table takes far
    less memory, and the cell parsers work on its distinct cells directly. Such a column
    gives ``null`` for an empty cell, which every parser reads as empty.
    """
    options: dict[str, Any] = {
        "has_header": True,  # the header line: exactly ``width`` fields without quotes
        "skip_lines": header_number - 1,
        "new_columns": [f"c{i}" for i in range(width)],
        "separator": delim,
        "quote_char": None,
        "comment_prefix": None,
        "null_values": None,
        "infer_schema": False,
        "empty_string_is_null": False,
        "truncate_ragged_lines": True,
        "raise_if_empty": False,
    }
    try:
        sample = pl.read_csv(source, n_rows=CATEGORICAL_SAMPLE, **options)
        if sample.height < CATEGORICAL_SAMPLE:  # the whole file: read as text
            return sample
        overrides = {
            name: pl.Categorical(pl.Categories.random())
            for name in sample.columns
            if sample[name].n_unique() * CATEGORICAL_REPEATS <= sample.height
        }
        return pl.read_csv(source, schema_overrides=overrides, **options)
    except pl.exceptions.PolarsError:
        return None  # the exact parser reads what Polars refuses


def as_string(name: str) -> pl.Expr:
    """A raw column as text, ``""`` for an empty or missing cell (Categorical or String)."""
    return pl.col(name).cast(pl.String).fill_null("")


def _finish(
    frame: pl.DataFrame,
    delimiters: NDArray[np.int64],
    *,
    source: bytes | Path,
    ends: NDArray[np.int64],
    delim: str,
    header_number: int,
    file: str,
    report: ReportSink,
) -> tuple[pl.DataFrame, int]:
    """Row numbers, padded cells to ``null``, blank short rows and long rows out."""
    names = frame.columns
    width = len(names)
    first = header_number + 1
    frame = frame.with_columns(
        pl.int_range(first, first + frame.height, dtype=pl.Int64).alias(SOURCE_ROW)
    )
    padded = (width - 1) - pl.Series(delimiters)  # < 0: too many fields
    n_rejected = 0
    if (padded < 0).any():
        long_rows = frame.filter(padded < 0)[SOURCE_ROW].to_list()
        n_rejected = _report_long(
            long_rows,
            _bytes_of(source),
            ends,
            delim=delim,
            width=width,
            file=file,
            report=report,
        )
        frame, padded = frame.filter(padded >= 0), padded.filter(padded >= 0)
    if (padded > 0).any():
        frame = _pad(frame, names, present=width - padded)
    return frame, n_rejected


def _pad(frame: pl.DataFrame, names: list[str], present: pl.Series) -> pl.DataFrame:
    """Cells past a short row's last field to ``null``; short rows blank for Python out."""
    frame = frame.with_columns(present.alias("_present"))
    count = pl.col("_present")
    python_blank = pl.all_horizontal(
        as_string(n).str.strip_chars(PY_WHITESPACE).eq("") for n in names
    )
    frame = frame.filter((count == len(names)) | ~python_blank)
    return frame.with_columns(
        pl.when(count > i).then(pl.col(n)).otherwise(None).alias(n)
        for i, n in enumerate(names)
    ).drop("_present")


def _report_long(
    rows: list[int],
    array: NDArray[np.uint8],
    ends: NDArray[np.int64],
    *,
    delim: str,
    width: int,
    file: str,
    report: ReportSink,
) -> int:
    """``row.too_many_fields`` for the long rows that are not blank; how many were."""
    rejected = 0
    for row in rows:
        start = 0 if row == 1 else int(ends[row - 2]) + 1
        line = bytes(array[start : int(ends[row - 1])]).decode("utf-8")
        record = line.removesuffix("\r").split(delim)
        if not any(cell.strip() for cell in record):
            continue
        rejected += 1
        report.add(
            "row.too_many_fields",
            file=file,
            row=row,
            count=str(len(record)),
            expected=str(width),
        )
        report.reject("row.too_many_fields")
    return rejected
