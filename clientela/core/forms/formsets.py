"""Rows edited beside a record (emails, lines, stages...): reading the kept rows, and putting
a service's `prefix[i].field` errors back on the rows they came from."""

from __future__ import annotations

from collections.abc import Iterable

from django import forms
from django.core.exceptions import ValidationError


def formset_rows(formset: forms.BaseFormSet) -> list[dict]:
    """Return the filled-in, not deleted rows of a valid formset, without `DELETE`.

    `formset.kept_indexes` then maps each returned row to its form, so an error a service
    raises on `<prefix>[i].<field>` lands on the row the user typed.
    """
    kept = [index for index, row in enumerate(formset.forms)
            if row.cleaned_data and not row.cleaned_data.get("DELETE")]
    formset.kept_indexes = kept
    return [
        {name: value for name, value in formset.forms[index].cleaned_data.items()
         if name != "DELETE"}
        for index in kept
    ]


def add_row_errors(form: forms.BaseForm, formsets: Iterable[forms.BaseFormSet],
                   error: ValidationError) -> None:
    """Put each message of `error` where it belongs: `<prefix>[i].<field>` on the i-th kept
    row of the formset with that prefix, a field of `form` on it, the rest above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    by_prefix = {formset.prefix: formset for formset in formsets}
    for key, messages in error.message_dict.items():
        prefix, _sep, rest = key.partition("[")
        index, _sep, name = rest.partition("].")
        formset = by_prefix.get(prefix)
        kept = getattr(formset, "kept_indexes", [])
        if formset is not None and index.isdigit() and int(index) < len(kept):
            row = formset.forms[kept[int(index)]]
            row.add_error(name if name in row.fields else None, messages)
        else:
            form.add_error(key if key in form.fields else None, messages)
