"""Filters of the quota lists (pages and API)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from clientela.core.filtersets import RecordFilterSet

from ..models import Quota


class QuotaFilterSet(RecordFilterSet):
    """Filter quotas by salesperson, team, period and amount."""

    period_start__gte = django_filters.DateFilter(
        field_name="period_start", lookup_expr="gte", label=_("Starting from"),
        widget=forms.DateInput(attrs={"type": "date"}))
    period_start__lte = django_filters.DateFilter(
        field_name="period_start", lookup_expr="lte", label=_("Starting until"),
        widget=forms.DateInput(attrs={"type": "date"}))

    class Meta(RecordFilterSet.Meta):
        model = Quota
        fields = ["user", "sales_team", "period_kind", "period_start", "amount", "notes"]
