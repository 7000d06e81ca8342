"""Filters of the order lists (pages and API)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from clientela.core.filtersets import RecordFilterSet

from ..models import Order


class OrderFilterSet(RecordFilterSet):
    """Filter orders by account, shipping status, dates and totals."""

    order_date__gte = django_filters.DateFilter(
        field_name="order_date", lookup_expr="gte", label=_("Ordered from"),
        widget=forms.DateInput(attrs={"type": "date"}))
    order_date__lte = django_filters.DateFilter(
        field_name="order_date", lookup_expr="lte", label=_("Ordered until"),
        widget=forms.DateInput(attrs={"type": "date"}))

    class Meta(RecordFilterSet.Meta):
        model = Order
        fields = [
            "subject", "account", "contact", "opportunity", "quote", "currency", "price_book",
            "order_date", "shipping_status", "shipped_on", "description", "billing_city",
            "billing_country", "shipping_city", "shipping_country", "subtotal",
            "discount_total", "tax_total", "total",
        ]
