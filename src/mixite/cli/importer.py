"""``mixite import``: check workforce files, or turn them into the canonical table (§9.2).

Several FILEs are read together (§3.7); ``--extra KIND=FILE`` adds a supplementary table
(§1.3), KIND one of leaves, careers, training, exposures.
"""

from __future__ import annotations

import contextlib
import re
import sys
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from mixite.workforce.mapping import write_mapping
from mixite.workforce.options import check_period_end
from mixite.workforce.schema import EXTRA_TABLES

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

EXIT_OK, EXIT_BAD_INPUT = 0, 2


def _period_end(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        check_period_end(value)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from error
    return value


def _extras(values: list[str] | None) -> dict[str, Path]:
    """``--extra KIND=FILE``, repeatable; one file per table."""
    extras: dict[str, Path] = {}
    for value in values or []:
        kind, sep, file = value.partition("=")
        kind = kind.strip()
        if not sep or not file.strip():
            msg = f"{value!r}: write KIND=FILE, e.g. leaves=absences.xlsx"
            raise typer.BadParameter(msg, param_hint="--extra")
        if kind not in EXTRA_TABLES:
            msg = f"unknown table {kind!r}: use {', '.join(EXTRA_TABLES)}"
            raise typer.BadParameter(msg, param_hint="--extra")
        if kind in extras:
            msg = f"table {kind!r} given twice"
            raise typer.BadParameter(msg, param_hint="--extra")
        extras[kind] = Path(file.strip())
    return extras


# §9.2: "a progress bar shows reading and validation for inputs over 100,000 rows".
LARGE_INPUT_ROWS = 100_000
SAMPLE_BYTES = 1 << 16  # the start of a file (or XLSX sheet) whose lines are counted
ZIP_MAGIC, PARQUET_MAGIC = b"PK\x03\x04", b"PAR1"
ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>]")  # <row r="2">, <x:row>; not <rowBreaks>
STEP_LABELS = {
    "fr": {
        "read": "Lecture du fichier",
        "parse": "Lecture des cellules",
        "check": "Contrôle des lignes",
        "derive": "Calcul des colonnes dérivées",
        "done": "Terminé",
    },
    "en": {
        "read": "Reading the file",
        "parse": "Parsing the cells",
        "check": "Checking the rows",
        "derive": "Deriving columns",
        "done": "Done",
    },
}


def estimated_rows(path: Path) -> int:
    """Rows of an input, estimated from its first bytes or metadata, never read whole.

    Parquet: the footer's row count. XLSX: ``<row>`` elements in the first
    :data:`SAMPLE_BYTES` of the largest sheet's XML, scaled to its size (streaming
    writers, openpyxl's write-only mode included, leave ``<dimension>`` out). CSV and
    DSN: lines in the first bytes, scaled to the file's size (a DSN's rows are its
    lines). A folder: its files. An unreadable input counts 0: the loader reports it.
    """
    try:
        if path.is_dir():
            return sum(estimated_rows(p) for p in path.iterdir() if p.is_file())
        with path.open("rb") as handle:
            head = handle.read(SAMPLE_BYTES)
        if head.startswith(PARQUET_MAGIC):
            import pyarrow.parquet as pq  # noqa: PLC0415 - Parquet inputs only

            return int(pq.read_metadata(path).num_rows)
        if head.startswith(ZIP_MAGIC):
            return _zip_rows(path)
        n_lines = head.count(b"\n") or head.count(b"\r")
        return _scaled(n_lines, len(head), path.stat().st_size)
    # pyarrow raises ValueErrors and OSErrors; zipfile a RuntimeError on an encrypted
    # entry, NotImplementedError (a RuntimeError) on an unknown compression method
    except (OSError, ValueError, RuntimeError, zipfile.BadZipFile):
        return 0


def _scaled(n_sampled: int, sample_bytes: int, total_bytes: int) -> int:
    """``n_sampled`` items in the first ``sample_bytes`` of ``total_bytes``, scaled up."""
    if sample_bytes >= total_bytes:
        return n_sampled
    return n_sampled * total_bytes // max(1, sample_bytes)


