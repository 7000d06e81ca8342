"""The generic pages of one record: detail, history, edit (and create), delete."""

from __future__ import annotations

from dataclasses import dataclass, field

from django import forms
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views import View

from clientela.core import registry
from clientela.core.exceptions import ApplicationError, StaleVersionError
from clientela.core.forms.formsets import add_row_errors
from clientela.core.models import ObjectChange
from clientela.core.permissions import restrict
from clientela.core.tables import Cell, Table, field_cell
from clientela.customization.validation import definitions

from .base import RecordViewMixin, optional_url, record_url, safe_return_url

__all__ = [
    "Action",
    "ObjectDeleteView",
    "ObjectEditView",
    "ObjectHistoryView",
    "ObjectView",
    "RelatedList",
    "add_validation_error",
]


@dataclass
class RelatedList:
    """A list of related records on a detail page: headers and rows of cells."""

    title: str
    headers: list[str]
    rows: list[list[Cell]]
    empty: str = field(default_factory=lambda: _("None yet."))

    @classmethod
    def from_table(cls, title, table_class: type[Table], module_slug: str, queryset, user,
                   hidden: frozenset[str] = frozenset()) -> RelatedList:
        """Return the related list of `queryset` (restricted to what `user` may view)."""
        table = table_class(module_slug, hidden)
        columns = table.chosen(None)
        records = restrict(queryset, user, "view")[:50]
        return cls(
            title=str(title),
            headers=[table.label(column) for column in columns],
            rows=[cells for _record, cells in table.rows(records, columns)],
        )


@dataclass
class Action:
    """A button in a detail page's header."""

    label: str
    url: str
    icon: str = ""
    style: str = "outline-secondary"


def add_validation_error(form, error: ValidationError) -> None:
    """Put each message of `error` on its form field, or above the form when it has none."""
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


