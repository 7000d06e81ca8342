"""`clientela bench_analytics`: the analytics' speed on a scratch database: every
classification of many customers and millions of order lines, the BG/NBD fit of a million
customers, and the sections the analytics add to an account's page."""

from __future__ import annotations

import json
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from clientela.demo.bench import Timing, run_child, scratch_environment, table

MARKER = "BENCH-ANALYTICS "


class Command(BaseCommand):
    help = _("Measure the customer analytics on a scratch database: all classifications of "
             "--customers customers with --lines order lines, the BG/NBD fit of "
             "--fit-customers customers, and the account page's analytics sections.")
    requires_system_checks = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("--customers", type=int, default=100_000)
        parser.add_argument("--lines", type=int, default=5_000_000)
        parser.add_argument("--fit-customers", type=int, default=1_000_000)
        parser.add_argument("--requests", type=int, default=200,
                            help=_("Accounts whose page sections are timed."))
        parser.add_argument("--database-url", default="",
                            help=_("A PostgreSQL server URL; a scratch database is created "
                                   "on it and dropped at the end. Default: a temporary SQLite "
                                   "file."))
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument("--prepare", action="store_true",
                            help=_("Internal: fill and measure the current database."))

    def handle(self, *args, **options) -> None:
        if min(options["customers"], options["lines"], options["fit_customers"],
               options["requests"]) < 1:
            raise CommandError(_("--customers, --lines, --fit-customers and --requests must "
                                 "be at least 1."))
        if options["prepare"]:
            self.measure(**options)
        else:
            self.bench(**options)

    def measure(self, *, customers: int, lines: int, fit_customers: int, requests: int,
                seed: int, **options) -> None:
        """Fill the current database, measure, and print the timings as JSON."""
        from clientela.users.services import user_create

        from ...bench import classification_timing, company_create, fit_timing, panel_timings

        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
        admin, _password = user_create(username="bench-admin", role_slug="admin")
        started = time.monotonic()
        counts = company_create(customers=customers, lines=lines, owner=admin, seed=seed)
        generated = time.monotonic() - started
        classification, _details = classification_timing(user=admin)
        timings = [classification, fit_timing(customers=fit_customers, seed=seed),
                   *panel_timings(user=admin, requests=requests)]
        self.stdout.write(MARKER + json.dumps({
            "generated": generated, **counts,
            "timings": [timing.__dict__ for timing in timings]}))

    def bench(self, *, customers: int, lines: int, fit_customers: int, requests: int,
              database_url: str, seed: int, **options) -> None:
        with scratch_environment(database_url) as env:
            self.stdout.write(_("Generating %(customers)d customers with about %(lines)d order "
                                "lines in %(database)s…") % {
                "customers": customers, "lines": lines,
                "database": "PostgreSQL" if database_url else "SQLite"})
            self.stdout.flush()
            data = run_child(
                ["bench_analytics", "--prepare", "--customers", str(customers),
                 "--lines", str(lines), "--fit-customers", str(fit_customers),
                 "--requests", str(requests), "--seed", str(seed)],
                env, MARKER,
            )
            self.stdout.write(_("Generated %(customers)d customers, %(orders)d orders and "
                                "%(lines)d lines in %(seconds).1f s.") % {
                "customers": data["customers"], "orders": data["orders"],
                "lines": data["lines"], "seconds": data["generated"]})
            self.stdout.write(table([Timing(**row) for row in data["timings"]]))
