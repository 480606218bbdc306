"""``mixite.load``: a workforce file to the canonical table and its report (workforce.md §9.1).

The pipeline: detect the format, read the raw sheet, map the columns, parse the cells,
apply the row rules, derive, and hand the result to Ibis on an in-process DuckDB.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ibis
import polars as pl

from mixite.errors import InputError
from mixite.workforce import cells, schema
from mixite.workforce.derive import add_derived
from mixite.workforce.dsn import read_dsn
from mixite.workforce.mapping import (
    MappingFile,
    MappingInvalid,
    header_score,
    read_mapping,
    resolve,
)
from mixite.workforce.options import Options, period_bounds
from mixite.workforce.readers import (
    detect_format,
    extension_mismatch,
    read_csv_raw,
    read_parquet_raw,
    read_xlsx_raw,
)
from mixite.workforce.report import (
    MappingInfo,
    PeriodInfo,
    ReportBuilder,
    ValidationReport,
)
from mixite.workforce.row_rules import check_rows

if TYPE_CHECKING:
    from collections.abc import Mapping

    from mixite.workforce.mapping import ColumnMapping
    from mixite.workforce.readers import RawSheet

PathLike = str | os.PathLike[str]
BOOKKEEPING = ("_source_file", "_source_row")
DERIVED_NAMES = tuple(column.name for column in schema.DERIVED)


@dataclass(frozen=True)
class Workforce:
    """The canonical table of one load, with its report (§9.1)."""

    table: ibis.Table
    report: ValidationReport
    periods: tuple[int, ...]
    options: Options
    extras: Mapping[str, ibis.Table] = field(default_factory=dict)

    def for_period(self, period: int) -> Workforce:
        return Workforce(
            table=self.table.filter(self.table.period == period),
            report=self.report,
            periods=(period,) if period in self.periods else (),
            options=self.options,
            extras=self.extras,
        )

    def to_polars(self) -> pl.DataFrame:
        return pl.from_arrow(self.table.to_pyarrow())  # type: ignore[return-value]

    def to_parquet(self, path: PathLike) -> None:
        """Canonical and derived columns, typed; no bookkeeping columns."""
        frame = self.to_polars().drop(BOOKKEEPING, strict=False)
        frame.write_parquet(Path(path))


@dataclass
class _Run:
    """The state of one load while it goes through the pipeline."""

    file: str
    report: ReportBuilder
    options: Options
    mapping_file: MappingFile | None = None
    column_mapping: ColumnMapping | None = None


def _options(
    mapping: PathLike | Mapping[str, object] | None,
    report: ReportBuilder,
    overrides: dict[str, object],
) -> tuple[MappingFile | None, Options] | None:
    if mapping is None:
        return None, Options().with_overrides(**overrides)
    try:
        mapping_file = read_mapping(mapping)
    except MappingInvalid as error:
        report.add("mapping.invalid", detail=str(error))
        return None
    return mapping_file, mapping_file.options.with_overrides(**overrides)


def _read_raw(path: Path, run: _Run) -> RawSheet | None:
    sink = run.report
    if not path.exists():
        run.report.add("file.not_found", file=run.file)
        return None
    fmt = detect_format(path)
    if extension_mismatch(path.name, fmt):
        run.report.add(
            "file.extension_mismatch", file=run.file, format=fmt, extension=path.suffix
        )

    def score(cells_: Any) -> int:
        return header_score(cells_, mapping_file=run.mapping_file)

    options = run.options
    if fmt == "csv":
        return read_csv_raw(
            path,
            file=run.file,
            report=sink,
            delimiter=options.delimiter,
            encoding=options.encoding,
            header_row=options.header_row,
            header_score=score,
        )
    if fmt == "xlsx":
        return read_xlsx_raw(
            path,
            file=run.file,
            report=sink,
            sheet=options.sheet,
            header_row=options.header_row,
            header_score=score,
        )
    if fmt == "parquet":
        return read_parquet_raw(path, file=run.file, report=sink)
    if fmt == "unreadable":
        run.report.add("file.unreadable", file=run.file, detail="encrypted or damaged")
    else:
        run.report.add("file.format_unsupported", file=run.file, format=fmt)
    return None


DSN_FORMATS = frozenset({"dsn", "dsn_zip", "dsn_dir"})


def _read_dsn(path: Path, run: _Run) -> pl.DataFrame | None:
    """Monthly DSN files: the reader builds canonical rows itself (§6)."""
    key = os.environ.get(
        "MIXITE_PSEUDONYM_KEY"
    )  # §6.3; read at the edge, once per load
    result = read_dsn(
        path,
        options=run.options,
        report=run.report,
        pseudonym_key=key.encode() if key else None,
    )
    return result.frame


def _map(raw: RawSheet, run: _Run) -> ColumnMapping | None:
    outcome = resolve(raw.headers, mapping_file=run.mapping_file)
    for problem in outcome.problems:
        params: Any = (
            problem.params
        )  # str values; the builder's keyword types are wider
        run.report.add(problem.key, file=run.file, **params)
    mapping = outcome.mapping
    if mapping is None:
        return None
    run.report.set_mapping(
        MappingInfo(
            columns={
                name: (mapping.source(name) or "", mapping.origins[name])
                for name in mapping.columns
            },
            ignored_columns=tuple(mapping.ignored),
            missing_optional=tuple(mapping.missing_optional),
            options={k: _json(v) for k, v in run.options.non_default().items()},
        )
    )
    return mapping


def _json(value: object) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _apply_period(frame: pl.DataFrame, run: _Run) -> pl.DataFrame | None:
    """Keep or assign the period (§1.5); ``None`` after ``period.not_in_file``."""
    wanted = run.options.period
    start_end = (
        period_bounds(wanted, run.options.period_end) if wanted else (None, None)
    )
    if "period" in frame.columns:
        values = sorted(frame["period"].drop_nulls().unique().to_list())
        if wanted is not None:
            if wanted not in values:
                run.report.add(
                    "period.not_in_file",
                    file=run.file,
                    period=wanted,
                    periods=", ".join(str(v) for v in values),
                )
                return None
            frame = frame.filter(pl.col("period").fill_null(wanted) == wanted)
            frame = frame.with_columns(pl.col("period").fill_null(wanted))
            values = [wanted]
        bounds = (
            period_bounds(values[0], run.options.period_end)
            if len(values) == 1
            else None
        )
        run.report.set_period(
            PeriodInfo(
                values=values,
                origin="column",
                start=bounds[0] if bounds else None,
                end=bounds[1] if bounds else None,
            )
        )
        return frame
    if wanted is not None:
        run.report.set_period(
            PeriodInfo(
                values=[wanted], origin="argument", start=start_end[0], end=start_end[1]
            )
        )
        return frame.with_columns(pl.lit(wanted, pl.Int64).alias("period"))
    run.report.add("period.missing", file=run.file)
    run.report.set_period(PeriodInfo())
    return frame.with_columns(pl.lit(None, pl.Int64).alias("period"))


def _pipeline(
    path: PathLike,
    *,
    mapping: PathLike | Mapping[str, object] | None,
    sheet: str | int | None,
    period: int | None,
    report: ReportBuilder,
    period_end: str | None = None,
) -> tuple[pl.DataFrame | None, _Run]:
    file = Path(path).name
    resolved = _options(
        mapping, report, {"sheet": sheet, "period": period, "period_end": period_end}
    )
    run = _Run(file=file, report=report, options=Options())
    if resolved is None:
        return None, run
    mapping_file, options = resolved
    run.options, run.mapping_file = options, mapping_file
    source = Path(path)
    if source.exists() and detect_format(source) in DSN_FORMATS:
        dsn_frame = _read_dsn(source, run)
        if dsn_frame is None or report.has_fatal:
            return None, run
        given = [c for c in dsn_frame.columns if c in schema.BY_NAME]
        present = frozenset(
            c for c in given if dsn_frame[c].null_count() < dsn_frame.height
        )
        frame = dsn_frame.select(*given, *BOOKKEEPING).with_columns(
            pl.lit(None, pl.String).alias(cells.REJECTED_KEY)
        )
    else:
        parsed = _parse_tabular(source, run)
        if parsed is None:
            return None, run
        frame, present = parsed
    periodic = _apply_period(frame, run)
    if periodic is None:
        return None, run
    n_read = periodic.height + sum(
        report.rejected_by_key.get(key, 0)
        for key in ("row.too_many_fields", "row.malformed")
    )
    accepted = check_rows(
        periodic,
        present=present,
        options=options,
        report=report,
        file=file,
        period_argument=options.period is not None,
    )
    report.set_rows(read=n_read, accepted=accepted.height)
    if accepted.height == 0:
        report.add("rows.none_accepted", file=file)
        return None, run
    derived = add_derived(
        accepted,
        present=present | ({"period"} if "period" in accepted.columns else set()),
        options=options,
        report=report,
        file=file,
    )
    return _canonical_order(derived), run


def _parse_tabular(
    source: Path, run: _Run
) -> tuple[pl.DataFrame, frozenset[str]] | None:
    raw = _read_raw(source, run)
    if raw is None or run.report.has_fatal:
        return None
    column_mapping = _map(raw, run)
    run.column_mapping = column_mapping
    if column_mapping is None or run.report.has_fatal:
        return None
    frame = cells.parse_frame(
        raw.frame,
        mapping=column_mapping,
        options=run.options,
        file=run.file,
        report=run.report,
        csv_delimiter=raw.source.delimiter,
        percent_columns=raw.percent_columns,
        date_columns=raw.date_columns,
        mixed_columns=raw.mixed_columns,
    )
    return frame, frozenset(column_mapping.columns)


def _canonical_order(frame: pl.DataFrame) -> pl.DataFrame:
    names = [c.name for c in schema.COLUMNS if c.name in frame.columns]
    derived = [
        name for name in DERIVED_NAMES if name in frame.columns and name not in names
    ]
    return frame.select(*names, *derived, *BOOKKEEPING)


@dataclass(frozen=True)
class Outcome:
    """Everything one load produced, for callers that also save the mapping (the CLI)."""

    workforce: Workforce | None
    report: ValidationReport
    mapping: ColumnMapping | None
    options: Options


def run(
    path: PathLike,
    *,
    mapping: PathLike | Mapping[str, object] | None = None,
    sheet: str | int | None = None,
    period: int | None = None,
    period_end: str | None = None,
) -> Outcome:
    """The whole pipeline; never raises on bad input (fatal problems are in the report)."""
    report = ReportBuilder(column_order=[c.name for c in schema.COLUMNS])
    frame, state = _pipeline(
        path,
        mapping=mapping,
        sheet=sheet,
        period=period,
        period_end=period_end,
        report=report,
    )
    built = report.build()
    workforce = None
    if frame is not None and not built.counts["fatal"]:
        connection = ibis.duckdb.connect()
        table = connection.create_table("workforce", frame.to_arrow())
        periods = tuple(
            sorted(v for v in frame["period"].unique().to_list() if v is not None)
        )
        workforce = Workforce(
            table=table, report=built, periods=periods, options=state.options
        )
    return Outcome(workforce, built, state.column_mapping, state.options)


def validate(
    path: PathLike,
    *,
    mapping: PathLike | Mapping[str, object] | None = None,
    sheet: str | int | None = None,
    period: int | None = None,
) -> ValidationReport:
    """The report of a load; never raises on bad input (§9.1)."""
    return run(path, mapping=mapping, sheet=sheet, period=period).report


def load(
    path: PathLike,
    *,
    mapping: PathLike | Mapping[str, object] | None = None,
    sheet: str | int | None = None,
    period: int | None = None,
) -> Workforce:
    """The canonical table of a workforce file; raises :class:`InputError` on fatal input."""
    outcome = run(path, mapping=mapping, sheet=sheet, period=period)
    if outcome.workforce is None:
        fatal = next(
            (m for m in outcome.report.messages if m.severity == "fatal"), None
        )
        raise InputError(
            fatal.text("en") if fatal else "input refused", report=outcome.report
        )
    return outcome.workforce