class ObjectView(RecordViewMixin, View):
    """Show one record: field panels, custom fields, tags, related lists and its history.

    Attributes:
        fieldsets: (title, field names) panels; by default one panel of every editable field.
        template_name: the page; `<app>/<model>.html` is used instead when it exists.
    """

    template_name = "generic/object.html"
    fieldsets: tuple[tuple[str, tuple[str, ...]], ...] = ()
    tab = "details"

    def get(self, request, pk):
        obj = self.get_object(pk)
        context = {
            **self.base_context(),
            "object": obj,
            "tab": self.tab,
            "panels": self.panels(obj),
            "custom_fields": self.custom_values(obj),
            "tags": list(obj.tags.all()),
            "actions": self.get_actions(obj),
            "history_url": record_url(obj, "history"),
            "detail_url": record_url(obj),
        }
        if self.tab == "history":
            context["history"] = self.history(obj)
        else:
            context["related"] = self.get_related(obj)
            context["added_panels"] = self.added_panels(obj)
        context.update(self.get_extra_context(obj))
        meta = self.model._meta
        return render(request, [f"{meta.app_label}/{meta.model_name}.html", self.template_name],
                      context)

    def field_names(self) -> list[str]:
        return [
            f.name for f in self.model._meta.concrete_fields
            if f.editable and not f.primary_key and f.name not in {"custom"}
        ]

    def panels(self, obj) -> list[tuple[str, list[tuple[str, Cell]]]]:
        """Return the field panels with the fields the user may not see left out."""
        hidden = self.hidden_fields
        fieldsets = self.fieldsets or ((capfirst(str(self.model._meta.verbose_name)),
                                        tuple(self.field_names())),)
        panels = []
        for title, names in fieldsets:
            rows = [
                (capfirst(str(self.model._meta.get_field(name).verbose_name)),
                 field_cell(obj, name))
                for name in names
                if name not in hidden
            ]
            if rows:
                panels.append((str(title), rows))
        return panels

    def custom_values(self, obj) -> list[tuple[str, str]]:
        """Return (label, value) of the module's custom fields the user may see."""
        hidden = self.hidden_fields
        values = obj.custom or {}
        shown = []
        for definition in definitions(self.module.slug):
            if definition.name in hidden:
                continue
            value = values.get(definition.name)
            if isinstance(value, list):
                value = ", ".join(str(item) for item in value)
            elif isinstance(value, bool):
                value = _("Yes") if value else _("No")
            shown.append((definition.label, "" if value is None else str(value)))
        return shown

    def history(self, obj) -> list[dict]:
        """Return the record's change log, newest first, without fields the user may not see.

        Values read as on the detail page: choices by label, related records by name (a
        record of a module the user may not see by its id only).
        """
        hidden = self.hidden_fields
        changes = list(ObjectChange.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model), object_id=obj.pk
        ).select_related("user")[:200])
        labels = {definition.name: definition.label
                  for definition in definitions(self.module.slug)}
        names = self.related_names(changes)
        entries = []
        for change in changes:
            rows = []
            for name, (old, new) in change.visible_changes(hidden).items():
                if name.startswith("custom."):
                    label, model_field = labels.get(name.removeprefix("custom."), name), None
                else:
                    try:
                        model_field = self.model._meta.get_field(name)
                    except FieldDoesNotExist:
                        label, model_field = name, None
                    else:
                        if model_field.auto_created and not model_field.concrete:
                            # A list of child rows (reverse relation) recorded by a service.
                            meta = model_field.related_model._meta
                            label, model_field = str(meta.verbose_name_plural), None
                        label = str(model_field.verbose_name if model_field else label)
                        label = capfirst(label)
                rows.append((label, self.history_value(model_field, old, names),
                             self.history_value(model_field, new, names)))
            entries.append({"change": change, "rows": rows})
        return entries

    def related_names(self, changes) -> dict:
        """Return {(related model, id): name} for the related records the changes mention."""
        wanted: dict = {}
        for change in changes:
            for name, values in change.changes.items():
                try:
                    model_field = self.model._meta.get_field(name)
                except FieldDoesNotExist:
                    continue
                if model_field.many_to_one:
                    wanted.setdefault(model_field.related_model, set()).update(
                        value for value in values if isinstance(value, int)
                    )
                elif model_field.many_to_many:
                    wanted.setdefault(model_field.related_model, set()).update(
                        item for value in values if isinstance(value, list)
                        for item in value if isinstance(item, int)
                    )
        names = {}
        for model, ids in wanted.items():
            queryset = model._default_manager.filter(pk__in=ids)
            if registry.module_for_model(model) is not None:
                queryset = restrict(model.all_objects.filter(pk__in=ids), self.request.user,
                                    "view")
            names.update({(model, item.pk): str(item) for item in queryset})
        return names

    @staticmethod
    def history_value(model_field, value, names: dict) -> str:
        """Return a change log value as the user reads it."""
        if value is None or value == "":
            return ""
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if model_field is not None and model_field.many_to_one:
            return names.get((model_field.related_model, value), f"#{value}")
        if model_field is not None and model_field.choices:
            return str(dict(model_field.flatchoices).get(value, value))
        if model_field is not None and model_field.many_to_many and isinstance(value, list):
            return ", ".join(names.get((model_field.related_model, item), f"#{item}")
                             for item in value)
        if isinstance(value, list):
            return ", ".join(str(item) for item in value)
        if isinstance(value, dict):
            return ", ".join(f"{key}: {item}" for key, item in value.items())
        return str(value)

    def get_actions(self, obj) -> list[Action]:
        """Return the header buttons the user may use on this record."""
        actions = []
        if self.may(obj, "edit"):
            actions.append(Action(_("Edit"), record_url(obj, "edit"), "bi-pencil", "primary"))
        if (url := optional_url("users:record_shares", self.module.slug, obj.pk)) and self.may(
            obj, "edit"
        ):
            actions.append(Action(_("Share"), url, "bi-share"))
        if self.may(obj, "delete"):
            actions.append(Action(_("Delete"), record_url(obj, "delete"), "bi-trash",
                                  "outline-danger"))
        return actions

    def added_panels(self, obj) -> list[tuple[str, dict]]:
        """Return (template, context) of the sections other apps add to this record's page."""
        shown = []
        for panel in registry.detail_panels(self.model):
            panel_context = panel.context(self.request, obj)
            if panel_context is not None:
                shown.append((panel.template_name, panel_context))
        return shown

    def get_related(self, obj) -> list[RelatedList]:
        """Return the related lists shown under the record; modules override this."""
        return []

    def get_extra_context(self, obj) -> dict:
        """Return more template context for this record; modules override this."""
        return {}


class ObjectHistoryView(ObjectView):
    """The detail page opened on its History tab."""

    tab = "history"


