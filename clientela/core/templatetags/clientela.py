"""Template helpers of the record pages."""

from __future__ import annotations

from django import template
from django.core.exceptions import FieldDoesNotExist

from clientela.core import registry
from clientela.core.forms.pickers import picker_source
from clientela.core.widgets import RecordAutocomplete

register = template.Library()


@register.simple_tag(takes_context=True)
def render_widget(context, bound_field):
    """Render a field's widget, marked invalid and tied to its error text when it has errors.

    In a list's filter panel, a filter on a foreign key to records or users renders as a record
    picker instead of a list of every record.
    """
    attrs = {}
    if bound_field.errors:
        base = bound_field.field.widget.attrs.get("class", "")
        attrs = {
            "class": f"{base} is-invalid".strip(),
            "aria-invalid": "true",
            "aria-describedby": f"{bound_field.auto_id}_error",
        }
    elif bound_field.help_text:
        attrs = {"aria-describedby": f"{bound_field.auto_id}_help"}
    return bound_field.as_widget(widget=filter_picker(context, bound_field), attrs=attrs)


def filter_picker(context, bound_field) -> RecordAutocomplete | None:
    """Return a record picker for a filter panel's foreign key field, else None.

    A filter form knows no model, so the target comes from the page's module: the filter's
    name is the foreign key's.
    """
    panel = context.get("filter_form") or ()
    module = context.get("module")
    request = context.get("request")
    if module is None or request is None or not any(bound_field is field for field in panel):
        return None
    if isinstance(bound_field.field.widget, RecordAutocomplete):
        return None
    try:
        model_field = module.model._meta.get_field(bound_field.name)
    except FieldDoesNotExist:
        return None
    if not model_field.many_to_one:
        return None
    source = picker_source(model_field.related_model)
    if source is None:
        return None
    attrs = dict(bound_field.field.widget.attrs)
    attrs["class"] = " ".join(
        "form-control" if css == "form-select" else css for css in attrs.get("class", "").split()
    ) or "form-control"
    widget = RecordAutocomplete(source=source, attrs=attrs)
    widget.user = request.user
    widget.is_required = False
    return widget


@register.filter
def get_item(mapping, key):
    """Return `mapping[key]`, or None."""
    try:
        return mapping[key]
    except (KeyError, TypeError, IndexError):
        return None


@register.simple_tag
def admin_pages():
    """Return the administrators' pages that domain apps added (tabs beside Users, Roles)."""
    return registry.admin_pages()
