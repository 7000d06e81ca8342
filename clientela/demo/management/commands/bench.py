"""`clientela bench`: time the contact list, filters, search, detail and create, the pipeline
board, the sales forecast and the sales dashboard, at volume."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
from functools import partial
from urllib.parse import quote as url_quote

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from clientela.core.management.commands.run import wait_for_port
from clientela.demo.bench import (
    Client,
    Timing,
    percentiles,
    run_child,
    scratch_environment,
    table,
)

MARKER = "BENCH-DATA "
quote = partial(url_quote, safe="")
START_TIMEOUT = 120.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Command(BaseCommand):
    help = _(
        "Fill a scratch database with accounts, contacts and opportunities, serve it with "
        "gunicorn and report p50/p95 response times of the contact list, filters, search, "
        "detail and create, the pipeline board, the forecast and the sales dashboard, for the "
        "API and the pages, with the queries' own SQL time."
    )
    # The benchmark prepares its own database; the caller's needs no checks.
    requires_system_checks = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("--contacts", type=int, default=100_000)
        parser.add_argument("--accounts", type=int, default=10_000)
        parser.add_argument("--opportunities", type=int, default=50_000)
        parser.add_argument("--requests", type=int, default=200,
                            help=_("Requests (or queries) measured per endpoint."))
        parser.add_argument("--database-url", default="",
                            help=_("A PostgreSQL server URL; a scratch database is created "
                                   "on it and dropped at the end. Default: a temporary SQLite "
                                   "file."))
        parser.add_argument("--cache-url", default="",
                            help=_("A Redis URL for the cache, as production sets CACHE_URL; "
                                   "keys get a prefix of their own. Default: the database "
                                   "cache table."))
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument("--prepare", action="store_true", help=_(
            "Internal: fill the current database and print what the client needs."))

    def handle(self, *args, **options) -> None:
        if min(options["contacts"], options["accounts"], options["opportunities"],
               options["requests"]) < 1:
            raise CommandError(_("--contacts, --accounts, --opportunities and --requests must "
                                 "be at least 1."))
        if options["prepare"]:
            self.prepare(**options)
        else:
            self.bench(**options)

    def prepare(self, *, contacts: int, accounts: int, opportunities: int, requests: int,
                seed: int, **options) -> None:
        """Migrate and fill the current database; print the credentials and SQL timings."""
        from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
        from django.contrib.sessions.backends.db import SessionStore
        from django.db import connection
        from rest_framework.authtoken.models import Token

        from clientela.accounts.models import Account
        from clientela.contacts.models import Contact
        from clientela.demo.generate import (
            accounts_create,
            contacts_create,
            organisation_create,
            search_index_rebuild,
        )
        from clientela.sales.choices import PeriodKind
        from clientela.sales.demo_opportunities import opportunities_create
        from clientela.sales.demo_quotas import quotas_create
        from clientela.sales.forecasting import period_of
        from clientela.sales.selectors.dashboard import DashboardFilters, sales_dashboard
        from clientela.sales.selectors.forecasts import sales_forecast
        from clientela.users.services import user_create

        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
        admin, _password = user_create(username="bench-admin", role_slug="admin")
        session = SessionStore()
        session[SESSION_KEY] = str(admin.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = admin.get_session_auth_hash()
        session.create()
        started = time.monotonic()
        organisation = organisation_create(seed=seed, reps_per_team=2)
        created = accounts_create(organisation=organisation, count=accounts, seed=seed,
                                  log_changes=False)
        people = contacts_create(organisation=organisation, accounts=created, count=contacts,
                                 seed=seed, log_changes=False, details=False)
        deals = opportunities_create(organisation=organisation, accounts=created,
                                     contacts=people, count=opportunities, seed=seed)
        quotas_create(organisation=organisation, opportunities=deals, seed=seed)
        search_index_rebuild(Account, Contact)
        # A live database has planner statistics and a visibility map (autovacuum keeps them);
        # a freshly bulk-loaded one has neither until this runs. Its pages are also written
        # out: otherwise the checkpoint that follows a bulk load writes them while the
        # requests are measured, and every commit waits behind it.
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("VACUUM ANALYZE")
                cursor.execute("CHECKPOINT")
            else:
                cursor.execute("ANALYZE")
        generated = time.monotonic() - started
        visible = Contact.objects.restrict(admin, "view")
        quarter = period_of(PeriodKind.QUARTER, timezone.localdate())
        team = organisation.teams[0].team
        sample = visible.filter(account__isnull=False).order_by("pk")[
            visible.filter(account__isnull=False).count() // 2]
        queries = {
            "list": lambda: (visible.count(), list(visible.order_by("last_name")[:50])),
            "filter city": lambda: (visible.filter(city=sample.city).count(),
                                    list(visible.filter(city=sample.city)
                                         .order_by("last_name")[:50])),
            "filter account": lambda: (visible.filter(account=sample.account_id).count(),
                                       list(visible.filter(account=sample.account_id)
                                            .order_by("last_name")[:50])),
            "detail": lambda: visible.get(pk=sample.pk),
            "forecast": lambda: sales_forecast(viewer=admin, period=quarter),
            "dashboard": lambda: sales_dashboard(
                viewer=admin, filters=DashboardFilters.last_months(timezone.localdate())),
        }
        sql = [percentiles(f"SQL {name}", "ORM", run, requests).__dict__
               for name, run in queries.items()]
        self.stdout.write(MARKER + json.dumps({
            "token": Token.objects.create(user=admin).key, "session": session.session_key,
            "contact": sample.pk, "account": sample.account_id, "city": sample.city,
            "name": sample.last_name, "generated": generated, "sql": sql,
            "quarter": quarter.label, "team": team.pk,
            "rep": organisation.teams[0].reps[0].pk,
        }))

    def bench(self, *, contacts: int, accounts: int, opportunities: int, requests: int,
              database_url: str, cache_url: str, workers: int, seed: int, **options) -> None:
        """Prepare a scratch database in a child process, serve it, measure, clean up."""
        with scratch_environment(database_url, cache_url=cache_url) as env:
            self.stdout.write(_("Generating %(accounts)d accounts, %(contacts)d contacts and "
                                "%(opportunities)d opportunities in %(database)s…") % {
                "accounts": accounts, "contacts": contacts, "opportunities": opportunities,
                "database": "PostgreSQL" if database_url else "SQLite"})
            self.stdout.flush()
            data = run_child(
                ["bench", "--prepare", "--contacts", str(contacts), "--accounts", str(accounts),
                 "--opportunities", str(opportunities), "--requests", str(requests),
                 "--seed", str(seed)],
                env, MARKER,
            )
            self.stdout.write(_("Generated in %(seconds).1f s.") % {"seconds": data["generated"]})
            port = free_port()
            server = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "clientela.config.wsgi:application",
                 "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
                 "--no-control-socket", "--log-level", "warning"],
                env=env,
            )
            try:
                if not wait_for_port("127.0.0.1", port, START_TIMEOUT,
                                     lambda: server.poll() is None):
                    raise CommandError(_("gunicorn did not start."))
                timings = self.measure(port, data, requests)
            finally:
                if server.poll() is None:
                    server.send_signal(signal.SIGTERM)
                    try:
                        server.wait(timeout=30)
                    except subprocess.TimeoutExpired:
                        server.kill()
                        server.wait()
            timings += [Timing(**row) for row in data["sql"]]
            self.stdout.write(table(timings))

    def measure(self, port: int, data: dict, requests: int) -> list[Timing]:
        """Return the timings of each API call and page, `requests` times each."""
        api = Client("127.0.0.1", port, {"Authorization": f"Token {data['token']}",
                                         "Accept": "application/json"})
        pages = Client("127.0.0.1", port, {"Cookie": f"sessionid={data['session']}"})
        city, account, contact = data["city"], data["account"], data["contact"]
        name = data["name"]
        quarter, team = data["quarter"], data["team"]
        try:
            return [
                api.measure("API list", "GET",
                            "/api/v1/contacts/?ordering=last_name&page_size=50", requests),
                api.measure("API filter city", "GET",
                            f"/api/v1/contacts/?city={quote(city)}&page_size=50", requests),
                api.measure("API filter account", "GET",
                            f"/api/v1/contacts/?account={account}&page_size=50", requests),
                api.measure("API search", "GET", f"/api/v1/search/?q={quote(name)}", requests),
                api.measure("API detail", "GET", f"/api/v1/contacts/{contact}/", requests),
                api.measure("API create", "POST", "/api/v1/contacts/", requests,
                            body=lambda n: {"first_name": "Bench", "last_name": f"Create {n}"}),
                pages.measure("page list", "GET", "/contacts/?sort=last_name", requests),
                pages.measure("page filter city", "GET", f"/contacts/?city={quote(city)}",
                              requests),
                pages.measure("page filter account", "GET", f"/contacts/?account={account}",
                              requests),
                pages.measure("page search", "GET", f"/search/?q={quote(name)}", requests),
                pages.measure("page detail", "GET", f"/contacts/{contact}/", requests),
                pages.measure("page board", "GET", "/opportunities/board/", requests),
                pages.measure("page forecast", "GET",
                              f"/forecast/?period={quarter}&subject=all", requests),
                pages.measure("page forecast team", "GET",
                              f"/forecast/?period={quarter}&subject=team%3A{team}", requests),
                api.measure("API forecast", "GET",
                            f"/api/v1/forecasts/?period={quarter}&user={data['rep']}", requests),
                api.measure("API forecast team", "GET",
                            f"/api/v1/forecasts/?period={quarter}&team={team}", requests),
                pages.measure("page dashboard", "GET", "/sales/dashboard/", requests),
                pages.measure("page dashboard team", "GET",
                              f"/sales/dashboard/?team={team}", requests),
                api.measure("API dashboard", "GET", "/api/v1/sales-dashboard/", requests),
            ]
        finally:
            api.close()
            pages.close()
