"""``mixite import``: check workforce files, or turn them into the canonical table (§9.2).

Several FILEs are read together (§3.7); ``--extra KIND=FILE`` adds a supplementary table
(§1.3), KIND one of leaves, careers, training, exposures.
"""

from __future__ import annotations

import contextlib
import sys
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


# About 100,000 rows of a typical export (§9.2: a progress bar on inputs over 100,000 rows).
LARGE_INPUT_BYTES = 8_000_000
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


def _large(files: Sequence[Path]) -> bool:
    total = 0
    for path in files:
        if path.is_dir():
            total += sum(p.stat().st_size for p in path.iterdir() if p.is_file())
        elif path.exists():
            total += path.stat().st_size
    return total > LARGE_INPUT_BYTES


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
