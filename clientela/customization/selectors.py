"""Reads of the customization app: custom fields and the recycle bin."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Model, QuerySet

from clientela.core import registry
from clientela.core.permissions import restrict

from .models import CustomField


@dataclass(frozen=True)
class BinItem:
    """One soft-deleted record as the recycle bin shows it."""

    module: registry.Module
    record: Model

    @property
    def key(self) -> str:
        return f"{self.module.slug}:{self.record.pk}"

    @property
    def deleted_at(self) -> datetime:
        return self.record.deleted_at


def custom_field_list() -> QuerySet[CustomField]:
    """Return every custom field, by module, order and name."""
    return CustomField.objects.order_by("module", "order", "name")


def _deleted(module: registry.Module, user) -> QuerySet:
    return restrict(
        module.model.all_objects.filter(deleted_at__isnull=False), user, "delete"
    ).select_related("deleted_by")


def recycle_bin_items(*, user, keys: list[str] | None = None) -> list[BinItem]:
    """Return the soft-deleted records of every module the user may delete, newest first.

    With `keys` (`module:pk`), only those records; unknown or live ones are left out.
    """
    wanted: dict[str, set[int]] | None = None
    if keys is not None:
        wanted = {}
        for key in keys:
            slug, _sep, pk = key.partition(":")
            if pk.isdigit():
                wanted.setdefault(slug, set()).add(int(pk))
    items = []
    for module in registry.modules():
        if wanted is not None and module.slug not in wanted:
            continue
        queryset = _deleted(module, user)
        if wanted is not None:
            queryset = queryset.filter(pk__in=wanted[module.slug])
        items.extend(BinItem(module=module, record=record) for record in queryset)
    items.sort(key=lambda item: (item.deleted_at, item.module.slug, item.record.pk), reverse=True)
    return items
