"""``mixite``: the command line. Exit codes: 0 success, 1 internal error, 2 bad input.

``cli`` and ``web`` are siblings: this module names Django's settings as a string and
never imports ``mixite.web``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import click
import typer
from rich.console import Console

import mixite
from mixite.cli.directive import directive_command
from mixite.cli.importer import import_command
from mixite.cli.index import index_command
from mixite.cli.synth import synth_command

LOCAL_SETTINGS = "mixite.web.settings.local"
EXIT_INTERNAL = 1
EXIT_BAD_INPUT = 2

app = typer.Typer(
    name="mixite",
    help="Mixité: égalité professionnelle et mixité — workplace gender equality.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
err = Console(stderr=True, soft_wrap=True)  # a message stays on one line
state = {"debug": False}


class BadInput(click.ClickException):
    """Bad usage or bad input: a one-line message and exit code 2."""

    exit_code = EXIT_BAD_INPUT


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mixite {mixite.__version__}")
        raise typer.Exit


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version."
        ),
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
) -> None:
    del version
    state["debug"] = debug


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", LOCAL_SETTINGS)
    import django  # noqa: PLC0415 - only the commands that need Django load it

    django.setup()


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port.")] = 8000,
    demo: Annotated[
        bool, typer.Option("--demo/--no-demo", help="Load the demo data.")
    ] = False,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Web processes.")] = 1,
) -> None:
    """Migrate, optionally load the demo, then serve the platform and its worker."""
    from mixite.cli.serve import run_server  # noqa: PLC0415

    _setup_django()
    raise typer.Exit(run_server(host=host, port=port, demo=demo, workers=workers))


@app.command(
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    add_help_option=False,
)
def manage(ctx: typer.Context) -> None:
    """Run a Django management command (e.g. load_demo, createsuperuser)."""
    _setup_django()
    from django.core.management import (  # noqa: PLC0415
        execute_from_command_line,
        get_commands,
    )
    from django.db import DatabaseError  # noqa: PLC0415

    name = next((arg for arg in ctx.args if not arg.startswith("-")), None)
    if name is not None and name != "help" and name not in get_commands():
        raise BadInput(f"Unknown command {name!r}: 'mixite manage help' lists them.")
    try:
        execute_from_command_line(["mixite manage", *ctx.args])
    except DatabaseError as error:
        raise click.ClickException(  # exit 1: the environment, not the input, is wrong
            f"Database error: {error}. Is it migrated? Run 'mixite manage migrate'."
        ) from error


@app.command()
def bench(
    path: Annotated[Path, typer.Option(help="Folder of the benchmarks.")] = Path(
        "benchmarks"
    ),
    only: Annotated[
        str | None, typer.Option(help="Run the benchmarks whose name holds this.")
    ] = None,
) -> None:
    """Run the benchmarks: each against its baseline, in the same process."""
    from mixite.cli.bench import run_benchmarks  # noqa: PLC0415

    if not path.is_dir():
        raise BadInput(
            f"No benchmarks folder at {path}: "
            "run from the repository root or pass --path."
        )
    raise typer.Exit(run_benchmarks(path, only=only))


app.command("directive")(directive_command)
app.command("import")(import_command)
app.command("index")(index_command)
app.command("synth")(synth_command)


def main() -> None:
    """Console entry point: named errors in one line; the rest exit 1, no traceback."""
    # Typer 0.29 vendors its own click: its usage errors are typer.TyperException, and
    # without standalone mode, a command's typer.Exit(code) is returned, not raised.
    try:
        code = app(standalone_mode=False)
    except (click.exceptions.Abort, typer.Abort):
        err.print("Aborted.")
        sys.exit(EXIT_INTERNAL)
    except (click.ClickException, typer.TyperException) as error:  # usage, BadInput
        err.print(f"[red]Error:[/red] {error.format_message()}", highlight=False)
        usage = getattr(error, "ctx", None)
        if usage is not None:
            err.print(f"Try '{usage.command_path} --help'.", highlight=False)
        sys.exit(error.exit_code)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as error:  # the last guard: no traceback unless --debug
        if state["debug"]:
            raise
        err.print(
            f"[red]Internal error:[/red] {type(error).__name__}: {error} "
            "(run with --debug for details)",
            highlight=False,
        )
        sys.exit(EXIT_INTERNAL)
    sys.exit(code if isinstance(code, int) else 0)
