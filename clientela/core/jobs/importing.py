"""Read a CSV or Excel file into a module's records: everything valid, or nothing written."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from clientela.core import registry
from clientela.customization.models import Tag
from clientela.customization.validation import definitions

from .columns import import_fields

MAX_ROWS = 100_000


@dataclass(frozen=True)
class RowError:
    """One problem in the file: its row as a spreadsheet numbers it (header = 1), and field."""

    row: int
    field: str
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "field": self.field, "message": self.message}


class ImportFileError(Exception):
    """The file as a whole cannot be read."""


def read_table(name: str, data: bytes) -> tuple[list[str], list[list[str]]]:
    """Return the header and the data rows of a CSV (any common delimiter) or .xlsx file."""
    if name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many types for a damaged file
            raise ImportFileError(_("The file is not a readable Excel workbook.")) from error
        table = [
            ["" if cell is None else str(cell) for cell in row]
            for row in workbook.worksheets[0].iter_rows(values_only=True)
        ]
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ImportFileError(_("The file is not UTF-8 text: save it as CSV UTF-8.")) from error
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
        except csv.Error:
            dialect = csv.excel
        table = [row for row in csv.reader(io.StringIO(text), dialect) if any(row)]
    table = [row for row in table if any(cell.strip() for cell in row)]
    if not table:
        raise ImportFileError(_("The file is empty."))
    header = [cell.strip() for cell in table[0]]
    duplicates = sorted({name for name in header if name and header.count(name) > 1})
    if duplicates:
        raise ImportFileError(
            _("The header repeats columns: %(names)s.") % {"names": ", ".join(duplicates)}
        )
    if len(table) - 1 > MAX_ROWS:
        raise ImportFileError(_("At most %(count)d rows per file.") % {"count": MAX_ROWS})
    return header, table[1:]


def default_mapping(model, user, header: list[str]) -> dict[str, str]:
    """Return {column: field} for columns named like a field, its label or a custom field."""
    module = registry.module_for_model(model)
    targets: dict[str, str] = {}
    for name, field in import_fields(model, user).items():
        targets[name.lower()] = name
        targets[str(field.verbose_name).lower()] = name
    for definition in definitions(module.slug):
        targets[f"custom.{definition.name}"] = f"custom.{definition.name}"
        targets[definition.label.lower()] = f"custom.{definition.name}"
    targets["tags"] = "tags"
    return {column: targets[column.lower()] for column in header if column.lower() in targets}


def import_records(
    *, model, user, header: list[str], rows: list[list[str]], mapping: dict[str, str],
    progress: Callable[[int], None] | None = None,
) -> tuple[list[int], list[RowError]]:
    """Create one record per row; return (created ids, errors). With any error nothing is saved."""
    fields = import_fields(model, user)
    module = registry.module_for_model(model)
    custom_names = {definition.name for definition in definitions(module.slug)}
    errors: list[RowError] = []
    columns: list[tuple[int, str]] = []
    for column, target in mapping.items():
        if column not in header:
            errors.append(RowError(1, column, _("No such column in the file.")))
        elif target in fields or target == "tags" or (
            target.startswith("custom.") and target.removeprefix("custom.") in custom_names
        ):
            columns.append((header.index(column), target))
        else:
            errors.append(RowError(1, column, _("%(field)s cannot be imported.") % {
                "field": target}))
    if not columns and not errors:
        errors.append(RowError(1, "", _("No column of the file maps to a field.")))
    if errors:
        return [], errors

    pending: list[tuple[models.Model, list[str]]] = []
    for number, row in enumerate(rows, start=2):
        record, tags, row_errors = _build(model, user, fields, columns, row, number)
        errors.extend(row_errors)
        if not row_errors:
            pending.append((record, tags))
        if progress and number % 500 == 0:
            progress(number - 1)
    if errors:
        return [], errors
    created: list[int] = []
    with transaction.atomic():
        for record, tags in pending:
            record.save()
            if tags:
                record.tags.set([Tag.objects.get_or_create(name=name)[0] for name in tags])
            created.append(record.pk)
    return created, []


def _build(model, user, fields, columns, row, number):
    record = model()
    tags: list[str] = []
    errors: list[RowError] = []
    custom: dict = {}
    for index, target in columns:
        raw = row[index].strip() if index < len(row) else ""
        if target == "tags":
            tags = [name.strip() for name in raw.split(",") if name.strip()]
        elif target.startswith("custom."):
            if raw:
                custom[target.removeprefix("custom.")] = raw
        else:
            try:
                setattr(record, fields[target].attname, _field_value(fields[target], raw, user))
            except ValidationError as error:
                errors.extend(RowError(number, target, message) for message in error.messages)
    record.custom = custom
    record.stamp(user)
    record.owner = user
    try:
        record.full_clean()
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            if field == "owner":
                continue
            errors.extend(RowError(number, field, message) for message in messages)
    return record, tags, errors


def _field_value(field: models.Field, raw: str, user):
    if raw == "":
        return None if field.null else field.get_default()
    if field.is_relation:
        return _related_id(field, raw, user)
    if field.choices:
        for value, label in field.flatchoices:
            if raw.lower() in (str(value).lower(), str(label).lower()):
                return value
        raise ValidationError(
            _("%(value)s is not one of the choices.") % {"value": raw}
        )
    if isinstance(field, models.BooleanField):
        lowered = raw.lower()
        if lowered in ("1", "true", "yes", "y", "x"):
            return True
        if lowered in ("0", "false", "no", "n"):
            return False
        raise ValidationError(_("Enter yes or no."))
    return field.to_python(raw)


def _related_id(field: models.ForeignKey, raw: str, user) -> int | str:
    """Return the id of the related record given by id or exact name, among those visible."""
    related = field.related_model
    queryset = (
        related.objects.restrict(user, "view")
        if registry.module_for_model(related) is not None
        else related.objects.all()
    )
    if raw.isdigit() and queryset.filter(pk=int(raw)).exists():
        return int(raw)
    if isinstance(related._meta.pk, models.CharField):
        # A code as primary key (a currency's "EUR") is what a file names it by.
        match = queryset.filter(pk__iexact=raw).values_list("pk", flat=True).first()
        if match is not None:
            return match
    name_field = "name" if any(f.name == "name" for f in related._meta.fields) else None
    if name_field is None and hasattr(related, "USERNAME_FIELD"):
        name_field = related.USERNAME_FIELD
    if name_field:
        matches = list(queryset.filter(**{f"{name_field}__iexact": raw}).values_list("pk",
                                                                                   flat=True)[:2])
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise ValidationError(_("More than one %(model)s is named %(name)s; use its id.") % {
                "model": related._meta.verbose_name, "name": raw})
    raise ValidationError(_("No %(model)s %(value)s that you may see.") % {
        "model": related._meta.verbose_name, "value": raw})
