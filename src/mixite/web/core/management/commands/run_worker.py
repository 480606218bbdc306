"""``mixite manage run_worker``: the database task worker and the scheduler beside it."""

from __future__ import annotations

import threading
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from mixite.web.core.scheduler import run_forever


class Command(BaseCommand):
    help = "Run the task worker (django-tasks-db) with the scheduler loop."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch", action="store_true", help="run what is queued, then exit"
        )

    def handle(self, *_args: Any, **options: Any) -> None:
        stop = threading.Event()
        if not options["batch"]:
            threading.Thread(target=run_forever, args=(stop,), daemon=True).start()
        try:
            call_command(
                "db_worker", batch=options["batch"], verbosity=options["verbosity"]
            )
        finally:
            stop.set()
