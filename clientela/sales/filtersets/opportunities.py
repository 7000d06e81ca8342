"""Filters of the opportunity lists (pages and API)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from clientela.core.filtersets import RecordFilterSet
from clientela.users.models import Team

from ..choices import ForecastCategory, ForecastFigure, QuotaErrorCode
from ..forecasting import Period, forecast_category_q, forecast_figure_q, parse_period
from ..models import Opportunity, Pipeline, Stage


class PeriodField(forms.CharField):
    """A month (`2026-11`) or a quarter (`2026-Q4`), cleaned into a `Period`."""

    def clean(self, value) -> Period | None:
        value = super().clean(value)
        if not value:
            return None
        try:
            return parse_period(value)
        except ValueError:
            raise forms.ValidationError(QuotaErrorCode.BAD_PERIOD.label) from None


class PeriodFilter(django_filters.CharFilter):
    field_class = PeriodField


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

    closed_on__gte = django_filters.DateFilter(
        field_name="closed_on", lookup_expr="gte", label=_("Closed from"),
        widget=forms.DateInput(attrs={"type": "date"}))
    closed_on__lte = django_filters.DateFilter(
        field_name="closed_on", lookup_expr="lte", label=_("Closed until"),
        widget=forms.DateInput(attrs={"type": "date"}))
    effective_forecast_category = django_filters.MultipleChoiceFilter(
        choices=ForecastCategory.choices, method="filter_effective_category",
        label=_("Forecast category (chosen or from the probability)"))
    owner_team = django_filters.ModelChoiceFilter(
        field_name="owner__team", queryset=Team.objects.all(), label=_("Owner's team"))
    # Together they select exactly the opportunities behind one figure of the forecast; the
    # period alone selects every opportunity the forecast of that period counts.
    forecast_period = PeriodFilter(method="filter_nothing", label=_("Forecast period"))
    forecast_figure = django_filters.ChoiceFilter(
        choices=ForecastFigure.choices, method="filter_nothing", label=_("Forecast figure"))

    class Meta(RecordFilterSet.Meta):
        model = Opportunity
        fields = [
            "name", "account", "pipeline", "stage", "status", "amount", "currency",
            "probability", "expected_close_date", "forecast_category", "next_step",
            "lead_source", "lost_reason", "closed_on",
        ]

    def filter_effective_category(self, queryset, name, value):
        return queryset.filter(forecast_category_q(value)) if value else queryset

    def filter_nothing(self, queryset, name, value):
        # forecast_period and forecast_figure act together, in filter_queryset.
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        period = self.form.cleaned_data.get("forecast_period")
        if period is not None:
            figure = self.form.cleaned_data.get("forecast_figure") or None
            queryset = queryset.filter(forecast_figure_q(figure, period))
        return queryset
