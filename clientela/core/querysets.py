"""Querysets every record type shares."""

from __future__ import annotations

from django.db import models


class RecordQuerySet(models.QuerySet):
    """A queryset that can be narrowed to what a user may see or do."""

    def restrict(self, user, action: str = "view") -> RecordQuerySet:
        """Return the records `user` may `action` (view, edit, delete, export...)."""
        from .permissions import restrict

        return restrict(self, user, action)


class LiveManager(models.Manager.from_queryset(RecordQuerySet)):
    """The default manager: records not in the recycle bin."""

    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


class AllRecordsManager(models.Manager.from_queryset(RecordQuerySet)):
    """Every record, the recycle bin included."""
