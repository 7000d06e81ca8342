"""The analytics pages' filters."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from clientela.accounts.choices import CustomerClass, Industry

from .models import AnalysisRun, Portfolio
from .selectors.results import ResultFilters, finished_runs, region_choices


class ResultFilterForm(forms.Form):
    """Which run, and which customers of it: type, region, sector, owner."""

    run = forms.ModelChoiceField(label=_("Run"), queryset=AnalysisRun.objects.none(),
                                 required=False, empty_label=_("Latest"))
    customer_class = forms.ChoiceField(label=_("Customer type"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    industry = forms.ChoiceField(label=_("Sector"), required=False)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=get_user_model().objects.none(),
                                   required=False, empty_label=_("Anyone"))
    portfolio = forms.ModelChoiceField(label=_("Portfolio"), queryset=Portfolio.objects.none(),
                                       required=False, empty_label=_("Any"))

    def __init__(self, data=None, *, run: AnalysisRun | None, users, portfolios=None,
                 **kwargs):
        super().__init__(data, **kwargs)
        everyone = [("", _("Any"))]
        self.fields["run"].queryset = finished_runs()
        self.fields["run"].label_from_instance = lambda item: (
            f"{item.as_of:%Y-%m-%d} · {item.get_trigger_display()} #{item.pk}")
        self.fields["customer_class"].choices = everyone + list(CustomerClass.choices)
        self.fields["industry"].choices = everyone + list(Industry.choices)
        self.fields["region"].choices = everyone + [
            (region, region) for region in (region_choices(run) if run else [])]
        self.fields["owner"].queryset = users
        if portfolios is None:
            del self.fields["portfolio"]
        else:
            self.fields["portfolio"].queryset = portfolios
            self.fields["portfolio"].label_from_instance = lambda item: f"{item.code} {item.name}"
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select form-select-sm"

    def filters(self) -> ResultFilters:
        """Return the chosen filters; a value the form refused is left out."""
        if not self.is_bound or not self.is_valid():
            return ResultFilters()
        data = self.cleaned_data
        return ResultFilters(
            customer_class=data.get("customer_class") or "", region=data.get("region") or "",
            industry=data.get("industry") or "",
            owner=data["owner"].pk if data.get("owner") else None,
            portfolio=data["portfolio"].pk if data.get("portfolio") else None,
        )


class RunStartForm(forms.Form):
    """An on-demand run: as of which day, over how many months."""

    as_of = forms.DateField(label=_("As of"), widget=forms.DateInput(attrs={"type": "date"}))
    period_months = forms.IntegerField(label=_("Period (months)"), min_value=1, max_value=60)

    def __init__(self, data=None, *, today, period_months: int, **kwargs):
        super().__init__(data, initial={"as_of": today, "period_months": period_months},
                         **kwargs)
        self.today = today
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-control form-control-sm"

    def clean_as_of(self):
        as_of = self.cleaned_data["as_of"]
        if as_of > self.today:
            raise forms.ValidationError(_("A run looks back from a day that has come."))
        return as_of
