"""How analytics values read in pages: money in the base currency, shares as percentages,
scores and counts as numbers, an empty value as a dash."""

from __future__ import annotations

from django import template
from django.utils.formats import date_format, number_format

from clientela.sales.money import format_money

register = template.Library()
DASH = "—"


@register.simple_tag
def measure_value(value, kind: str, currency: str = "") -> str:
    """Return `value` as the pages show a value of this kind."""
    if value is None or value == "":
        return DASH
    if kind == "money":
        return format_money(value, currency)
    if kind == "share":
        return f"{number_format(100 * float(value), 1)} %"
    if kind == "percent":
        return f"{number_format(float(value), 1)} %"
    if kind == "number":
        return number_format(value, 0 if isinstance(value, int) else 1, force_grouping=True)
    if kind == "date":
        return date_format(value, "SHORT_DATE_FORMAT")
    return str(value)
