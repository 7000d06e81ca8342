"""Declarative tables for the generic list pages and exports.

A module declares its columns once (`Column("name", link=True)`); the table renders choices by
their display value, foreign keys as links, booleans as yes/no, and custom fields as
`cf_<name>` columns, and never shows a field the user may not see.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.formats import localize
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from clientela.customization.validation import definitions

__all__ = ["Cell", "Column", "Table", "field_cell"]


def field_cell(record: models.Model, name: str, *, links: bool = True) -> Cell:
    """Return how a model field of `record` reads: choices by label, relations as links."""
    field = record._meta.get_field(name)
    if field.is_relation and field.many_to_one:
        related = getattr(record, name)
        if related is None:
            return Cell("")
        url = getattr(related, "get_absolute_url", None) if links else None
        return Cell(str(related), url() if url else None)
    if field.is_relation:
        return Cell(", ".join(str(item) for item in getattr(record, name).all()))
    if field.choices:
        return Cell(str(getattr(record, f"get_{name}_display")()))
    value = getattr(record, name)
    if isinstance(value, bool):
        return Cell(str(_("Yes") if value else _("No")))
    if value is None:
        return Cell("")
    return Cell(str(localize(value)) if links else str(value))


@dataclass(frozen=True)
class Column:
    """One column: the model field (or `cf_<name>`) it shows, how it is labelled and sorted.

    Args:
        name: a concrete field of the model, or `cf_<name>` for a custom field.
        label: the header; defaults to the field's verbose name.
        sortable: whether clicking the header sorts by it.
        link: whether the cell links to the record itself.
        default: whether the column shows when the user has not chosen columns.
    """

    name: str
    label: Any = None
    sortable: bool = True
    link: bool = False
    default: bool = True

    @property
    def field_name(self) -> str:
        """Return the name the field permissions use (the custom field's bare name)."""
        return self.name.removeprefix("cf_")

    @property
    def is_custom(self) -> bool:
        return self.name.startswith("cf_")


@dataclass(frozen=True)
class Cell:
    """A rendered value: its text, and the URL it links to, if any."""

    text: str
    url: str | None = None


class Table:
    """The columns of a module's list; subclasses declare `model` and `columns`."""

    model: type[models.Model]
    columns: tuple[Column, ...] = ()

    def __init__(self, module_slug: str, hidden: frozenset[str] = frozenset()):
        self.module_slug = module_slug
        self.hidden = hidden
        custom = [
            Column(f"cf_{definition.name}", label=definition.label, sortable=False, default=False)
            for definition in definitions(module_slug)
        ]
        self.all_columns = [
            column
            for column in (*self.columns, *custom)
            if column.field_name not in hidden and column.name not in hidden
        ]

    def available(self) -> list[Column]:
        """Return every column the user may pick, hidden fields left out."""
        return self.all_columns

    def chosen(self, names: list[str] | None) -> list[Column]:
        """Return the columns named in `names` (in that order), or the defaults when none fit."""
        by_name = {column.name: column for column in self.all_columns}
        picked = [by_name[name] for name in names or () if name in by_name]
        return picked or [column for column in self.all_columns if column.default]

    def label(self, column: Column) -> str:
        """Return the header text of a column."""
        if column.label is not None:
            return str(column.label)
        return capfirst(str(self.model._meta.get_field(column.name).verbose_name))

    def sort_key(self, column: Column) -> str | None:
        """Return the ORM ordering expression of a sortable column, or None."""
        if not column.sortable or column.is_custom:
            return None
        return column.name

    def cell(self, record: models.Model, column: Column, *, links: bool = True) -> Cell:
        """Return the display text of one cell, with a link to the record or related record."""
        if column.is_custom:
            value = (record.custom or {}).get(column.field_name)
            if isinstance(value, list):
                value = ", ".join(str(item) for item in value)
            if isinstance(value, bool):
                value = _("Yes") if value else _("No")
            return Cell("" if value is None else str(value))
        cell = field_cell(record, column.name, links=links)
        if column.link and links:
            return Cell(cell.text, record.get_absolute_url())
        return cell

    def rows(self, records, columns: list[Column]) -> list[tuple[models.Model, list[Cell]]]:
        """Return each record with its cells for `columns`."""
        return [(record, [self.cell(record, column) for column in columns]) for record in records]
