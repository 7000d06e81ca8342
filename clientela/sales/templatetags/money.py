"""`{{ amount|money:"EUR" }}`: amounts shown the same way on every page."""

from django import template

from clientela.sales.money import format_money

register = template.Library()


@register.filter
def money(amount, currency):
    """Return the amount in the active locale's digits followed by the currency code."""
    return format_money(amount, currency)
