"""``mixite manage load_demo [--force] [--today YYYY-MM-DD]``: the demonstration instance."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from mixite.web.demo.data import DEMO_PASSWORD
from mixite.web.demo.loader import DemoSummary, load_demo


def iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:  # argparse prints it with the usage and exits with 2
        raise argparse.ArgumentTypeError(
            f"a date as YYYY-MM-DD, not {text!r}"
        ) from error


class Command(BaseCommand):
    help = "Load the demo organisations, networks and people (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force", action="store_true", help="load even with DEBUG off"
        )
        parser.add_argument(
            "--today", type=iso_date, help="anchor of the relative dates"
        )
        parser.add_argument(
            "--print-logins", action="store_true", help="print the demo logins"
        )

    def handle(self, *_args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "The demo loads fictional accounts with a known password: with DEBUG off, "
                "pass --force to confirm (mixite serve --demo does).",
                returncode=2,
            )
        summary = load_demo(today=options["today"])
        created = ", ".join(
            f"{n} {kind}" for kind, n in sorted(summary.created.items())
        )
        self.stdout.write(f"Demo loaded ({created or 'nothing new: already there'}).")
        if options["print_logins"]:
            self.print_logins(summary)

    def print_logins(self, summary: DemoSummary) -> None:
        width = max(len(email) for email, _, _ in summary.logins)
        self.stdout.write("")
        self.stdout.write(f"Demo logins — password for every account: {DEMO_PASSWORD}")
        self.stdout.write("")
        for email, roles, look_at in summary.logins:
            self.stdout.write(f"  {email.ljust(width)}  {roles}")
            self.stdout.write(f"  {'':{width}}  → {look_at}")
        self.stdout.write("")
        self.stdout.write(
            f"securite@valmont.example has two-factor authentication: TOTP secret "
            f"{summary.totp_secret}; recovery codes {', '.join(summary.recovery_codes)}."
        )
