"""The quota edit form, with its period chosen as a month or a quarter, and its bulk edit."""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from clientela.core.forms import BulkEditForm, RecordForm
from clientela.core.forms.records import style_fields

from ..choices import PeriodKind, QuotaErrorCode
from ..forecasting import Period, parse_period, period_of
from ..models import Quota

# The periods offered: this year, the one before and the one after.
YEARS_AROUND = 1


def period_choices(today, current: Period | None = None) -> list:
    """Return the months and quarters to choose from, grouped by year, quarters first."""
    groups = []
    for year in range(today.year - YEARS_AROUND, today.year + YEARS_AROUND + 1):
        options = []
        for quarter in range(1, 5):
            options.append((f"{year}-Q{quarter}", _("Q%(number)d %(year)d")
                            % {"number": quarter, "year": year}))
        for month in range(1, 13):
            period = period_of(PeriodKind.MONTH, today.replace(year=year, month=month, day=1))
            options.append((period.label, date_format(period.start, "YEAR_MONTH_FORMAT")))
        groups.append((str(year), options))
    if current is not None and not any(current.label == value for _year, options in groups
                                       for value, _label in options):
        groups.insert(0, (_("Current"), [(current.label, current.label)]))
    return groups


class QuotaForm(RecordForm):
    """A quota for a salesperson or a team; its period is one choice, a month or a quarter."""

    period = forms.ChoiceField(label=_("Period"), help_text=_("A month or a quarter."))

    class Meta:
        model = Quota
        fields = ["user", "sales_team", "amount", "notes", "tags"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        current = self.instance.period if self.instance.pk else None
        self.fields["period"].choices = [("", "---------"), *period_choices(today, current)]
        if current is not None:
            self.initial.setdefault("period", current.label)
        else:
            self.initial.setdefault("period", period_of(PeriodKind.MONTH, today).label)
        self.order_fields(["user", "sales_team", "period", "amount", "notes", "tags"])
        style_fields(self)

    def clean_period(self):
        try:
            period = parse_period(self.cleaned_data["period"])
        except ValueError:
            raise ValidationError(QuotaErrorCode.BAD_PERIOD.label) from None
        self.instance.period_kind = period.kind
        self.instance.period_start = period.start
        return period.label

    def _update_errors(self, errors: ValidationError) -> None:
        # The model names `period_start` and `period_kind`; this form edits them as `period`.
        if hasattr(errors, "error_dict"):
            for name in ("period_start", "period_kind"):
                if name in errors.error_dict:
                    errors.error_dict.setdefault("period", []).extend(
                        errors.error_dict.pop(name))
            for name in list(errors.error_dict):
                if name != NON_FIELD_ERRORS and name not in self.fields:
                    errors.error_dict.setdefault(NON_FIELD_ERRORS, []).extend(
                        errors.error_dict.pop(name))
        super()._update_errors(errors)


class QuotaBulkEditForm(BulkEditForm):
    model = Quota
    fields_to_edit = ("amount",)
