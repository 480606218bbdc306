"""``mixite.load``: workforce files to the canonical table and its report (workforce.md §9.1).

The pipeline: detect the format, read the raw sheet, map the columns, parse the cells,
apply the row rules, derive, and hand the result to Ibis on an in-process DuckDB. Several
inputs (§3.7) and the supplementary tables (§1.3) go through the same steps; ``combine``
and ``extras`` hold what is particular to them.
"""

from __future__ import annotations

import dataclasses
import difflib
import io
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeAlias, cast

import ibis
import polars as pl
import pyarrow.parquet as pq

from mixite.errors import InputError
from mixite.workforce import cells, schema
from mixite.workforce.combine import (
    FileRowReport,
    concat_encoded,
    decode_rows,
    merge_complements,
    merged_mapping,
)
from mixite.workforce.derive import add_derived
from mixite.workforce.dsn import read_dsn
from mixite.workforce.extras import (
    KINDS,
    extra_header_score,
    parse_extra,
    report_unknown_employees,
)
from mixite.workforce.inputs import (
    DSN_FORMATS,
    Input,
    PathLike,
    Source,
    open_input,
    read_sheet,
)
from mixite.workforce.mapping import (
    MappingFile,
    MappingInvalid,
    header_score,
    read_mapping,
    resolve,
)
from mixite.workforce.normalise import normalise
from mixite.workforce.options import Options, period_bounds
from mixite.workforce.report import (
    MappingInfo,
    PeriodInfo,
    ReportBuilder,
    ValidationReport,
)
from mixite.workforce.row_rules import check_rows

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Mapping, Sequence

    import pandas as pd  # type: ignore[import-untyped]  # pandas ships no types

    from mixite.workforce.mapping import ColumnMapping, Problem
    from mixite.workforce.readers import Format, RawSheet

# pandas DataFrames are accepted too (converted through Polars), untyped here.
Inputs: TypeAlias = "Source | Sequence[PathLike] | ibis.Table | pl.DataFrame"
BOOKKEEPING = ("_source_file", "_source_row")
DERIVED_NAMES = tuple(column.name for column in schema.DERIVED)
PARQUET_KEY: Final = b"mixite"
PARQUET_SCHEMA: Final = "mixite.workforce/1"
N_SUGGESTIONS: Final = 3


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

    def to_pandas(self) -> pd.DataFrame:
        return self.table.to_pyarrow().to_pandas()

    def to_parquet(self, path: PathLike) -> None:
        """Canonical and derived columns, typed; no bookkeeping columns.

        The file's key-value metadata ``mixite`` holds JSON: ``schema``
        (``mixite.workforce/1``), every ``options`` value, the ``mapping`` (canonical
        column → source header and origin) and the inputs' ``source_sha256``.
        """
        table = self.to_polars().drop(BOOKKEEPING, strict=False).to_arrow()
        metadata = dict(table.schema.metadata or {})
        metadata[PARQUET_KEY] = json.dumps(
            self.provenance(), ensure_ascii=False
        ).encode()
        pq.write_table(table.replace_schema_metadata(metadata), Path(path))

    def provenance(self) -> dict[str, Any]:
        """What the Parquet metadata key ``mixite`` holds (as Python data)."""
        return {
            "schema": PARQUET_SCHEMA,
            "options": {
                name: list(value) if isinstance(value, tuple) else value
                for name, value in dataclasses.asdict(self.options).items()
            },
            "mapping": {
                name: {"source": source, "origin": origin}
                for name, (source, origin) in self.report.mapping.columns.items()
            },
            "source_sha256": [s.sha256 for s in self.report.sources if s.sha256],
        }


