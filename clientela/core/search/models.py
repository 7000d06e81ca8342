"""Models of the global search index."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

__all__ = ["SearchEntry"]


class SearchEntry(models.Model):
    """One live record in the global search index.

    `text` is the token document both backends search (see `search.text`); `fields` keeps each
    search field's own token document so that a match can be re-checked against only the fields a
    user's role lets them see. The full-text index itself lives beside this table: an FTS5
    table on SQLite, a generated `tsvector` column and trigram index on PostgreSQL (migration
    `core.0003_search`).
    """

    module = models.CharField(max_length=50)
    object_id = models.BigIntegerField()
    label = models.CharField(max_length=300)
    text = models.TextField()
    fields = models.JSONField(default=dict)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["module", "object_id"], name="unique_search_entry"),
        ]

    def __str__(self) -> str:
        return f"{self.module}:{self.object_id} {self.label}"
