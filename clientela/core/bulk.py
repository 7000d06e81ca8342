"""Writing many rows at once: PostgreSQL's COPY (SQLite: one executemany), for tables that
take tens of thousands of computed rows (analytics results, benchmark data) where building
model instances and INSERT statements costs more than the data itself."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import connection, models
from django.utils import timezone


def bulk_write(model: type[models.Model], columns: Sequence[str],
               rows: Iterable[Sequence]) -> None:
    """Insert `rows` (values of `columns`, by attname, as the database takes them) into
    `model`'s table; every other column but the primary key takes the field's default.

    Nothing is validated and no signal is sent: the caller writes computed rows it owns.
    """
    now = timezone.now()
    fields = [field for field in model._meta.concrete_fields
              if field.attname not in columns and not field.primary_key]
    defaults = tuple(
        now if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
        else field.get_db_prep_save(field.get_default(), connection)
        for field in fields)
    names = [model._meta.get_field(name).column for name in columns] + [
        field.column for field in fields]
    table = connection.ops.quote_name(model._meta.db_table)
    quoted = ", ".join(connection.ops.quote_name(name) for name in names)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row((*row, *defaults))
        else:
            marks = ", ".join(["%s"] * len(names))
            cursor.executemany(f"INSERT INTO {table} ({quoted}) VALUES ({marks})",
                               [(*row, *defaults) for row in rows])


def reset_sequence(model: type[models.Model]) -> None:
    """Move the primary key's sequence past the ids written explicitly (PostgreSQL)."""
    if connection.vendor != "postgresql":
        return
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                       f"(SELECT MAX(id) FROM {table}))")