@dataclass
class _Run:
    """The state of one load while it goes through the pipeline."""

    file: str
    report: FileRowReport
    options: Options
    mapping_file: MappingFile | None = None
    column_mapping: ColumnMapping | None = None
    mapping_infos: list[MappingInfo] = field(default_factory=list)
    extras: dict[str, pl.DataFrame] = field(default_factory=dict)
    on_step: Callable[[str], object] | None = None
    columns: frozenset[str] | None = None  # only these canonical columns are parsed

    def step(self, name: str) -> None:
        """Tell the caller (a progress bar) which of :data:`STEPS` starts."""
        if self.on_step is not None:
            self.on_step(name)


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


def _suggestions(column: str, headers: Sequence[str]) -> str:
    """The file's headers closest to a required column's name and synonyms (§5.3)."""
    taken = {
        normalise(name)
        for other in schema.COLUMNS
        if other.name != column
        for name in (other.name, *other.synonyms)
    }
    candidates: dict[str, str] = {}
    for header in headers:
        key = normalise(header)
        if key and key not in taken:
            candidates.setdefault(key, header)
    scores: dict[str, float] = {}
    for target in (column, *schema.BY_NAME[column].synonyms):
        wanted = normalise(target)
        for key in difflib.get_close_matches(wanted, list(candidates), n=N_SUGGESTIONS):
            ratio = difflib.SequenceMatcher(None, wanted, key).ratio()
            scores[key] = max(scores.get(key, 0.0), ratio)
    order = list(candidates)
    best = sorted(scores, key=lambda key: (-scores[key], order.index(key)))
    return ", ".join(candidates[key] for key in best[:N_SUGGESTIONS])


def _report_problems(
    problems: Sequence[Problem], headers: Sequence[str], *, file: str, run: _Run
) -> None:
    for problem in problems:
        params: dict[str, Any] = dict(problem.params)  # the builder's types are wider
        if problem.key == "column.missing_required":
            suggestions = _suggestions(params["column"], headers)
            if suggestions:
                params["suggestions"] = suggestions
        run.report.add(problem.key, file=file, **params)


def _map(raw: RawSheet, run: _Run, *, complement: bool = False) -> ColumnMapping | None:
    """The column mapping of a sheet; a complements file needs no ``sex`` column."""
    headers = raw.headers
    outcome = resolve(headers, mapping_file=run.mapping_file)
    sex_missing = any(
        p.key == "column.missing_required" and p.params.get("column") == "sex"
        for p in outcome.problems
    )
    if complement and sex_missing:
        outcome = resolve((*headers, "sex"), mapping_file=run.mapping_file)
    _report_problems(outcome.problems, headers, file=raw.source.file, run=run)
    mapping = outcome.mapping
    if mapping is None:
        return None
    if complement and sex_missing:
        mapping = dataclasses.replace(
            mapping,
            columns={k: v for k, v in mapping.columns.items() if k != "sex"},
            origins={k: v for k, v in mapping.origins.items() if k != "sex"},
        )
    info = MappingInfo(
        columns={
            name: (mapping.source(name) or "", mapping.origins[name])
            for name in mapping.columns
        },
        ignored_columns=tuple(mapping.ignored),
        missing_optional=tuple(mapping.missing_optional),
        options={k: _json(v) for k, v in run.options.non_default().items()},
    )
    run.mapping_infos.append(info)
    run.report.set_mapping(merged_mapping(run.mapping_infos))
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


Rows = tuple[pl.DataFrame, frozenset[str]]


