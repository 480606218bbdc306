"""``mixite index``: the Index de l'égalité professionnelle of a file (egapro.md §16.1).

``mixite index FILE`` computes it from employee rows; ``mixite index --aggregates a.json``
from the official simulator's numbers. Exit 0 when computed (even when not calculable),
2 on bad input with one line naming the file and the row, field or JSON path.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path  # noqa: TC003 - Typer reads the annotations at runtime
from typing import TYPE_CHECKING, Annotated, Final, Literal, NoReturn

import typer
from rich.console import Console
from rich.text import Text

from mixite.cli.importer import _large, _progress

if TYPE_CHECKING:
    from mixite.indicators.egapro import EgaproResult

EXIT_BAD_INPUT: Final = 2
# Copies of the engine's constants: importing it here would load Ibis at start-up.
RANGES: Final = ("50:250", "251:999", "1000:")  # egapro.md §1.3
MODES: Final = ("csp", "niveau_branche", "niveau_autre")  # egapro.md §5.5
PREFIX: Final = "mixite index: error: "


def _fail(message: str) -> NoReturn:
    """One line on stderr, nothing on stdout, exit 2 (§16.1)."""
    Console(stderr=True, soft_wrap=True, highlight=False).print(Text(PREFIX + message))
    raise typer.Exit(EXIT_BAD_INPUT)


def _choice(value: str | None, choices: tuple[str, ...], option: str) -> None:
    if value is not None and value not in choices:
        msg = f"{value!r} is not one of {', '.join(choices)}"
        raise typer.BadParameter(msg, param_hint=option)


def _refuse_with_aggregates(**given: object) -> None:
    for option, value in given.items():
        if value is not None:
            name = "--" + option.replace("_", "-")
            msg = "not allowed with --aggregates (the JSON gives it)"
            raise typer.BadParameter(msg, param_hint=name)


def _from_aggregates(path: Path) -> EgaproResult:
    from mixite.indicators import egapro  # noqa: PLC0415 - the engine, on demand

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        _fail(f"{path.name}: file not found; check the path.")
    except (OSError, UnicodeDecodeError) as error:
        _fail(f"{path.name}: cannot be read ({error}).")
    except json.JSONDecodeError as error:
        _fail(
            f"{path.name}, line {error.lineno}, column {error.colno}: "
            f"not valid JSON ({error.msg})."
        )
    try:
        return egapro.from_aggregates(data)
    except egapro.AggregatesError as error:
        _fail(f"{path.name}, {error.path}: {error.problem}. {error.hint}")


def _from_file(
    path: Path,
    *,
    period: int | None,
    workforce_range: str | None,
    mode: str | None,
    lang: Literal["fr", "en"],
) -> EgaproResult:
    from mixite.indicators import egapro  # noqa: PLC0415 - Ibis and DuckDB: only here
    from mixite.indicators.egapro.compute import blocking_message, located  # noqa: PLC0415
    from mixite.workforce import InputError  # noqa: PLC0415
    from mixite.workforce.load import run  # noqa: PLC0415

    with _progress(Console(stderr=True), lang, large=_large([path])) as on_step:
        outcome = run(path, period=period, on_step=on_step)
    if outcome.workforce is None:
        blocking = blocking_message(outcome.report)
        _fail(located(blocking, lang) if blocking else f"{path.name}: input refused.")
    options = egapro.EgaproOptions(mode=mode or "csp")  # type: ignore[arg-type]
    try:
        return egapro.compute(
            outcome.workforce,
            workforce_range=workforce_range,
            period=period,
            options=options,
        )
    except InputError as error:
        blocking = blocking_message(error.report)
        _fail(located(blocking, lang) if blocking else str(error))


def _print(result: EgaproResult, *, explain: bool, lang: Literal["fr", "en"]) -> None:
    from mixite.indicators.egapro.explain import explain_lines  # noqa: PLC0415
    from mixite.indicators.egapro.summary import report_lines  # noqa: PLC0415

    out = Console(soft_wrap=True, highlight=False)
    for line in report_lines(result, lang):
        out.print(Text(line, style="" if line.startswith(" ") else "bold"))
    if explain:
        out.print()
        for line in explain_lines(result, lang):
            out.print(Text(line, style="" if line.startswith(" ") else "bold"))


def index_command(  # noqa: PLR0917 - one parameter per option of §16.1
    file: Annotated[
        Path | None,
        typer.Argument(help="Employee-level file: CSV, XLSX, Parquet or DSN."),
    ] = None,
    aggregates: Annotated[
        Path | None,
        typer.Option(
            help="Aggregated input (JSON), as the official simulator asks it."
        ),
    ] = None,
    period: Annotated[
        int | None, typer.Option(min=1990, max=2100, help="Reference year.")
    ] = None,
    workforce_range: Annotated[
        str | None,
        typer.Option(
            "--workforce-range", help="Declared size band: 50:250, 251:999, 1000:."
        ),
    ] = None,
    mode: Annotated[
        str | None,
        typer.Option(help="Indicator-1 groups: csp, niveau_branche or niveau_autre."),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the result as JSON.")
    ] = False,
    explain: Annotated[
        bool, typer.Option("--explain", help="Explain every intermediate table.")
    ] = False,
    lang: Annotated[str, typer.Option(help="Language of the report: fr or en.")] = "fr",
) -> None:
    """Compute the Index de l'égalité professionnelle (exit 0, or 2 on bad input)."""
    _choice(lang, ("fr", "en"), "--lang")
    _choice(workforce_range, RANGES, "--workforce-range")
    _choice(mode, MODES, "--mode")
    language: Literal["fr", "en"] = "en" if lang == "en" else "fr"
    if aggregates is not None:
        if file is not None:
            msg = "give either FILE or --aggregates, not both"
            raise typer.BadParameter(msg, param_hint="--aggregates")
        _refuse_with_aggregates(
            period=period, workforce_range=workforce_range, mode=mode
        )
        result = _from_aggregates(aggregates)
    elif file is None:
        raise typer.BadParameter("give FILE or --aggregates", param_hint="FILE")
    else:
        result = _from_file(
            file,
            period=period,
            workforce_range=workforce_range,
            mode=mode,
            lang=language,
        )
    if as_json:
        sys.stdout.write(result.to_json() + "\n")
        if explain:  # stdout holds one JSON document only: the words go to stderr
            from mixite.indicators.egapro.explain import explain_lines  # noqa: PLC0415

            err = Console(stderr=True, soft_wrap=True, highlight=False)
            for line in explain_lines(result, language):
                err.print(Text(line))
    else:
        _print(result, explain=explain, lang=language)
