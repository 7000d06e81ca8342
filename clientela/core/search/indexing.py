"""Keeping the search index in step with the records of every registered module."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import connection, models, transaction
from django.utils import timezone

from clientela.core import registry
from clientela.core.registry import Module

from .models import SearchEntry
from .text import document

BATCH_SIZE = 2000
# The FTS5 triggers of migration core.0003_search, dropped and recreated around a full rebuild.
SQLITE_TRIGGERS = {
    "core_searchentry_fts_insert": (
        "CREATE TRIGGER core_searchentry_fts_insert AFTER INSERT ON core_searchentry BEGIN "
        "INSERT INTO core_searchentry_fts(rowid, text) VALUES (new.id, new.text); END"
    ),
    "core_searchentry_fts_delete": (
        "CREATE TRIGGER core_searchentry_fts_delete AFTER DELETE ON core_searchentry BEGIN "
        "INSERT INTO core_searchentry_fts(core_searchentry_fts, rowid, text) "
        "VALUES ('delete', old.id, old.text); END"
    ),
}
# The GIN indexes of migration core.0003_search, built once after a full rebuild.
POSTGRESQL_INDEXES = {
    "core_searchentry_document": (
        "CREATE INDEX core_searchentry_document ON core_searchentry USING gin (document)"
    ),
    "core_searchentry_text_trgm": (
        "CREATE INDEX core_searchentry_text_trgm ON core_searchentry "
        "USING gin (text gin_trgm_ops)"
    ),
}


def field_key(path: str) -> str:
    """Return the key under which a search field's text is kept in `SearchEntry.fields`."""
    return path.replace("__", ".")


def _value(obj: models.Model, path: str) -> Any:
    value: Any = obj
    for name in path.split("__"):
        value = getattr(value, name, None)
        if value is None:
            return None
    return value


def _related_paths(module: Module) -> list[str]:
    """Return the relations the search fields cross, for `select_related`."""
    return sorted({path.rsplit("__", 1)[0] for path in module.search_fields if "__" in path})


def entry_for(module: Module, obj: models.Model) -> SearchEntry:
    """Return an unsaved index entry for `obj` built from the module's search fields."""
    texts = {field_key(path): document([_value(obj, path)]) for path in module.search_fields}
    return SearchEntry(
        module=module.slug,
        object_id=obj.pk,
        label=str(obj)[:300],
        text=" ".join(text for text in texts.values() if text),
        fields={key: text for key, text in texts.items() if text},
        updated_at=getattr(obj, "updated_at", None) or timezone.now(),
    )


def _indexed_module(model: type[models.Model]) -> Module | None:
    module = registry.module_for_model(model)
    return module if module is not None and module.search_fields else None


def index_instance(instance: models.Model, *, created: bool = False) -> None:
    """Add or refresh the entry of one record; a record in the recycle bin has none.

    `created` says the record is new, so it has no entry to look up first.
    """
    module = _indexed_module(type(instance))
    if module is None:
        return
    if getattr(instance, "deleted_at", None) is not None:
        remove_instance(instance)
        return
    entry = entry_for(module, instance)
    if created:
        SearchEntry.objects.create(
            module=module.slug, object_id=instance.pk, label=entry.label, text=entry.text,
            fields=entry.fields, updated_at=entry.updated_at,
        )
        return
    SearchEntry.objects.update_or_create(
        module=module.slug, object_id=instance.pk,
        defaults={"label": entry.label, "text": entry.text, "fields": entry.fields,
                  "updated_at": entry.updated_at},
    )


def remove_instance(instance: models.Model) -> None:
    """Drop the entry of one record, so it is found no more."""
    module = _indexed_module(type(instance))
    if module is not None:
        SearchEntry.objects.filter(module=module.slug, object_id=instance.pk).delete()