def _dsn_rows(
    dsn: Sequence[Input], complements: Sequence[Input], run: _Run
) -> Rows | None:
    """Monthly DSN files, read together (§6), completed by tabular complements (§3.7)."""
    key = os.environ.get(
        "MIXITE_PSEUDONYM_KEY"
    )  # §6.3; read at the edge, once per load
    result = read_dsn(
        [given.stream() for given in dsn],
        options=run.options,
        report=run.report,
        pseudonym_key=key.encode() if key else None,
    )
    for kind, table in result.extras.items():
        run.extras[kind] = table
    frame = result.frame
    if frame is None or run.report.has_fatal:
        return None
    if complements:
        parsed = [_parse_tabular(given, run, complement=True) for given in complements]
        if any(part is None for part in parsed) or run.report.has_fatal:
            return None
        tables = [part for part in parsed if part is not None]
        columns = [
            c.name for c in schema.COLUMNS if any(c.name in p for _, p in tables)
        ]
        frame = merge_complements(
            frame,
            pl.concat([table for table, _ in tables], how="diagonal_relaxed"),
            columns=columns,
            report=run.report,
        )
    given_columns = [c for c in frame.columns if c in schema.BY_NAME]
    present = frozenset(
        c for c in given_columns if frame[c].null_count() < frame.height
    )
    frame = frame.select(*given_columns, *BOOKKEEPING).with_columns(
        pl.lit(None, pl.String).alias(cells.REJECTED_KEY)
    )
    return frame, present


def _tabular_rows(inputs: Sequence[Input], run: _Run) -> Rows | None:
    """One tabular file, or several concatenated (rows encoded, see ``combine``)."""
    parsed = [_parse_tabular(given, run) for given in inputs]
    if any(part is None for part in parsed) or run.report.has_fatal:
        return None
    tables = [part for part in parsed if part is not None]
    if len(tables) == 1:
        return tables[0]
    present = frozenset().union(*(p for _, p in tables))
    return concat_encoded([table for table, _ in tables]), present


def _parse_tabular(given: Input, run: _Run, *, complement: bool = False) -> Rows | None:
    def score(cells_: Sequence[str | None]) -> int:
        return header_score(cells_, mapping_file=run.mapping_file)

    raw = read_sheet(given, report=run.report, options=run.options, score=score)
    if raw is None or run.report.has_fatal:
        return None
    column_mapping = _map(raw, run, complement=complement)
    if run.column_mapping is None:
        run.column_mapping = column_mapping
    if column_mapping is None or run.report.has_fatal:
        return None
    if run.columns is not None:  # the report keeps the file's whole mapping
        column_mapping = dataclasses.replace(
            column_mapping,
            columns={
                k: v for k, v in column_mapping.columns.items() if k in run.columns
            },
        )
    run.step("parse")
    frame = cells.parse_frame(
        raw.frame,
        mapping=column_mapping,
        options=run.options,
        file=given.file,
        report=run.report,
        csv_delimiter=raw.source.delimiter,
        percent_columns=raw.percent_columns,
        date_columns=raw.date_columns,
        mixed_columns=raw.mixed_columns,
    )
    return frame, frozenset(column_mapping.columns)


def _validated(
    rows: Rows, run: _Run, *, n_files: int, names: tuple[str, ...]
) -> pl.DataFrame | None:
    """Period, row rules and derivations on the canonical rows."""
    frame, present = rows
    report, options = run.report, run.options
    run.step("check")
    periodic = _apply_period(frame, run)
    if periodic is None:
        return None
    n_read = periodic.height + sum(
        report.rejected_by_key.get(key, 0)
        for key in ("row.too_many_fields", "row.malformed")
    )
    report.files = names if n_files > 1 else ()
    try:
        accepted = check_rows(
            periodic,
            present=present,
            options=options,
            report=report,
            file=run.file,
            period_argument=options.period is not None,
        )
        report.set_rows(read=n_read, accepted=accepted.height)
        if accepted.height == 0:
            report.files = ()
            report.add("rows.none_accepted", file=run.file)
            return None
        run.step("derive")
        derived = add_derived(
            accepted,
            present=present | ({"period"} if "period" in accepted.columns else set()),
            options=options,
            report=report,
            file=run.file,
        )
    finally:
        report.files = ()
    if n_files > 1:
        derived = decode_rows(derived)
    return _canonical_order(derived)


STEPS = ("read", "parse", "check", "derive", "done")  # what on_step reports, in order


