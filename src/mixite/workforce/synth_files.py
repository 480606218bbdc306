"""Writing the synthetic workforce to Parquet, CSV or XLSX (workforce spec §7.1, §7.2).

The rows come from :mod:`mixite.workforce.synth` as Arrow batches; this module only lays
them out: typed Parquet, canonical or French CSV (labels, Oui/Non, decimal comma), typed
XLSX with fixed timestamps so that the same seed gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from typing import TYPE_CHECKING, Any, BinaryIO

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from mixite.workforce.schema import BY_NAME
from mixite.workforce.synth import (
    _COLUMNS,
    BOM,
    FIXED_TIMESTAMP,
    FRENCH_LABELS,
    FTE_PERCENT_HEADER,
    SCHEMA,
    YES_NO,
    ZIP_DATE,
    Style,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path


def write_parquet(
    path: Path,
    batches: Iterator[pa.RecordBatch],
    on_batch: Callable[[int], object] | None,
) -> None:
    labels = [
        f.name for f in SCHEMA if f.type == pa.string() and f.name != "employee_id"
    ]
    with pq.ParquetWriter(
        path, SCHEMA, compression="zstd", use_dictionary=labels
    ) as writer:
        for batch in batches:
            writer.write_batch(batch, row_group_size=max(1, batch.num_rows))
            if on_batch is not None:
                on_batch(batch.num_rows)


def french_headers() -> dict[str, str]:
    """Canonical name → header written by ``--style fr`` (first French synonym of §4.2)."""
    headers = {name: BY_NAME[name].synonyms_fr[0] for name in SCHEMA.names}
    headers["fte"] = FTE_PERCENT_HEADER
    return headers


def headers_for(style: Style) -> list[str]:
    names: list[str] = SCHEMA.names
    if style == "canonical":
        return names
    french = french_headers()
    return [french[name] for name in names]


def _csv_frame(batch: pa.RecordBatch, style: Style) -> pl.DataFrame:
    """The batch ready for ``write_csv``: labels, Oui/Non and the odd decimals as text.

    Dates, 2-decimal floats and integers are left typed: :func:`_csv_chunk` formats them
    (``date_format``, ``float_precision=2``, ``decimal_comma``).
    """
    frame = pl.from_arrow(batch)
    assert isinstance(frame, pl.DataFrame)  # noqa: S101 - from_arrow of a batch
    french = style == "fr"
    yes, no = YES_NO[style]
    exprs = []
    for name, _, kind in _COLUMNS:
        col = pl.col(name)
        if french and kind in FRENCH_LABELS:
            expr = col.replace_strict(FRENCH_LABELS[kind], return_dtype=pl.String)
        elif french and kind == "bool":
            expr = col.replace_strict({True: yes, False: no}, return_dtype=pl.String)
        elif kind == "int":
            expr = col.round(0).cast(pl.Int64)
        elif french and kind == "fte":
            expr = (col * 100).round(0).cast(pl.Int64)
        elif kind in ("fixed4", "fixed1"):
            expr = _fixed(col, int(kind[-1]), "," if french else ".")
        else:
            expr = col
        exprs.append(expr.alias(name))
    return frame.select(exprs)


def _fixed(col: pl.Expr, decimals: int, mark: str) -> pl.Expr:
    """Non-negative ``col`` with exactly ``decimals`` decimals, via integer arithmetic."""
    scale = 10**decimals
    scaled = (col * scale).round(0).cast(pl.Int64)
    fraction = (scaled % scale).cast(pl.String).str.zfill(decimals)
    return pl.concat_str([(scaled // scale).cast(pl.String), pl.lit(mark), fraction])


def write_csv(
    path: Path,
    batches: Iterator[pa.RecordBatch],
    style: Style,
    on_batch: Callable[[int], object] | None,
) -> None:
    headers = headers_for(style)
    with path.open("wb") as out:
        if style == "fr":
            out.write(BOM)
        first = True
        for batch in batches:
            frame = _csv_frame(batch, style)
            frame.columns = headers
            _csv_chunk(frame, out, style, header=first)
            first = False
            if on_batch is not None:
                on_batch(batch.num_rows)


def _csv_chunk(
    frame: pl.DataFrame, out: BinaryIO, style: Style, *, header: bool
) -> None:
    french = style == "fr"
    frame.write_csv(
        out,
        include_header=header,
        separator=";" if french else ",",
        line_terminator="\n",
        quote_style="necessary",
        date_format="%d/%m/%Y" if french else "%Y-%m-%d",
        float_precision=2,  # amounts, hours_paid and the canonical fte (§7.2)
        decimal_comma=french,
    )


def _xlsx_rows(
    batch: pa.RecordBatch, style: Style, date_cell: Callable[[dt.date], object]
) -> Iterator[list[object]]:
    """Typed cell values (§7.1: numbers and dates typed; fr changes labels only)."""
    yes, no = YES_NO[style]
    values: list[list[Any]] = []
    for name, _, kind in _COLUMNS:
        column: list[Any] = batch.column(
            name
        ).to_pylist()  # None, str, bool, number, date
        if kind == "fixed4":
            column = [None if v is None else round(v, 4) for v in column]
        elif kind == "fte" and style == "fr":
            column = [round(v * 100) for v in column]
        elif kind == "int":
            column = [None if v is None else int(v) for v in column]
        elif kind == "date":
            column = [None if v is None else date_cell(v) for v in column]
        elif style == "fr" and kind == "bool":
            column = [None if v is None else (yes if v else no) for v in column]
        elif style == "fr" and kind in FRENCH_LABELS:
            labels = FRENCH_LABELS[kind]
            column = [None if v is None else labels[v] for v in column]
        values.append(column)
    return (list(row) for row in zip(*values, strict=True))


def write_xlsx(
    path: Path,
    batches: Iterator[pa.RecordBatch],
    style: Style,
    on_batch: Callable[[int], object] | None,
) -> None:
    from openpyxl import Workbook  # noqa: PLC0415 - only XLSX output needs it
    from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415

    workbook = Workbook(write_only=True)
    workbook.properties.created = dt.datetime(2000, 1, 1)  # noqa: DTZ001 - fixed, §7.2
    sheet = workbook.create_sheet("Effectif" if style == "fr" else "workforce")

    def date_cell(value: dt.date) -> object:
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "dd/mm/yyyy"
        return cell

    sheet.append(headers_for(style))
    for batch in batches:
        for row in _xlsx_rows(batch, style, date_cell):
            sheet.append(row)
        if on_batch is not None:
            on_batch(batch.num_rows)
    saved = path.with_name(path.name + ".save")
    try:
        workbook.save(saved)
        _normalise_zip(saved, path)
    finally:
        saved.unlink(missing_ok=True)


_CORE_DATES = re.compile(rb"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")


def _normalise_zip(source: Path, target: Path) -> None:
    """Rewrite the archive with fixed entry dates and document timestamps (§7.2)."""
    with (
        zipfile.ZipFile(source) as original,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as fixed,
    ):
        for info in original.infolist():
            data = original.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _CORE_DATES.sub(
                    rb"\g<1>" + FIXED_TIMESTAMP.encode() + rb"\g<3>", data
                )
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            fixed.writestr(entry, data)