def dependents(model: type[models.Model]) -> list[tuple[Module, str]]:
    """Return (module, relation) for every module whose search fields read through `model`."""
    found = []
    for module in registry.modules():
        for path in module.search_fields:
            if "__" not in path:
                continue
            relation = path.split("__", 1)[0]
            try:
                field = module.model._meta.get_field(relation)
            except FieldDoesNotExist:
                continue
            if field.is_relation and field.related_model is model:
                found.append((module, relation))
                break
    return found


def index_dependents(instance: models.Model) -> int:
    """Refresh the entries that show `instance`'s fields (a contact shows its account's name).

    Return how many entries were rewritten.
    """
    count = 0
    for module, relation in dependents(type(instance)):
        ids = module.model.all_objects.filter(**{relation: instance.pk}).values_list("pk",
                                                                                     flat=True)
        count += index_bulk(module.model, list(ids))
    return count


@contextmanager
def _fulltext_rebuilt_once() -> Iterator[None]:
    """Write many entries with the full-text index rebuilt once at the end, not row by row.

    On SQLite an FTS5 'rebuild' is several times faster than the per-row triggers; on
    PostgreSQL building the GIN indexes once is faster than updating them per row (searches
    wait for the rebuild's commit meanwhile). Both databases drop and create transactionally,
    so a failure restores what was there. Must run inside a transaction.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX " + ", ".join(POSTGRESQL_INDEXES))
        yield
        with connection.cursor() as cursor:
            for statement in POSTGRESQL_INDEXES.values():
                cursor.execute(statement)
        return
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        for name in SQLITE_TRIGGERS:
            cursor.execute(f"DROP TRIGGER {name}")
    yield
    with connection.cursor() as cursor:
        for statement in SQLITE_TRIGGERS.values():
            cursor.execute(statement)
        cursor.execute("INSERT INTO core_searchentry_fts(core_searchentry_fts) VALUES ('rebuild')")


def _batches(queryset: models.QuerySet) -> Iterator[list[models.Model]]:
    last = None
    while True:
        page = queryset if last is None else queryset.filter(pk__gt=last)
        batch = list(page.order_by("pk")[:BATCH_SIZE])
        if not batch:
            return
        yield batch
        last = batch[-1].pk


def index_bulk(model: type[models.Model], ids: Iterable[int] | None = None) -> int:
    """Rebuild the entries of `model`'s records (all of them when `ids` is None).

    Records that are gone or in the recycle bin lose their entry. Return how many entries
    were written. Bulk writes skip `record_changed`, so generators call this afterwards.
    """
    module = _indexed_module(model)
    if module is None:
        raise LookupError(f"{model.__name__} is not a searchable module.")
    if ids is None:
        with transaction.atomic(), _fulltext_rebuilt_once():
            return _rebuild(module)
    return _refresh(module, ids)


def _rebuild(module: Module) -> int:
    SearchEntry.objects.filter(module=module.slug).delete()
    live = module.model.objects.select_related(*_related_paths(module))
    written = 0
    for batch in _batches(live):
        SearchEntry.objects.bulk_create([entry_for(module, obj) for obj in batch],
                                        batch_size=500)
        written += len(batch)
    return written


def _refresh(module: Module, ids: Iterable[int]) -> int:
    live = module.model.objects.select_related(*_related_paths(module))
    wanted = sorted(set(ids))
    written = 0
    with transaction.atomic():
        for start in range(0, len(wanted), BATCH_SIZE):
            chunk = wanted[start:start + BATCH_SIZE]
            SearchEntry.objects.filter(module=module.slug, object_id__in=chunk).delete()
            entries = [entry_for(module, obj) for obj in live.filter(pk__in=chunk)]
            SearchEntry.objects.bulk_create(entries, batch_size=500)
            written += len(entries)
    return written


def reindex_all() -> dict[str, int]:
    """Rebuild the whole index; return the number of entries per module."""
    searchable = [module for module in registry.modules() if module.search_fields]
    with transaction.atomic(), _fulltext_rebuilt_once():
        SearchEntry.objects.exclude(module__in=[module.slug for module in searchable]).delete()
        return {module.slug: _rebuild(module) for module in searchable}