def _canonical_order(frame: pl.DataFrame) -> pl.DataFrame:
    names = [c.name for c in schema.COLUMNS if c.name in frame.columns]
    derived = [
        name for name in DERIVED_NAMES if name in frame.columns and name not in names
    ]
    return frame.select(*names, *derived, *BOOKKEEPING)


def _extras(extras: Mapping[str, Source], run: _Run, main: pl.DataFrame | None) -> None:
    """Read each supplementary table (§1.3) into ``run.extras``."""
    for kind, source in extras.items():
        given = open_input(source, file=None, fmt=None, report=run.report)
        if given is None:
            continue

        def score(cells_: Sequence[str | None], kind: str = kind) -> int:
            return extra_header_score(kind, cells_)

        if given.fmt in DSN_FORMATS:  # the DSN gives its own tables
            run.report.add("file.format_unsupported", file=given.file, format=given.fmt)
            continue
        raw = read_sheet(
            given, report=run.report, options=run.options, score=score, main=False
        )
        if raw is None:
            continue
        frame = parse_extra(kind, raw, options=run.options, report=run.report)
        if frame is None:
            continue
        if main is not None:
            report_unknown_employees(
                kind, frame, known=main["employee_id"], report=run.report
            )
        if kind in run.extras:  # the DSN's own rows, then the file's
            frame = pl.concat([run.extras[kind], frame], how="diagonal_relaxed")
        run.extras[kind] = frame


def _pipeline(
    inputs: Sequence[Input], run: _Run, extras: Mapping[str, Source]
) -> pl.DataFrame | None:
    dsn = [given for given in inputs if given.fmt in DSN_FORMATS]
    tabular = [given for given in inputs if given.fmt not in DSN_FORMATS]
    rows = _dsn_rows(dsn, tabular, run) if dsn else _tabular_rows(tabular, run)
    frame = None
    if rows is not None and not run.report.has_fatal:
        names = tuple(given.file for given in tabular)
        frame = _validated(rows, run, n_files=0 if dsn else len(tabular), names=names)
    _extras(extras, run, frame)
    return frame


@dataclass(frozen=True)
class Outcome:
    """Everything one load produced, for callers that also save the mapping (the CLI)."""

    workforce: Workforce | None
    report: ValidationReport
    mapping: ColumnMapping | None
    options: Options


def as_parquet(data: object) -> io.BytesIO | None:
    """A Polars or pandas DataFrame, or an Ibis table, as an in-memory Parquet file.

    In-memory tables are validated like Parquet files (§3.6): same types, same row numbers
    (index + 2). ``None`` when ``data`` is none of these.
    """
    if isinstance(data, ibis.Table):
        frame = pl.from_arrow(data.to_pyarrow())
    elif isinstance(data, pl.DataFrame):
        frame = data
    elif (
        type(data).__module__.split(".")[0] == "pandas"
        and type(data).__name__ == "DataFrame"
    ):
        frame = pl.from_pandas(data)
    else:
        return None
    buffer = io.BytesIO()
    cast("pl.DataFrame", frame).write_parquet(buffer)
    buffer.seek(0)
    return buffer


def _source_list(path: Inputs) -> list[Source]:
    if isinstance(path, list | tuple):
        return list(path)
    return [cast("Source", path)]  # a str is a Sequence too: one input


