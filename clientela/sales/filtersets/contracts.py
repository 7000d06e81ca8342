"""Filters of the contract lists (pages and API)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from clientela.core.filtersets import RecordFilterSet

from ..models import Contract


class ContractFilterSet(RecordFilterSet):
    """Filter contracts by account, status, dates, value and currency."""

    renewal_date__gte = django_filters.DateFilter(
        field_name="renewal_date", lookup_expr="gte", label=_("Renewal from"),
        widget=forms.DateInput(attrs={"type": "date"}))
    renewal_date__lte = django_filters.DateFilter(
        field_name="renewal_date", lookup_expr="lte", label=_("Renewal until"),
        widget=forms.DateInput(attrs={"type": "date"}))

    class Meta(RecordFilterSet.Meta):
        model = Contract
        fields = [
            "name", "account", "start_date", "end_date", "value", "currency", "status",
            "renewal_date", "reminder_days", "notes",
        ]
