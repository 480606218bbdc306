"""``mixite manage verify_audit_chain [--tenant org:<uuid>]``: exit 0 intact, 2 broken."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from mixite.web.audit.models import ChainHead
from mixite.web.audit.services import verify_chain


class Command(BaseCommand):
    help = "Verify the audit hash chains; print the first broken entry."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tenant", help="one chain, e.g. org:<uuid>")

    def handle(self, *_args: Any, **options: Any) -> None:
        tenants = (
            [options["tenant"]]
            if options["tenant"]
            else list(
                ChainHead.objects.order_by("tenant").values_list("tenant", flat=True)
            )
        )
        for tenant in tenants:
            broken = verify_chain(tenant)
            if broken is not None:
                self.stderr.write(f"Broken chain: {broken.tenant}, seq {broken.seq}")
                sys.exit(2)
        self.stdout.write(f"{len(tenants)} chain(s) intact.")
