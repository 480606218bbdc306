"""Supplementary tables (workforce.md §1.3): ``leaves``, ``careers``, ``training``, ``exposures``.

Each comes as its own file, read by the same readers as the main table (CSV, XLSX,
Parquet); :func:`parse_extra` maps and parses its raw sheet. Mapping is deliberately simple:
a header names a column when it is the column's name (trimmed, case-insensitive) or when its
normalised form (§4.1) is one of the synonyms of :data:`SYNONYMS` (French headers, and for
``employee_id`` every synonym of the main table); when two headers name the same column, the
first one wins. Cells are parsed by type with :mod:`mixite.workforce.cells`; a coded cell is
one of the table's codes, compared after normalisation (``Work accident`` is
``work_accident``), or matches the column's pattern (``dsn:<code>`` for exposures).

Rules: a missing required column is fatal (``column.missing_required``, column named
``<table>.<column>``); a bad cell is reported as in the main table and becomes null
(``value.code_unknown``, ``value.number_invalid``…); a row whose required value is null is
rejected with ``value.required_missing``; an ``end_date`` before ``start_date`` is
``value.out_of_range`` (cell null). Supplementary rows are not counted in the report's
``rows``. :func:`report_unknown_employees` raises ``extra.unknown_employee`` once per table.
"""

from __future__ import annotations

import re
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

import polars as pl

from mixite.workforce import cells, schema
from mixite.workforce.normalise import normalise

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from mixite.workforce.options import Options
    from mixite.workforce.readers import RawSheet
    from mixite.workforce.report import ReportBuilder

__all__ = [
    "KINDS",
    "SYNONYMS",
    "extra_header_score",
    "match_headers",
    "parse_extra",
    "report_unknown_employees",
]

KINDS: Final = tuple(schema.EXTRA_TABLES)

_T = schema.ColumnType
_POLARS: Final[Mapping[schema.ColumnType, pl.DataType]] = MappingProxyType(
    {
        _T.STR: pl.String(),
        _T.CODE: pl.String(),
        _T.INT: pl.Int64(),
        _T.FLOAT: pl.Float64(),
        _T.DATE: pl.Date(),
        _T.BOOL: pl.Boolean(),
    }
)

# Header synonyms of the supplementary columns, by column name (shared by the tables).
SYNONYMS: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {
        "employee_id": schema.BY_NAME["employee_id"].synonyms,
        "kind": ("Type", "Nature", "Motif", "Type d'absence", "Type d'évolution"),
        "start_date": ("Date de début", "Début", "Start date"),
        "end_date": ("Date de fin", "Fin", "End date"),
        "detail": ("Détail", "Précision"),
        "return_exam": ("Visite de reprise", "Return exam"),
        "entitled_days": ("Jours théoriques", "Jours de droit", "Entitled days"),
        "date": ("Date", "Date d'effet"),
        "from_value": ("Ancienne valeur", "Avant", "From"),
        "to_value": ("Nouvelle valeur", "Après", "To"),
        "chosen": ("Choisi", "À la demande du salarié", "Chosen"),
        "hours": ("Heures", "Nombre d'heures", "Heures de formation", "Hours"),
        "action_type": ("Type d'action", "Catégorie d'action", "Action type"),
        "factor": ("Facteur", "Facteur de risque", "Facteur d'exposition", "Factor"),
        "job": ("Emploi", "Poste", "Job"),
    }
)


def _header_index(kind: str) -> Mapping[str, str]:
    """Normalised header -> column name for one table."""
    index: dict[str, str] = {}
    for column in schema.EXTRA_TABLES[kind].columns:
        for synonym in (column.name, *SYNONYMS.get(column.name, ())):
            index.setdefault(normalise(synonym), column.name)
    return index


_INDEX: Final = MappingProxyType({kind: _header_index(kind) for kind in KINDS})


def _column_of(kind: str, header: str | None) -> str | None:
    if header is None or not header.strip():
        return None
    folded = header.strip().casefold()
    if folded in schema.EXTRA_TABLES[kind].by_name:
        return folded
    return _INDEX[kind].get(normalise(header))