def _zip_rows(path: Path) -> int:
    """XLSX: the largest sheet's rows; a ZIP of DSN files: the lines of its files."""
    with zipfile.ZipFile(path) as archive:
        entries = [info for info in archive.infolist() if not info.is_dir()]
        sheets = [i for i in entries if i.filename.startswith("xl/worksheets/")]
        counted = []
        for info in sheets or entries:
            with archive.open(info) as member:
                head = member.read(SAMPLE_BYTES)
            n_sampled = len(ROW_TAG.findall(head)) if sheets else head.count(b"\n")
            counted.append(_scaled(n_sampled, len(head), info.file_size))
    return max(counted, default=0) if sheets else sum(counted)


def _large(files: Sequence[Path]) -> bool:
    return sum(estimated_rows(path) for path in files) > LARGE_INPUT_ROWS


@contextlib.contextmanager
def _progress(
    console: Console, language: Literal["fr", "en"], *, large: bool
) -> Iterator[Callable[[str], object] | None]:
    """A bar over the pipeline's steps for large inputs; nothing for small ones."""
    if not large:
        yield None
        return
    from mixite.workforce.load import STEPS  # noqa: PLC0415 - loaded by the command

    labels = STEP_LABELS[language]
    columns = (TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task(labels["read"], total=len(STEPS) - 1)

        def on_step(name: str) -> None:
            progress.update(task, description=labels[name], completed=STEPS.index(name))

        yield on_step


def _sheet(value: str | None) -> str | int | None:
    """A sheet is named, or numbered from 1."""
    return int(value) if value is not None and value.isdigit() else value


def import_command(  # noqa: PLR0917 - one parameter per option of §9.2
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Workforce files: CSV, XLSX, Parquet, or DSN files (plus complements)."
        ),
    ],
    check: Annotated[
        bool, typer.Option("--check", help="Validate only: print the report.")
    ] = False,
    mapping: Annotated[
        Path | None, typer.Option(help="Mapping file (TOML or JSON) to use.")
    ] = None,
    write_mapping_to: Annotated[
        Path | None,
        typer.Option("--write-mapping", help="Save the mapping used, to reuse it."),
    ] = None,
    sheet: Annotated[
        str | None, typer.Option(help="XLSX sheet: name or number.")
    ] = None,
    period: Annotated[
        int | None, typer.Option(min=1990, max=2100, help="Keep or assign this year.")
    ] = None,
    period_end: Annotated[
        str | None,
        typer.Option(
            "--period-end", callback=_period_end, help="Last day of the period, MM-DD."
        ),
    ] = None,
    extra: Annotated[
        list[str] | None,
        typer.Option(
            "--extra",
            metavar="KIND=FILE",
            help="Supplementary table: leaves, careers, training or exposures.",
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(help="Canonical Parquet file (default: beside the first FILE)."),
    ] = None,
    report_to: Annotated[
        Path | None, typer.Option("--report", help="Also write the report as JSON.")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the report as JSON.")
    ] = False,
    lang: Annotated[str, typer.Option(help="Language of the report: fr or en.")] = "fr",
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 2 on errors too, not only fatal.")
    ] = False,
) -> None:
    """Check workforce files, or write their canonical table (exit 0, or 2 on bad input)."""
    from mixite.workforce.load import run  # noqa: PLC0415 - Ibis and DuckDB: only here

    if lang not in {"fr", "en"}:
        raise typer.BadParameter("fr or en", param_hint="--lang")
    extras = _extras(extra)
    language: Literal["fr", "en"] = "fr" if lang == "fr" else "en"
    err = Console(stderr=True)
    with _progress(err, language, large=_large(files)) as on_step:
        outcome = run(
            files[0] if len(files) == 1 else files,
            mapping=mapping,
            sheet=_sheet(sheet),
            period=period,
            period_end=period_end,
            extras=extras,
            on_step=on_step,
            build_table=not check,  # --check wants the report only
        )
    report = outcome.report
    if report_to is not None:
        report_to.write_text(report.to_json(indent=2), encoding="utf-8")
    if as_json:
        sys.stdout.write(report.to_json(indent=2) + "\n")
    else:
        Console().print(report.render(language))
    if write_mapping_to is not None and outcome.mapping is not None:
        write_mapping(write_mapping_to, outcome.mapping, outcome.options)
    failed = report.counts["fatal"] > 0 or (
        report.counts["error"] > 0 and (check or strict)
    )
    if not check and outcome.workforce is not None and not failed:
        target = out or files[0].with_name("canonical.parquet")
        outcome.workforce.to_parquet(target)
        if not as_json:
            err.print(f"→ {target}")
    raise typer.Exit(EXIT_BAD_INPUT if failed else EXIT_OK)