class ObjectEditView(RecordViewMixin, View):
    """Create or edit one record with the module's `RecordForm`.

    Creating needs the module's create grant (else 403); editing needs edit access to this
    record (404 when the user may not even see it). A save that carries a stale version is
    refused and the form is shown again with the other person's values beside the user's.

    Attributes:
        form: the module's `RecordForm` subclass.
    """

    form: type
    template_name = "generic/object_edit.html"
    permission_action = "edit"

    def get_form(self, obj, data=None):
        return self.form(data, instance=obj, user=self.request.user,
                         module_slug=self.module.slug)

    def get_formsets(self, obj, data=None) -> dict:
        """Return {title: formset} edited beside the record's form; modules override this.

        `save_object` reads the valid formsets from `self.formsets`.
        """
        return {}

    def add_errors(self, form, error: ValidationError) -> None:
        """Show a ValidationError raised while saving: `<prefix>[i].<field>` keys on the rows
        of the formset with that prefix, the others on the form."""
        add_row_errors(form, self.formsets.values(), error)

    def new_object(self) -> models.Model:
        """Return the unsaved record a create form starts from."""
        return self.model()

    def load(self, pk):
        if pk is None:
            self.require("create")
            return self.new_object()
        return self.get_object(pk)

    def get(self, request, pk=None):
        obj = self.load(pk)
        self.formsets = self.get_formsets(obj)
        return self.render_form(obj, self.get_form(obj))

    def post(self, request, pk=None):
        obj = self.load(pk)
        form = self.get_form(obj, request.POST)
        self.formsets = self.get_formsets(obj, request.POST)
        if request.POST.get("_validate"):
            form.is_valid()
            # While the user is still filling the form in, an empty field is not an error yet.
            for name in list(form.errors):
                if name in form.fields and not request.POST.get(form.add_prefix(name)):
                    del form.errors[name]
            return render(request, f"{self.template_name}#form-fields",
                          self.form_context(obj, form))
        # Validate every formset, not just up to the first invalid one, to show all errors.
        formsets_valid = [formset.is_valid() for formset in self.formsets.values()]
        if not form.is_valid() or not all(formsets_valid):
            return self.render_form(obj, form)
        try:
            with transaction.atomic():
                saved = self.save_object(form)
                if not self.get_queryset("view").filter(pk=saved.pk).exists():
                    raise ApplicationError(
                        _("You would no longer be allowed to see this record after this "
                          "change, so it was not saved.")
                    )
        except StaleVersionError as error:
            return self.render_conflict(obj, form, error.current)
        except ValidationError as error:
            self.add_errors(form, error)
            return self.render_form(obj, form)
        except ApplicationError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            return self.render_form(obj, form)
        messages.success(request, _("Saved %(record)s.") % {"record": saved})
        return HttpResponseRedirect(safe_return_url(request, saved.get_absolute_url()))

    def save_object(self, form) -> models.Model:
        """Write the record the valid `form` describes and return it: the one write hook.

        A module whose saves carry business rules overrides this to call its service. Runs
        inside a transaction; raise ValidationError or ApplicationError to refuse.
        """
        obj = form.save(commit=False)
        obj.stamp(self.request.user, expected_version=form.cleaned_data.get("version"))
        obj.full_clean()
        obj.save()
        form.save_m2m()
        return obj

    def form_context(self, obj, form) -> dict:
        return {
            **self.base_context(),
            "object": obj if obj.pk else None,
            "form": form,
            "formsets": list(getattr(self, "formsets", {}).items()),
            "cancel_url": obj.get_absolute_url() if obj.pk else record_url(self.model, "list"),
            "return_url": safe_return_url(self.request, ""),
        }

    def render_form(self, obj, form, status: int = 200, **extra):
        return render(self.request, self.template_name,
                      {**self.form_context(obj, form), **extra}, status=status)

    def render_conflict(self, obj, form, current):
        """Show the form again, loaded with the current version, and both sets of values."""
        rows = []
        for name in form.changed_data:
            if name == "version" or name.startswith("cf_") or name not in form.fields:
                continue
            try:
                theirs = field_cell(current, name).text
            except FieldDoesNotExist:
                # A form field standing for several model fields (a period for its kind and
                # start) shows the record's value of the same name.
                theirs = str(getattr(current, name, "") or "")
            mine = form.cleaned_data.get(name)
            mine = "" if mine in (None, "") else str(mine)
            if isinstance(form.fields[name], forms.ChoiceField) and not isinstance(
                form.fields[name], forms.ModelChoiceField
            ):
                mine = dict(form.fields[name].choices).get(form.data.get(name), mine)
            rows.append((form.fields[name].label, theirs, str(mine)))
        for name in form.custom_field_names:
            bare = name.removeprefix("cf_")
            theirs = (current.custom or {}).get(bare)
            mine = form.cleaned_data.get(name)
            if str(theirs or "") != str(mine or ""):
                rows.append((form.fields[name].label, "" if theirs is None else str(theirs),
                             "" if mine is None else str(mine)))
        data = form.data.copy()
        data["version"] = str(current.version)
        self.formsets = self.get_formsets(obj, data)
        fresh = self.get_form(obj, data)
        fresh.is_valid()
        return render(
            self.request, self.template_name,
            {**self.form_context(obj, fresh), "conflict": rows, "conflict_by": current.updated_by,
             "conflict_at": current.updated_at},
            status=409,
        )


class ObjectDeleteView(RecordViewMixin, View):
    """Ask, then move the record to the recycle bin (404 if unseen, 403 if not deletable)."""

    template_name = "generic/object_delete.html"
    permission_action = "delete"

    def get(self, request, pk):
        obj = self.get_object(pk)
        return render(request, self.template_name, {
            **self.base_context(), "object": obj, "cancel_url": obj.get_absolute_url(),
        })

    def post(self, request, pk):
        obj = self.get_object(pk)
        try:
            with transaction.atomic():
                self.delete_object(obj)
        except ApplicationError as error:
            # A rule keeps the record (an accepted quote, an issued invoice): say why on it.
            messages.error(request, error.message)
            return HttpResponseRedirect(obj.get_absolute_url())
        messages.success(request, _("%(record)s moved to the recycle bin.") % {"record": obj})
        return HttpResponseRedirect(record_url(self.model, "list"))

    def delete_object(self, obj) -> None:
        """Soft-delete `obj`; modules with rules on deletion override this to call a service
        or raise ApplicationError to refuse."""
        obj.soft_delete(self.request.user)