def match_headers(kind: str, headers: Sequence[str]) -> dict[str, str]:
    """Column name -> source header; the first header naming a column wins."""
    found: dict[str, str] = {}
    for header in headers:
        name = _column_of(kind, header)
        if name is not None:
            found.setdefault(name, header)
    return found


def extra_header_score(kind: str, cells_: Sequence[str | None]) -> int:
    """How many cells of a row name a column of the table (header-row search)."""
    return sum(1 for cell in cells_ if _column_of(kind, cell) is not None)


def _rows_of(frame: pl.DataFrame, mask: pl.Series) -> pl.Series:
    return frame[cells.SOURCE_ROW].filter(mask)


class _Parser:
    """Parses one raw sheet column by column, reporting every bad cell."""

    def __init__(
        self,
        kind: str,
        raw: RawSheet,
        *,
        options: Options,
        report: ReportBuilder,
    ) -> None:
        self.kind, self.raw, self.options, self.report = kind, raw, options, report
        self.file = raw.source.file

    def flag(
        self,
        key: str,
        mask: pl.Series,
        *,
        column: str,
        source: str,
        params: Mapping[str, object] | None = None,
    ) -> None:
        if not mask.any():
            return
        self.report.add_many(
            key,
            file=self.file,
            column=f"{self.kind}.{column}",
            rows=_rows_of(self.raw.frame, mask),
            values=self.raw.frame[source].cast(pl.String, strict=False).filter(mask),
            source_column=source,
            params=params,
        )

    def parse(self, column: schema.ExtraColumn, source: str) -> pl.Series:
        s = self.raw.frame[source]
        name = column.name
        if column.type == _T.DATE:
            if s.dtype.is_numeric():
                dates = cells.excel_serial_to_date(s)
                invalid = s.is_not_null() & dates.is_null()
                self.flag("value.date_invalid", invalid, column=name, source=source)
                return dates
            outcome = cells.parse_dates(s, date_order=self.options.date_order)
            self.flag("value.date_invalid", outcome.invalid, column=name, source=source)
            self.flag(
                "value.out_of_range",
                outcome.out_of_range,
                column=name,
                source=source,
                params={"range": cells.DATE_RANGE},
            )
            return outcome.values
        if column.type in (_T.FLOAT, _T.INT):
            return self._number(column, source)
        if column.type == _T.BOOL:
            flags = cells.parse_booleans(s)
            self.flag("value.bool_invalid", flags.invalid, column=name, source=source)
            return flags.values
        if column.type == _T.CODE:
            return self._code(column, source)
        return cells.parse_text(s)

    def _number(self, column: schema.ExtraColumn, source: str) -> pl.Series:
        decimal = "." if source in self.raw.mixed_columns else self.options.decimal
        outcome = cells.parse_numbers(
            self.raw.frame[source],
            column=column.name,
            allow_percent=False,
            decimal=decimal,
            csv_delimiter=self.raw.source.delimiter,
        )
        self.flag(
            "value.number_invalid", outcome.invalid, column=column.name, source=source
        )
        values = outcome.values
        if column.minimum is not None:
            low = (values < column.minimum).fill_null(value=False)
            self.flag(
                "value.out_of_range",
                low,
                column=column.name,
                source=source,
                params={"range": f"≥ {column.minimum:g}"},
            )
            values = values.zip_with(~low, values.clear(values.len()))
        return values

    def _code(self, column: schema.ExtraColumn, source: str) -> pl.Series:
        text = cells.parse_text(self.raw.frame[source])
        table = {normalise(code): code for code in column.codes}
        pattern = re.compile(column.code_pattern) if column.code_pattern else None
        found: dict[str, str | None] = {}
        for value in text.drop_nulls().unique().to_list():
            code = table.get(normalise(value))
            if code is None and pattern is not None and pattern.fullmatch(value):
                code = value
            found[value] = code
        codes = text.replace_strict(found, default=None, return_dtype=pl.String)
        unknown = text.is_not_null() & codes.is_null()
        self.flag(
            "value.code_unknown",
            unknown,
            column=column.name,
            source=source,
            params={"allowed": ", ".join(column.codes)},
        )
        return codes


