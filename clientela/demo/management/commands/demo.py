"""`clientela demo`: load the demo company into an empty database."""

from __future__ import annotations

import time

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from clientela.demo.generate import DEMO_PASSWORD, demo_company_create


class Command(BaseCommand):
    help = _(
        "Load the demo company: teams in four markets, 200 accounts, 1,000 contacts and 300 "
        "leads (times --scale), every user with the password %(password)s."
    ) % {"password": DEMO_PASSWORD}
    # Loading data needs the models only, not a valid URL configuration.
    requires_system_checks = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("--seed", type=int, default=42, help=_("Random seed."))
        parser.add_argument("--scale", type=float, default=1.0,
                            help=_("Multiply the number of records by this."))
        parser.add_argument("--force", action="store_true",
                            help=_("Load even when accounts already exist."))

    def handle(self, *args, seed: int, scale: float, force: bool, **options) -> None:
        if scale <= 0:
            raise CommandError(_("--scale must be greater than 0."))
        # A fresh home has no tables yet: bring the schema (and the cache table, through which
        # writes read custom field definitions) up to date first; both are no-ops otherwise.
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
        account_model = apps.get_model("accounts", "Account")
        if account_model.all_objects.exists() and not force:
            raise CommandError(
                _("The database already has accounts; the demo company is loaded only into an "
                  "empty one. Use --force to add it anyway.")
            )
        started = time.monotonic()
        with transaction.atomic():
            summary = demo_company_create(seed=seed, scale=scale)
        self.stdout.write(self.style.SUCCESS(
            _("Loaded the demo company in %(seconds).1f s: %(accounts)d accounts, %(contacts)d "
              "contacts, %(leads)d leads, %(orders)d orders, %(invoices)d invoices.") % {
                "seconds": time.monotonic() - started, "accounts": summary.accounts,
                "contacts": summary.contacts, "leads": summary.leads,
                "orders": summary.orders, "invoices": summary.invoices,
            }
        ))
        self.stdout.write(
            _("Demo users (password %(password)s): %(users)s") % {
                "password": DEMO_PASSWORD, "users": ", ".join(summary.usernames),
            }
        )
