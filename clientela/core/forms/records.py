"""Forms every record type shares: the edit form with custom fields and field rules, bulk edit."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import fields_for_model
from django.utils.translation import gettext_lazy as _

from clientela.core import registry
from clientela.core.forms.pickers import use_record_pickers
from clientela.core.permissions import field_rules, restrict
from clientela.customization.choices import CustomFieldType
from clientela.customization.validation import definitions

__all__ = ["BulkEditForm", "RecordForm", "SavedViewForm", "custom_form_field", "style_fields"]


def custom_form_field(definition) -> forms.Field:
    """Return the form field that edits one custom field, typed like its definition."""
    kind = definition.type
    options: dict[str, Any] = {
        "label": definition.label,
        "required": definition.required,
        "help_text": definition.help_text,
    }
    if kind == CustomFieldType.LONG_TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), **options)
    if kind == CustomFieldType.INTEGER:
        return forms.IntegerField(**options)
    if kind == CustomFieldType.DECIMAL:
        return forms.DecimalField(**options)
    if kind == CustomFieldType.DATE:
        return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **options)
    if kind == CustomFieldType.DATETIME:
        return forms.DateTimeField(**options)
    if kind == CustomFieldType.BOOLEAN:
        return forms.BooleanField(**{**options, "required": False})
    if kind == CustomFieldType.CHOICE:
        choices = [("", "---------"), *((choice, choice) for choice in definition.choices)]
        return forms.ChoiceField(choices=choices, **options)
    if kind == CustomFieldType.MULTI_CHOICE:
        return forms.MultipleChoiceField(
            choices=[(choice, choice) for choice in definition.choices],
            widget=forms.CheckboxSelectMultiple, **options,
        )
    if kind == CustomFieldType.EMAIL:
        return forms.EmailField(**options)
    if kind == CustomFieldType.URL:
        return forms.URLField(**options)
    return forms.CharField(max_length=255, **options)


def restrict_choices(form: forms.BaseForm, user) -> None:
    """Offer in each record-choosing field only the records `user` may see."""
    for field in form.fields.values():
        queryset = getattr(field, "queryset", None)
        if queryset is not None and registry.module_for_model(queryset.model) is not None:
            field.queryset = restrict(queryset, user, "view")


def style_fields(form: forms.BaseForm) -> None:
    """Give every widget of `form` its Bootstrap class."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
            continue
        if isinstance(widget, forms.Textarea):
            widget.attrs["rows"] = min(int(widget.attrs.get("rows", 3)), 4)
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class RecordForm(forms.ModelForm):
    """Edit one record: its model fields, its custom fields as `cf_<name>`, and its version.

    Fields the user's role hides are left out; read-only ones are shown disabled, so their
    stored values are kept whatever the browser sends. `version` carries the version the user
    loaded, for optimistic locking.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, module_slug: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.module_slug = module_slug
        self.hidden_names, self.read_only_names = field_rules(user, module_slug)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        self.custom_definitions = {}
        stored = self.instance.custom or {}
        for definition in definitions(module_slug):
            if definition.name in self.hidden_names:
                continue
            field = custom_form_field(definition)
            field.initial = stored.get(definition.name) if self.instance.pk else (
                definition.default
            )
            self.fields[f"cf_{definition.name}"] = field
            self.custom_definitions[definition.name] = definition
        for name in list(self.fields):
            bare = name.removeprefix("cf_")
            if name in self.hidden_names or (name.startswith("cf_") and bare in self.hidden_names):
                del self.fields[name]
            elif bare in self.read_only_names:
                self.fields[name].disabled = True
        if "owner" in self.fields and not self.fields["owner"].disabled:
            # Every record has an owner; a new one starts with the user who creates it.
            self.fields["owner"].required = True
            self.fields["owner"].queryset = self.fields["owner"].queryset.filter(is_active=True)
            if not self.instance.pk and not self.initial.get("owner"):
                # The instance's empty owner fills form.initial, which wins over field.initial.
                self.initial["owner"] = user.pk
        restrict_choices(self, user)
        use_record_pickers(self, user)
        style_fields(self)

    @property
    def custom_field_names(self) -> list[str]:
        """Return the names of the custom form fields, in display order."""
        return [name for name in self.fields if name.startswith("cf_")]

    def _post_clean(self) -> None:
        # Record.clean() validates and normalises `custom`; its messages come back through
        # _update_errors and land on the matching cf_ field.
        stored = dict(self.instance.custom or {})
        for name in self.custom_definitions:
            key = f"cf_{name}"
            if key in self.cleaned_data and not self.fields[key].disabled:
                value = self.cleaned_data[key]
                stored[name] = None if value in ("", [], None) else value
        self.instance.custom = {name: value for name, value in stored.items()
                                if value is not None}
        super()._post_clean()

    def _update_errors(self, errors: ValidationError) -> None:
        if hasattr(errors, "error_dict") and "custom" in errors.error_dict:
            messages = [message for error in errors.error_dict.pop("custom")
                        for message in error.messages]
            self._add_custom_errors(messages)
        super()._update_errors(errors)

    def _add_custom_errors(self, messages: list[str]) -> None:
        for message in messages:
            name, _sep, text = str(message).partition(": ")
            key = f"cf_{name}"
            if key in self.fields:
                self.add_error(key, text)
            else:
                self.add_error(None, message)


class BulkEditForm(forms.Form):
    """Set chosen fields on many records; a field left empty stays as it is on each record.

    Subclasses set `model` and `fields`; fields the user may not change are left out.
    """

    model: type[models.Model]
    fields_to_edit: tuple[str, ...] = ()

    def __init__(self, *args, user, module_slug: str, **kwargs):
        super().__init__(*args, **kwargs)
        hidden, read_only = field_rules(user, module_slug)
        names = [name for name in self.fields_to_edit if name not in hidden | read_only]
        for name, field in fields_for_model(self.model, fields=names).items():
            # The model's default must not preselect a value that would overwrite every record.
            field.required = False
            field.initial = None
            if isinstance(field, forms.TypedChoiceField | forms.ChoiceField) and not isinstance(
                field, forms.ModelChoiceField
            ):
                field.choices = [("", _("(no change)")),
                                 *(choice for choice in field.choices if choice[0] != "")]
            elif isinstance(field, forms.ModelChoiceField):
                field.empty_label = _("(no change)")
            self.fields[name] = field
        restrict_choices(self, user)
        use_record_pickers(self, user)
        style_fields(self)

    def changes(self) -> dict[str, Any]:
        """Return the fields the user chose to set, with their new values."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if value not in (None, "") and name in self.fields
        }


class SavedViewForm(forms.Form):
    """Name the current filters and columns of a list to pick them again later."""

    name = forms.CharField(label=_("View name"), max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)
