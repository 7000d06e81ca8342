"""The sales dashboard's filters: a range of months, a team, a salesperson and a pipeline."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from clientela.core.forms.records import style_fields
from clientela.users.models import Team, User

from ..choices import PeriodKind
from ..forecasting import Period, parse_period
from ..models import Pipeline
from ..selectors.dashboard import MAX_MONTHS, DashboardFilters, months_between

BAD_MONTH = _("Give a month as 2026-11.")
REVERSED = _("The last month comes before the first.")
TOO_LONG = _("Ask for at most %(count)d months.") % {"count": MAX_MONTHS}
# The names of the filters, in the page's query string and the API's alike.
PARAMETERS = ("from", "to", "team", "owner", "pipeline")


def parse_month(text: str) -> Period:
    """Return the month `2026-11` names; raise ValueError for anything else."""
    period = parse_period(text)
    if period.kind != PeriodKind.MONTH:
        raise ValueError(text)
    return period


def default_first(last: Period) -> Period:
    """Return the first month when only the last is given: twelve months up to it."""
    return last.shifted(-11)


def check_range(first: Period, last: Period) -> str | None:
    """Return why `first`–`last` is not a range the dashboard reads, None when it is."""
    if last.start < first.start:
        return str(REVERSED)
    if len(months_between(first, last)) > MAX_MONTHS:
        return str(TOO_LONG)
    return None


class DashboardForm(forms.Form):
    """Pick the months, and narrow to a team, a salesperson or a pipeline the user may see.

    A field that does not validate falls back to its default, so the page always shows
    figures, with the error beside the field.
    """

    team = forms.ModelChoiceField(queryset=Team.objects.none(), required=False,
                                  label=_("Team"), empty_label=_("All teams"))
    owner = forms.ModelChoiceField(queryset=User.objects.none(), required=False,
                                   label=_("Salesperson"), empty_label=_("Everyone"))
    pipeline = forms.ModelChoiceField(queryset=Pipeline.objects.none(), required=False,
                                      label=_("Pipeline"), empty_label=_("All pipelines"))

    def __init__(self, *args, users, teams, pipelines, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.default = DashboardFilters.last_months(today)
        # "from" is a Python keyword, so the month fields are added here rather than declared.
        self.fields = {
            "from": forms.CharField(label=_("From"), required=False,
                                    initial=self.default.first.label,
                                    widget=forms.TextInput(attrs={"type": "month"})),
            "to": forms.CharField(label=_("To"), required=False, initial=self.default.last.label,
                                  widget=forms.TextInput(attrs={"type": "month"})),
            **self.fields,
        }
        self.fields["team"].queryset = teams
        self.fields["owner"].queryset = users
        self.fields["pipeline"].queryset = pipelines
        style_fields(self)

    def _month(self, name: str, default: Period) -> Period:
        text = (self.cleaned_data.get(name) or "").strip()
        if not text:
            return default
        try:
            return parse_month(text)
        except ValueError:
            raise forms.ValidationError({name: BAD_MONTH}) from None

    def clean(self):
        cleaned = super().clean()
        last = self._month("to", self.default.last)
        first = self._month("from", default_first(last))
        problem = check_range(first, last)
        if problem:
            self.add_error("to", problem)
        else:
            cleaned["first"], cleaned["last"] = first, last
        return cleaned

    def filters(self) -> DashboardFilters:
        """Return the filters chosen; the defaults for what does not validate."""
        if not self.is_bound:
            return self.default
        self.is_valid()
        data = self.cleaned_data
        return DashboardFilters(
            first=data.get("first", self.default.first),
            last=data.get("last", self.default.last),
            team=data.get("team"), owner=data.get("owner"), pipeline=data.get("pipeline"))
