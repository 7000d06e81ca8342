"""Rows of a related table for a page of records, read without compiling the query each time.

An API page reads several child tables (a contact's emails, phones, accounts, consents, tags)
with `WHERE <key> IN (<the page's ids>)`. Building and compiling that query through the ORM
costs more than running it, so its SQL and the column converters are worked out once per
table, columns, database and number of ids, and each page only runs it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connections, models

# Pages hold at most this many records; bigger id lists are compiled afresh, not kept.
KEPT_UP_TO = 500

_compiled: dict[tuple, tuple[str, list[tuple[int, list, Any]]]] = {}


def rows_for_ids(
    queryset: models.QuerySet, key: str, columns: Sequence[str], ids: Sequence[int]
) -> list[tuple]:
    """Return `(key, *columns)` tuples of `queryset`'s rows whose `key` is one of `ids`.

    `queryset` must be a plain table (a manager's `all()`, optionally ordered): its own
    filters would not be part of the kept SQL. Values are converted as the ORM converts them.
    """
    if not ids:
        return []
    using = queryset.db
    connection = connections[using]
    signature = (queryset.model, str(queryset.query.order_by), key, tuple(columns), len(ids),
                 using, connection.vendor)
    compiled = _compiled.get(signature)
    if compiled is None:
        narrowed = queryset.filter(**{f"{key}__in": list(ids)}).values_list(key, *columns)
        compiler = narrowed.query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        if list(params) != list(ids):
            return list(narrowed)  # a query whose parameters are not just the ids: no shortcut
        converters = [
            (index, functions, expression)
            for index, (functions, expression) in compiler.get_converters(
                [column for column, _sql, _alias in compiler.select]
            ).items()
        ]
        compiled = (sql, converters)
        if len(ids) <= KEPT_UP_TO:
            _compiled[signature] = compiled
    sql, converters = compiled
    with connection.cursor() as cursor:
        cursor.execute(sql, list(ids))
        rows = cursor.fetchall()
    if not converters:
        return rows
    converted = []
    for row in rows:
        values = list(row)
        for index, functions, expression in converters:
            value = values[index]
            for function in functions:
                value = function(value, expression, connection)
            values[index] = value
        converted.append(tuple(values))
    return converted
