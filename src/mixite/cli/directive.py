"""``mixite directive``: EU pay-transparency indicators A–G and the obligations.

Registered by ``mixite.cli.main`` (``app.command("directive")(directive_command)``).
``mixite directive FILE`` computes from a workforce file (any file ``mixite import``
reads); ``mixite directive --gip FILE.csv`` reads the GIP-MDS file of pre-computed
indicators. Exit 0 when the computation ran (even with indicators not calculable), 2 on
bad input or options, with a one-line message naming the file, line and column. The
engine is imported inside the command so that ``mixite --version`` stays fast.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path  # noqa: TC003 - Typer reads the annotations at run time
from typing import TYPE_CHECKING, Annotated, Any, Literal, NoReturn

import typer
from rich.console import Console

if TYPE_CHECKING:
    from mixite.indicators.directive.result import DirectiveResult

EXIT_OK, EXIT_BAD_INPUT = 0, 2
Lang = Literal["fr", "en"]
CHOICES = {
    "--hourly-from": ("hours_paid", "fte"),
    "--quartile-ties": ("split", "rank"),
    "--direction": ("absolute", "women_disfavoured"),
    "--variable-population": ("beneficiaries", "all"),
    "--g-alert": ("components", "all", "totals"),
    "--regime": ("fr", "eu"),
    "--lang": ("fr", "en"),
}
# Options that only make sense on worker rows: refused with --gip (spec, Interfaces → CLI).
WORKER_OPTIONS = (
    "--period", "--hourly-from", "--quartile-ties", "--direction", "--variable-population",
    "--g-alert", "--categories", "--min-cell", "--exclude-contracts",
    "--subtract-excluded-pay", "--workforce", "--regime", "--shared",
)  # fmt: skip
ERROR_PREFIX = {"fr": "Erreur\u00a0:", "en": "Error:"}
PERIOD_MISSING = {
    "fr": "{file}\u00a0: aucune ligne de l'année {period} (années du fichier\u00a0: {years})"
    "\u202f; choisissez une de ces années avec --period.",
    "en": "{file}: no row of year {period} (years in the file: {years}); pick one of them"
    " with --period.",
}


def _choice(value: str | None, option: str) -> None:
    if value is not None and value not in CHOICES[option]:
        allowed = " | ".join(CHOICES[option])
        raise typer.BadParameter(f"{value!r}: use {allowed}", param_hint=option)


def _bad_input(message: str, lang: Lang) -> NoReturn:
    """One line on stderr, exit 2 (works under ``main()`` and Typer's test runner)."""
    Console(stderr=True, soft_wrap=True).print(
        f"[red]{ERROR_PREFIX[lang]}[/red] {message}", highlight=False, markup=True
    )
    raise typer.Exit(EXIT_BAD_INPUT)


def _contracts(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    from mixite.workforce.schema import CONTRACT_CODES  # noqa: PLC0415 - light

    codes = tuple(code.strip() for code in value.split(",") if code.strip())
    unknown = [code for code in codes if code not in CONTRACT_CODES]
    if unknown:
        allowed = ", ".join(CONTRACT_CODES)
        raise typer.BadParameter(
            f"unknown contract {', '.join(unknown)}: use {allowed}",
            param_hint="--exclude-contracts",
        )
    return codes


def _print_json(data: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _explain_lines(result: DirectiveResult, lang: Lang) -> list[str]:
    from mixite.indicators.directive.explain import explain  # noqa: PLC0415

    return explain(result, lang)


def _show(result: DirectiveResult, *, lang: Lang, explain: bool, shared: bool) -> None:
    from mixite.indicators.directive.render import render  # noqa: PLC0415

    console = Console(soft_wrap=True)
    console.print(render(result, lang, shared=shared))
    if explain:
        console.print()
        for line in _explain_lines(result, lang):
            console.print(line, highlight=False, markup=False)


def _load(file: Path, lang: Lang) -> Any:
    """The workforce of a file, or exit 2 with the loader's first fatal message."""
    from mixite.workforce.load import run  # noqa: PLC0415 - Ibis and DuckDB: only here

    outcome = run(file)
    if outcome.workforce is not None:
        return outcome.workforce
    fatal = [m for m in outcome.report.messages if m.severity == "fatal"]
    if not fatal:
        _bad_input(f"{file}: input refused", lang)
    first = fatal[0]
    where = ", ".join(
        part
        for part in (
            first.file or str(file),
            None if first.row is None else f"row {first.row}",
            None if first.column is None else f"column {first.column}",
        )
        if part
    )
    _bad_input(f"{where}: {first.text(lang)} {first.hint(lang)}", lang)


def _run_gip(
    gip: Path, *, siren: str | None, year: int | None, has_cse: bool, as_json: bool,
    explain: bool, lang: Lang,
) -> None:  # fmt: skip
    from mixite.indicators.directive.gip import from_gip, gip_dict  # noqa: PLC0415
    from mixite.workforce.readers.gip import read_gip  # noqa: PLC0415

    gip_file = read_gip(gip)
    if gip_file.fatal is not None:
        _bad_input(gip_file.fatal.text(lang), lang)
    results = from_gip(gip_file, siren=siren, year=year, has_cse=has_cse)
    if siren is not None and not results:
        _bad_input(f"{gip_file.file}: SIREN {siren} is not in the file (--siren)", lang)
    if as_json:
        _print_json(gip_dict(gip_file, results))
    else:
        for result in results:
            _show(result, lang=lang, explain=explain, shared=False)
    err = Console(stderr=True, soft_wrap=True)
    for issue in gip_file.errors:
        err.print(issue.text(lang), highlight=False, markup=False)
    if as_json and explain:
        for result in results:
            for line in _explain_lines(result, lang):
                err.print(line, highlight=False, markup=False)


def _refuse_with_gip(given: dict[str, object]) -> None:
    used = [name for name in WORKER_OPTIONS if given.get(name) not in (None, False)]
    if used:
        raise typer.BadParameter(
            f"{', '.join(used)}: only for a workforce FILE, not with --gip",
            param_hint="--gip",
        )


def directive_command(  # noqa: PLR0917 - one parameter per option of the spec
    file: Annotated[
        Path | None,
        typer.Argument(help="Workforce file: CSV, XLSX, Parquet or DSN folder."),
    ] = None,
    gip: Annotated[
        Path | None, typer.Option("--gip", help="GIP-MDS file (CSV) instead of FILE.")
    ] = None,
    siren: Annotated[
        str | None, typer.Option(help="With --gip: keep this company.")
    ] = None,
    period: Annotated[
        int | None, typer.Option(help="Data year (default: the latest).")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the JSON result.")
    ] = False,
    hourly_from: Annotated[
        str | None, typer.Option("--hourly-from", help="hours_paid (default) or fte.")
    ] = None,
    quartile_ties: Annotated[
        str | None, typer.Option("--quartile-ties", help="split (default) or rank.")
    ] = None,
    direction: Annotated[
        str | None, typer.Option(help="absolute (default) or women_disfavoured.")
    ] = None,
    variable_population: Annotated[
        str | None,
        typer.Option("--variable-population", help="beneficiaries (default) or all."),
    ] = None,
    g_alert: Annotated[
        str | None,
        typer.Option("--g-alert", help="components (default), all or totals."),
    ] = None,
    categories: Annotated[
        str | None, typer.Option(help="Column of the categories of G (job_category).")
    ] = None,
    min_cell: Annotated[
        int | None,
        typer.Option("--min-cell", min=3, help="Small-cell size, 3 or more (K13)."),
    ] = None,
    exclude_contracts: Annotated[
        str | None,
        typer.Option(
            "--exclude-contracts", help="Contracts out of scope, comma-separated."
        ),
    ] = None,
    subtract_excluded_pay: Annotated[
        bool,
        typer.Option("--subtract-excluded-pay", help="Remove excluded_pay from pay."),
    ] = False,
    workforce: Annotated[
        float | None, typer.Option(help="Legal headcount (default: estimated).")
    ] = None,
    year: Annotated[
        int | None, typer.Option(help="Campaign year (default: period + 1).")
    ] = None,
    no_cse: Annotated[
        bool, typer.Option("--no-cse", help="The company has no CSE.")
    ] = False,
    regime: Annotated[str | None, typer.Option(help="fr (default) or eu.")] = None,
    shared: Annotated[
        bool,
        typer.Option("--shared", help="Shared view: small cells masked, no amounts."),
    ] = False,
    explain: Annotated[
        bool, typer.Option("--explain", help="Explain the results in plain words.")
    ] = False,
    lang: Annotated[str, typer.Option(help="Language: fr or en.")] = "fr",
) -> None:
    """EU pay-transparency indicators A–G, the obligations and the warnings."""
    for value, option in (
        (hourly_from, "--hourly-from"), (quartile_ties, "--quartile-ties"),
        (direction, "--direction"), (variable_population, "--variable-population"),
        (g_alert, "--g-alert"), (regime, "--regime"), (lang, "--lang"),
    ):  # fmt: skip
        _choice(value, option)
    language: Lang = "en" if lang == "en" else "fr"
    if (file is None) == (gip is None):
        raise typer.BadParameter(
            "give a workforce FILE or --gip FILE.csv (one of them)"
        )
    if gip is not None:
        given: dict[str, object] = {
            "--period": period, "--hourly-from": hourly_from, "--quartile-ties": quartile_ties,
            "--direction": direction, "--variable-population": variable_population,
            "--g-alert": g_alert, "--categories": categories, "--min-cell": min_cell,
            "--exclude-contracts": exclude_contracts,
            "--subtract-excluded-pay": subtract_excluded_pay, "--workforce": workforce,
            "--regime": regime, "--shared": shared,
        }  # fmt: skip
        _refuse_with_gip(given)
        _run_gip(
            gip, siren=siren, year=year, has_cse=not no_cse, as_json=as_json,
            explain=explain, lang=language,
        )  # fmt: skip
        raise typer.Exit(EXIT_OK)
    if siren is not None:
        raise typer.BadParameter("only with --gip", param_hint="--siren")
    if shared and explain:
        raise typer.BadParameter(
            "the explanations show amounts and small categories: not in a shared view",
            param_hint="--explain",
        )
    options: dict[str, Any] = {
        "period": period, "hourly_from": hourly_from, "quartile_ties": quartile_ties,
        "direction": direction, "variable_population": variable_population,
        "g_alert": g_alert, "category_column": categories, "min_cell": min_cell,
        "exclude_contracts": _contracts(exclude_contracts), "workforce": workforce,
        "regime": regime,
    }  # fmt: skip
    options = {k: v for k, v in options.items() if v is not None}
    assert file is not None  # noqa: S101 - checked above
    _run_workforce(
        file, options, year=year, has_cse=not no_cse, subtract=subtract_excluded_pay,
        as_json=as_json, shared=shared, explain=explain, lang=language,
    )  # fmt: skip
    raise typer.Exit(EXIT_OK)


def _run_workforce(
    file: Path, options: dict[str, Any], *, year: int | None, has_cse: bool, subtract: bool,
    as_json: bool, shared: bool, explain: bool, lang: Lang,
) -> None:  # fmt: skip
    from mixite.indicators.directive.compute import compute  # noqa: PLC0415

    workforce = _load(file, lang)
    wanted = options.get("period")
    if wanted is not None and workforce.periods and wanted not in workforce.periods:
        years = ", ".join(str(p) for p in workforce.periods)
        _bad_input(
            PERIOD_MISSING[lang].format(file=file, period=wanted, years=years), lang
        )
    try:
        result = compute(
            workforce,
            year=year,
            has_cse=has_cse,
            subtract_excluded_pay=subtract,
            **options,
        )
    except ValueError as error:  # an option the data refuse, e.g. an absent --period
        _bad_input(f"{file}: {error}", lang)
    if as_json:
        _print_json(result.to_dict(shared=shared))
        if explain:
            err = Console(stderr=True, soft_wrap=True)
            for line in _explain_lines(result, lang):
                err.print(line, highlight=False, markup=False)
        return
    _show(result, lang=lang, explain=explain, shared=shared)
