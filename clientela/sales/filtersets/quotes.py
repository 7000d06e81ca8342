"""Filters of the quote lists (pages and API)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from clientela.core.filtersets import RecordFilterSet

from ..choices import QuoteStatus
from ..models import Quote
from ..selectors.quotes import quotes_in_status


class QuoteFilterSet(RecordFilterSet):
    """Filter quotes by status (past-validity ones are expired), account, dates and totals."""

    status = django_filters.ChoiceFilter(choices=QuoteStatus.choices, label=_("Status"),
                                         method="filter_status")
    valid_until__gte = django_filters.DateFilter(
        field_name="valid_until", lookup_expr="gte", label=_("Valid from"),
        widget=forms.DateInput(attrs={"type": "date"}))
    valid_until__lte = django_filters.DateFilter(
        field_name="valid_until", lookup_expr="lte", label=_("Valid until"),
        widget=forms.DateInput(attrs={"type": "date"}))

    class Meta(RecordFilterSet.Meta):
        model = Quote
        fields = [
            "subject", "account", "contact", "opportunity", "currency", "price_book",
            "valid_until", "status", "terms", "sent_on", "answered_on", "subtotal",
            "discount_total", "tax_total", "total",
        ]

    def filter_status(self, queryset, name, value):
        return quotes_in_status(queryset, value) if value else queryset
