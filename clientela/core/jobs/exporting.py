"""Write a module's records, as one user may see them, to CSV or Excel."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator

from django.db.models import QuerySet
from django.http import QueryDict
from openpyxl import Workbook

from clientela.core import registry
from clientela.core.permissions import hidden_fields
from clientela.customization.validation import definitions

from .columns import export_fields, module_filterset

FORMATS = ("csv", "xlsx")
CHUNK = 2000


def export_queryset(model, user, query: str = "") -> QuerySet:
    """Return the records the user may export, filtered like the list they came from."""
    queryset = model.objects.restrict(user, "export").order_by("pk")
    filterset_class = module_filterset(model)
    if query and filterset_class is not None:
        filterset = filterset_class(QueryDict(query), queryset=queryset, user=user)
        if filterset.is_valid():
            queryset = filterset.qs
    return queryset


def export_rows(queryset: QuerySet, user) -> tuple[list[str], Iterator[list]]:
    """Return the header and an iterator of rows (plain values) for the records."""
    model = queryset.model
    module = registry.module_for_model(model)
    fields = export_fields(model, user)
    hidden = hidden_fields(user, module.slug)
    custom = [field for field in definitions(module.slug) if field.name not in hidden]
    header = [field.name for field in fields] + ["tags"]
    header += [f"custom.{field.name}" for field in custom]

    def rows() -> Iterator[list]:
        for record in queryset.prefetch_related("tags").iterator(chunk_size=CHUNK):
            row = [_plain(getattr(record, field.attname)) for field in fields]
            row.append(", ".join(tag.name for tag in record.tags.all()))
            row += [_plain((record.custom or {}).get(field.name)) for field in custom]
            yield row

    return header, rows()


def _plain(value):
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value if isinstance(value, int | float | bool) else str(value)


def write_export(queryset: QuerySet, user, file_format: str,
                 progress: Callable[[int], None] | None = None) -> bytes:
    """Return the export file's bytes in `file_format` (csv or xlsx)."""
    header, rows = export_rows(queryset, user)
    if file_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        for count, row in enumerate(rows, start=1):
            writer.writerow(row)
            if progress and count % CHUNK == 0:
                progress(count)
        return buffer.getvalue().encode("utf-8-sig")
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(registry.module_for_model(queryset.model).label)[:31])
    sheet.append(header)
    for count, row in enumerate(rows, start=1):
        sheet.append([value if not isinstance(value, bool) else str(value) for value in row])
        if progress and count % CHUNK == 0:
            progress(count)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
