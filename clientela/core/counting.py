"""Counts of record lists that stay cheap on large tables.

Counting 100k rows costs more than fetching the page shown, and lists are counted on every
page view. A count is cached under the exact SQL that produced it and a generation number per
model; any record write (the `record_changed` signal) or a change of grants and shares starts a
new generation, so a cached count is never older than the last write made through the app.
Writes that bypass the signal (bulk SQL) are caught up by the expiry.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

EXPIRY = 300
GRANTS = "grants"


def _generation_key(name: str) -> str:
    return f"clientela:count-generation:{name}"


def bump_generation(name: str) -> None:
    """Start a new generation for `name` (a model label, or "grants"): older counts expire.

    A generation is a fresh random token rather than a counter: one cache write, with no
    read first, and two processes bumping at once still each leave a new one.
    """
    cache.set(_generation_key(name), secrets.token_hex(8), timeout=None)


def cached_result(queryset: QuerySet, compute: Callable[[QuerySet], Any], *, name: str,
                  depends_on: Iterable[str] = (), extra: Iterable[Any] = ()) -> Any:
    """Return `compute(queryset)`, from the cache while nothing it reads has changed.

    The result is kept under `name`, the exact SQL of the queryset, the generations of its
    model, of the grants and of `depends_on` (more model labels, or names the writers bump),
    and the `extra` values it also depends on (today's date, say).
    """
    queryset = queryset.order_by().select_related(None).prefetch_related(None)
    label = queryset.model._meta.label_lower
    keys = [_generation_key(item) for item in (label, GRANTS, *depends_on)]
    generations = cache.get_many(keys)
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:
        return compute(queryset.none())
    fingerprint = hashlib.sha1(repr((
        name, label, queryset.db, sql, params, sorted(generations.items()), tuple(extra),
    )).encode()).hexdigest()
    key = f"clientela:{name}:{fingerprint}"
    result = cache.get(key)
    if result is None:
        result = compute(queryset)
        cache.set(key, result, EXPIRY)
    return result


def cached_count(queryset: QuerySet) -> int:
    """Return `queryset.count()`, from the cache while nothing it depends on has changed."""
    return cached_result(queryset, lambda rows: rows.count(), name="count")


class RecordPaginator(Paginator):
    """A paginator whose count is one plain, cached `SELECT COUNT(*)` of the filtered table."""

    @cached_property
    def count(self) -> int:
        if isinstance(self.object_list, QuerySet):
            return cached_count(self.object_list)
        return len(self.object_list)
