"""Template helpers of the record pages."""

from __future__ import annotations

from django import template

register = template.Library()


@register.simple_tag
def render_widget(bound_field):
    """Render a field's widget, marked invalid and tied to its error text when it has errors."""
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
    return bound_field.as_widget(attrs=attrs)


@register.filter
def get_item(mapping, key):
    """Return `mapping[key]`, or None."""
    try:
        return mapping[key]
    except (KeyError, TypeError, IndexError):
        return None
