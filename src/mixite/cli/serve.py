"""``mixite serve``: migrate, demo, then gunicorn and the task worker side by side."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from typing import TYPE_CHECKING

from rich.console import Console

if TYPE_CHECKING:
    from types import FrameType

out = Console()


def run_server(*, host: str, port: int, demo: bool, workers: int) -> int:
    from django.core.management import call_command  # noqa: PLC0415

    out.print("[bold]Mixité[/bold]: applying database migrations…")
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    if demo:
        out.print("Loading the demo data (idempotent)…")
        call_command("load_demo", force=True, print_logins=True)
    python = sys.executable
    worker = subprocess.Popen([python, "-m", "django", "run_worker"])  # noqa: S603
    web = subprocess.Popen(  # noqa: S603
        [
            python,
            "-m",
            "gunicorn",
            "mixite.web.wsgi:application",
            "--bind",
            f"{host}:{port}",
            "--workers",
            str(workers),
            "--access-logfile",
            "-",
            "--log-level",
            "warning",
        ]
    )
    out.print(f"Serving on [link]http://{host}:{port}/[/link] — Ctrl+C to stop.")
    children = [web, worker]

    def stop(signum: int, frame: FrameType | None) -> None:
        del signum, frame
        for child in children:
            if child.poll() is None:
                child.terminate()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
    finally:
        stop(signal.SIGTERM, None)
        for child in children:
            child.wait(timeout=20)
    return web.returncode or 0