def run(
    path: Inputs,
    *,
    mapping: PathLike | Mapping[str, object] | None = None,
    sheet: str | int | None = None,
    period: int | None = None,
    period_end: str | None = None,
    extras: Mapping[str, Source] | None = None,
    file: str | None = None,
    fmt: Format | None = None,
    on_step: Callable[[str], object] | None = None,
    build_table: bool = True,
    columns: Collection[str] | None = None,
) -> Outcome:
    """The whole pipeline; never raises on bad input (fatal problems are in the report).

    ``path``: one input or a list (§3.7); ``extras``: table name → file (§1.3);
    ``file``: the display name of a single input; ``fmt``: its format, not detected;
    ``on_step``: called with each of :data:`STEPS` as it starts (for a progress bar);
    ``build_table``: False when only the report is wanted (no DuckDB table is built);
    ``columns``: the canonical or derived columns wanted (with what their derivations
    read, :func:`schema.columns_to_load`): the other columns of a tabular file are
    neither parsed nor checked, which makes a load for a few indicators faster.
    """
    in_memory = as_parquet(path)
    if in_memory is not None:
        path, fmt, file = in_memory, "parquet", file or "DataFrame"
    extras = dict(extras or {})
    unknown = sorted(set(extras) - set(KINDS))
    if unknown:
        raise ValueError(f"unknown supplementary tables: {', '.join(unknown)}")
    report = FileRowReport(column_order=[c.name for c in schema.COLUMNS])
    sources = _source_list(path)
    if not sources:
        raise ValueError("no input file")
    first = file or (
        Path(os.fspath(sources[0])).name
        if sources and isinstance(sources[0], str | os.PathLike)
        else "data"
    )
    state = _Run(
        file=first,
        report=report,
        options=Options(),
        on_step=on_step,
        columns=None if columns is None else schema.columns_to_load(columns),
    )
    state.step("read")
    resolved = _options(
        mapping, report, {"sheet": sheet, "period": period, "period_end": period_end}
    )
    frame = None
    if resolved is not None:
        state.mapping_file, state.options = resolved
        inputs = [
            open_input(source, file=file, fmt=fmt, report=report) for source in sources
        ]
        if not report.has_fatal:
            found = [given for given in inputs if given is not None]
            state.file = found[0].file
            frame = _pipeline(found, state, extras)
    built = report.build()
    workforce = None
    if build_table and frame is not None and not built.counts["fatal"]:
        workforce = _workforce(frame, state, built)
    state.step("done")
    return Outcome(workforce, built, state.column_mapping, state.options)


def _workforce(frame: pl.DataFrame, state: _Run, report: ValidationReport) -> Workforce:
    connection = ibis.duckdb.connect()
    table = connection.create_table("workforce", frame.to_arrow())
    extras = {
        kind: connection.create_table(f"extra_{kind}", rows.to_arrow())
        for kind, rows in state.extras.items()
    }
    periods = tuple(
        sorted(v for v in frame["period"].unique().to_list() if v is not None)
    )
    return Workforce(
        table=table,
        report=report,
        periods=periods,
        options=state.options,
        extras=extras,
    )


def validate(
    path: Inputs,
    *,
    mapping: PathLike | Mapping[str, object] | None = None,
    sheet: str | int | None = None,
    period: int | None = None,
    extras: Mapping[str, Source] | None = None,
    columns: Collection[str] | None = None,
) -> ValidationReport:
    """The report of a load; never raises on bad input (§9.1)."""
    outcome = run(
        path,
        mapping=mapping,
        sheet=sheet,
        period=period,
        extras=extras,
        build_table=False,
        columns=columns,
    )
    return outcome.report


def load(
    path: Inputs,
    *,
    mapping: PathLike | Mapping[str, object] | None = None,
    sheet: str | int | None = None,
    period: int | None = None,
    extras: Mapping[str, Source] | None = None,
    columns: Collection[str] | None = None,
) -> Workforce:
    """The canonical table of workforce files; raises :class:`InputError` on fatal input.

    ``columns`` loads only some columns (see :func:`run`).
    """
    outcome = run(
        path,
        mapping=mapping,
        sheet=sheet,
        period=period,
        extras=extras,
        columns=columns,
    )
    if outcome.workforce is None:
        fatal = next(
            (m for m in outcome.report.messages if m.severity == "fatal"), None
        )
        raise InputError(
            fatal.text("en") if fatal else "input refused", report=outcome.report
        )
    return outcome.workforce


__all__ = ["Outcome", "Workforce", "load", "run", "validate"]
