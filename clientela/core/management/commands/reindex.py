"""`clientela reindex [MODULE ...]`: rebuild the global search index."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from clientela.core import registry
from clientela.core.search.indexing import index_bulk, reindex_all


class Command(BaseCommand):
    help = _("Rebuild the global search index, for every module or the ones named.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("modules", nargs="*", metavar="MODULE",
                            help=_("Module slugs to reindex (default: all)."))

    def handle(self, *args, modules: list[str], **options) -> None:
        started = time.monotonic()
        if modules:
            counts = {}
            for slug in modules:
                try:
                    module = registry.get_module(slug)
                except KeyError:
                    raise CommandError(_("Unknown module: %(slug)s") % {"slug": slug})
                if not module.search_fields:
                    raise CommandError(_("Module %(slug)s has no search fields.") % {"slug": slug})
                counts[slug] = index_bulk(module.model)
        else:
            counts = reindex_all()
        for slug, count in counts.items():
            self.stdout.write(_("%(slug)s: %(count)d entries") % {"slug": slug, "count": count})
        self.stdout.write(self.style.SUCCESS(
            _("Search index rebuilt in %(seconds).1f s.") % {"seconds": time.monotonic() - started}
        ))
