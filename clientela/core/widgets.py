"""Widgets of the record pages: the autocomplete that picks one record among many."""

from __future__ import annotations

from django import forms
from django.urls import reverse

__all__ = ["RecordAutocomplete"]


class RecordAutocomplete(forms.TextInput):
    """Pick one record by typing part of its name; the form receives the record's id.

    Without JavaScript this is a text input for the record's id, with the chosen record's name
    beside it. `record-picker.js` turns it into an ARIA combobox that searches
    `/autocomplete/<source>/` and keeps the id in a hidden input of the same name.

    `user` is who the form is for: naming the current value costs one query for that single
    record, among those the user may see, never a list of choices.
    """

    template_name = "widgets/record_autocomplete.html"
    input_type = "text"

    def __init__(self, source: str, attrs: dict | None = None):
        super().__init__(attrs)
        self.source = source
        self.user = None

    def label_for(self, value) -> str:
        """Return the picker label of the record with id `value`; "" if the user cannot see it."""
        from clientela.core.forms.pickers import picker_results

        if value in (None, "") or not str(value).isdigit() or self.user is None:
            return ""
        try:
            found = picker_results(user=self.user, source=self.source, pk=str(value))
        except KeyError:
            return ""
        return found[0]["label"] if found else ""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        value = context["widget"]["value"]
        context["widget"].update({
            "source_url": reverse("core:autocomplete", args=[self.source]),
            "label": self.label_for(value),
        })
        return context
