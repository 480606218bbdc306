"""``mixite synth``: write a synthetic workforce file (workforce.md §7.1).

Registered by ``mixite.cli.main`` (``app.command("synth")(synth_command)``). Invalid
arguments raise :class:`typer.BadParameter` (exit 2, one line); the file is written
chunk by chunk behind a progress bar and appears only once complete.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)

if TYPE_CHECKING:
    from mixite.workforce.synth import SynthParams

Style = Literal["fr", "canonical"]

STYLES: dict[str, Style] = {"fr": "fr", "canonical": "canonical"}


def synth_command(
    *,
    rows: Annotated[
        int, typer.Option("--rows", help="Rows per period, 1 to 100,000,000.")
    ],
    seed: Annotated[int, typer.Option("--seed", help="Random seed, an integer ≥ 0.")],
    pay_gap: Annotated[
        float,
        typer.Option(
            "--pay-gap",
            help="Unexplained base-pay gap: women's pay × (1 − g), 0 to 0.5.",
        ),
    ] = 0.08,
    raise_gap: Annotated[
        float,
        typer.Option("--raise-gap", help="Women's raise probability is men's minus r."),
    ] = 0.03,
    promotion_gap: Annotated[
        float,
        typer.Option(
            "--promotion-gap", help="Women's promotion probability is men's minus p."
        ),
    ] = 0.02,
    no_effects: Annotated[
        bool,
        typer.Option("--no-effects", help="No injected effect (the null model)."),
    ] = False,
    period: Annotated[
        int, typer.Option("--period", help="Last period generated (a year).")
    ] = 2025,
    years: Annotated[
        int,
        typer.Option("--years", help="Consecutive periods ending at --period, 1–10."),
    ] = 1,
    style: Annotated[
        str | None,
        typer.Option(
            "--style",
            help="fr (default) or canonical, for CSV and XLSX; Parquet is canonical.",
        ),
    ] = None,
    out: Annotated[
        Path,
        typer.Option("--out", help="Output file: .parquet, .csv or .xlsx."),
    ] = Path("synth.parquet"),
) -> None:
    """Write a synthetic workforce with known injected gaps (demos, tests, benchmarks)."""
    if style is not None and style not in STYLES:
        raise typer.BadParameter(
            f"{style!r}: use fr or canonical", param_hint="'--style'"
        )
    from mixite.workforce import synth  # noqa: PLC0415 - NumPy and Polars: only here

    params = synth.SynthParams(
        rows=rows,
        seed=seed,
        pay_gap=pay_gap,
        raise_gap=raise_gap,
        promotion_gap=promotion_gap,
        effects=not no_effects,
        period=period,
        years=years,
    )
    try:
        params.check()
        fmt = synth.format_of(out)
        chosen = synth.check_output(params, fmt, STYLES[style or "fr"])
    except synth.SynthArgumentError as error:
        raise typer.BadParameter(str(error)) from error
    if not out.parent.is_dir():
        raise typer.BadParameter(f"--out {out}: the folder {out.parent} does not exist")
    _write_with_progress(params, out, chosen)


def _write_with_progress(params: SynthParams, out: Path, style: Style) -> None:
    from mixite.workforce import synth  # noqa: PLC0415

    console = Console(stderr=True)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task(f"Writing {out.name}", total=params.n_rows_total)
        synth.write(
            out,
            params.rows,
            params.seed,
            style=style,
            pay_gap=params.pay_gap,
            raise_gap=params.raise_gap,
            promotion_gap=params.promotion_gap,
            effects=params.effects,
            period=params.period,
            years=params.years,
            on_batch=lambda n: progress.advance(task, n),
        )
    typer.echo(f"Wrote {params.n_rows_total:,} rows to {out} ({style}).")
