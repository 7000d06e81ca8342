"""Filters of the opportunity lists (pages and API)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from clientela.core.filtersets import RecordFilterSet

from ..models import Opportunity, Pipeline, Stage


class OpportunityFilterSet(RecordFilterSet):
    """Filter opportunities by pipeline, stage, status, account, close dates and the rest."""

    pipeline = django_filters.ModelChoiceFilter(queryset=Pipeline.objects.all(),
                                                label=_("Pipeline"))
    stage = django_filters.ModelChoiceFilter(
        queryset=Stage.objects.select_related("pipeline"), label=_("Stage"))
    expected_close_date__gte = django_filters.DateFilter(
        field_name="expected_close_date", lookup_expr="gte", label=_("Closing from"),
        widget=forms.DateInput(attrs={"type": "date"}))
    expected_close_date__lte = django_filters.DateFilter(
        field_name="expected_close_date", lookup_expr="lte", label=_("Closing until"),
        widget=forms.DateInput(attrs={"type": "date"}))

    class Meta(RecordFilterSet.Meta):
        model = Opportunity
        fields = [
            "name", "account", "pipeline", "stage", "status", "amount", "currency",
            "probability", "expected_close_date", "next_step", "lead_source", "lost_reason",
            "closed_on",
        ]