def parse_extra(
    kind: str, raw: RawSheet, *, options: Options, report: ReportBuilder
) -> pl.DataFrame | None:
    """The typed rows of one supplementary table, or ``None`` after a fatal message.

    Columns: the table's columns in §1.3 order (absent ones null), ``_source_file`` and
    ``_source_row``; rows whose required value is null are left out.
    """
    table = schema.EXTRA_TABLES[kind]
    file = raw.source.file
    found = match_headers(kind, raw.headers)
    missing = [c.name for c in table.columns if c.required and c.name not in found]
    for name in missing:
        report.add("column.missing_required", file=file, column=f"{kind}.{name}")
    if missing:
        return None
    parser = _Parser(kind, raw, options=options, report=report)
    n = raw.frame.height
    out: dict[str, pl.Series] = {}
    for column in table.columns:
        source = found.get(column.name)
        if source is None:
            out[column.name] = pl.Series(
                column.name, [None] * n, dtype=_POLARS[column.type]
            )
        else:
            parsed = parser.parse(column, source).cast(_POLARS[column.type])
            out[column.name] = parsed.alias(column.name)
    out[cells.SOURCE_FILE] = pl.repeat(file, n, dtype=pl.String, eager=True)
    out[cells.SOURCE_ROW] = raw.frame[cells.SOURCE_ROW].cast(pl.Int64)
    frame = pl.DataFrame(out)
    frame = _check_end_date(frame, kind=kind, file=file, report=report, found=found)
    return _drop_required_missing(frame, table, file=file, report=report)


def _check_end_date(
    frame: pl.DataFrame,
    *,
    kind: str,
    file: str,
    report: ReportBuilder,
    found: Mapping[str, str],
) -> pl.DataFrame:
    """``end_date`` ≥ ``start_date`` (§1.3): otherwise ``value.out_of_range``, cell null."""
    if "end_date" not in found or "start_date" not in found:
        return frame
    early = (frame["end_date"] < frame["start_date"]).fill_null(value=False)
    if not early.any():
        return frame
    bad = frame.filter(early)
    report.add_many(
        "value.out_of_range",
        file=file,
        column=f"{kind}.end_date",
        rows=bad[cells.SOURCE_ROW],
        values=bad["end_date"].cast(pl.String),
        source_column=found["end_date"],
        params_per_row=[
            {"range": f"≥ {start.isoformat()}"} for start in bad["start_date"]
        ],
    )
    return frame.with_columns(
        pl.when(pl.lit(early))
        .then(None)
        .otherwise(pl.col("end_date"))
        .alias("end_date")
    )


def _drop_required_missing(
    frame: pl.DataFrame, table: schema.ExtraTable, *, file: str, report: ReportBuilder
) -> pl.DataFrame:
    """Rows whose required value is null: ``value.required_missing``, row left out."""
    keep = pl.Series([True] * frame.height, dtype=pl.Boolean)
    for column in table.columns:
        if not column.required:
            continue
        empty = frame[column.name].is_null() & keep
        if empty.any():
            report.add_many(
                "value.required_missing",
                file=file,
                column=f"{table.name}.{column.name}",
                rows=frame[cells.SOURCE_ROW].filter(empty),
                values=[None] * int(empty.sum()),
            )
        keep = keep & ~empty
    return frame.filter(keep)


def report_unknown_employees(
    kind: str,
    frame: pl.DataFrame,
    *,
    known: pl.Series,
    report: ReportBuilder,
) -> None:
    """``extra.unknown_employee`` once per table: rows of people not in the main table."""
    unknown = ~frame["employee_id"].is_in(known)
    n_unknown = int(unknown.sum())
    if n_unknown:
        files = frame[cells.SOURCE_FILE].filter(unknown).drop_nulls()
        report.add(
            "extra.unknown_employee",
            file=files[0] if files.len() else None,
            table=kind,
            count=n_unknown,
        )
