"""The merge page: its side-by-side form, and the view every mergeable module declares.

A module's page is `class AccountMergeView(RecordMergeView)` with `queryset` and `merge`
(the domain service); the form shows each field's value per record with a radio to choose the
winner, and posts `fields` in the contract of `clientela.core.merge`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from clientela.core.merge import EMPTY_VALUES, mergeable_fields
from clientela.core.models import Record
from clientela.core.permissions import field_rules, restrict
from clientela.core.registry import module_for_model
from clientela.customization.validation import definitions

MAX_RECORDS = 10
PREFIX = "f__"


@dataclass
class MergeRow:
    """One line of the comparison: a field's value in each record and its radio buttons."""

    name: str
    label: str
    cells: list[dict[str, Any]] = field(default_factory=list)
    differs: bool = False
    read_only: bool = False

    @property
    def input_name(self) -> str:
        return f"{PREFIX}{self.name}"


def _display(record: Record, model_field, visible: dict[int, set[int]]) -> str:
    """Return a field's value as shown on the page; an unseen related record only by id."""
    value = getattr(record, model_field.attname)
    if value in EMPTY_VALUES:
        return ""
    if model_field.choices:
        return str(getattr(record, f"get_{model_field.name}_display")())
    if model_field.is_relation:
        related = model_field.related_model
        if module_for_model(related) is not None and value not in visible.get(id(related), ()):
            return f"#{value}"
        return str(getattr(record, model_field.name))
    return str(value)


class MergeForm(forms.Form):
    """Choose the survivor and, per differing field, the record whose value wins.

    `rows` describe every field for the template; `merge_fields()` returns the choices as
    {field name: record id}. Differing fields come first; fields empty in every record are left
    out. Hidden fields are neither shown nor choosable; read-only ones are shown and keep the
    survivor's value.
    """

    survivor = forms.TypedChoiceField(coerce=int, widget=forms.RadioSelect)

    def __init__(self, *args, records: list[Record], user, derived: Iterable[str] = (),
                 **kwargs):
        super().__init__(*args, **kwargs)
        self.records = records
        model = type(records[0])
        module = module_for_model(model)
        hidden, read_only = field_rules(user, module.slug)
        ids = [record.pk for record in records]
        self.fields["survivor"].choices = [(record.pk, str(record)) for record in records]
        self.fields["survivor"].label = _("Keep")
        self.fields["survivor"].initial = ids[0]
        visible = self._visible_related(model, records, user)
        self.rows: list[MergeRow] = []
        for model_field in mergeable_fields(model, derived):
            if model_field.name in hidden:
                continue
            self._add_row(
                model_field.name, capfirst(str(model_field.verbose_name)),
                [getattr(record, model_field.attname) for record in records],
                [_display(record, model_field, visible) for record in records],
                model_field.name in read_only,
            )
        labels = {definition.name: definition.label for definition in definitions(module.slug)}
        names = sorted({name for record in records for name in (record.custom or {})})
        for name in names:
            if name in hidden:
                continue
            values = [(record.custom or {}).get(name) for record in records]
            self._add_row(f"custom.{name}", labels.get(name, name), values,
                          ["" if value in EMPTY_VALUES else str(value) for value in values],
                          name in read_only)
        # What needs a decision comes first; values all records share follow for reference.
        self.rows.sort(key=lambda row: not row.differs)
        self.ids = ids

    @staticmethod
    def _visible_related(model, records, user) -> dict[int, set[int]]:
        """Return, per related registered model, the ids among the records' that user sees."""
        visible: dict[int, set[int]] = {}
        for model_field in model._meta.concrete_fields:
            related = model_field.related_model if model_field.is_relation else None
            if related is None or module_for_model(related) is None:
                continue
            pks = {getattr(record, model_field.attname) for record in records} - {None}
            visible[id(related)] = set(
                restrict(related.all_objects.filter(pk__in=pks), user, "view")
                .values_list("pk", flat=True)
            )
        return visible

    def _add_row(self, name: str, label: str, values: list, shown: list[str],
                 read_only: bool) -> None:
        if all(value in EMPTY_VALUES for value in values):
            return
        differs = len({repr(value) for value in values}) > 1
        row = MergeRow(name, label, differs=differs, read_only=read_only)
        default = next(
            (record.pk for record, value in zip(self.records, values, strict=True)
             if value not in EMPTY_VALUES), self.records[0].pk,
        ) if values[0] in EMPTY_VALUES else self.records[0].pk
        if differs and not read_only:
            self.fields[row.input_name] = forms.TypedChoiceField(
                coerce=int, widget=forms.RadioSelect, label=label, initial=default,
                required=False, empty_value=None,
                choices=[(record.pk, text) for record, text in zip(self.records, shown,
                                                                    strict=True)],
            )
        chosen = self._chosen(row.input_name, default)
        for record, text in zip(self.records, shown, strict=True):
            row.cells.append({"pk": record.pk, "text": text, "checked": record.pk == chosen})
        self.rows.append(row)

    def _chosen(self, input_name: str, default: int) -> int:
        if self.is_bound:
            raw = self.data.get(input_name)
            return int(raw) if raw and str(raw).isdigit() else default
        return default

    def merge_fields(self) -> dict[str, int]:
        """Return {field name: id of the record whose value wins} for the differing fields."""
        return {
            name.removeprefix(PREFIX): value
            for name, value in self.cleaned_data.items()
            if name.startswith(PREFIX) and value is not None
        }

    def add_merge_error(self, error: ValidationError) -> None:
        """Put each message of a merge's ValidationError on its row, or above the form."""
        for key, errors in error.message_dict.items():
            name = PREFIX + key.removeprefix("fields.")
            self.add_error(name if name in self.fields else None, errors)
