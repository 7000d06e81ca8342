"""The opportunity edit form with its contact rows, bulk edit, closing, and the board filters."""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from clientela.accounts.choices import AccountType
from clientela.accounts.models import Account
from clientela.contacts.models import Contact
from clientela.core.forms import BulkEditForm, RecordForm
from clientela.core.forms.pickers import use_record_pickers
from clientela.core.forms.records import restrict_choices, style_fields
from clientela.core.permissions import restrict
from clientela.users.models import Team, User

from ..choices import ClosePeriod, LostReason, OpportunityContactRole, StageKind
from ..models import Opportunity, Pipeline, Stage
from ..selectors.opportunities import BoardFilters, close_period_range
from .currencies import offer_currency_codes

# Most competitors are accounts of type competitor; the list offers those (and the ones chosen).
COMPETITOR_CHOICES_LIMIT = 200


class StageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Stage) -> str:
        return f"{obj.pipeline.name} · {obj.name}"


class OpportunityForm(RecordForm):
    """An opportunity's own fields; its contacts and their roles are rows edited beside it."""

    class Meta:
        model = Opportunity
        fields = [
            "name", "account", "pipeline", "stage", "amount", "currency", "probability",
            "expected_close_date", "forecast_category", "next_step", "lead_source",
            "competitors", "lost_reason", "lost_detail", "closed_on", "description", "owner",
            "tags",
        ]
        field_classes = {"stage": StageChoiceField}
        widgets = {
            "expected_close_date": forms.DateInput(attrs={"type": "date"}),
            "closed_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "stage" in self.fields:
            self.fields["stage"].queryset = Stage.objects.select_related("pipeline").order_by(
                "pipeline__position", "pipeline__name", "position")
        if not self.instance.pk and (pipeline := Pipeline.objects.first()) is not None:
            self.initial.setdefault("pipeline", pipeline.pk)
            first = pipeline.stages.filter(kind=StageKind.OPEN).order_by("position").first()
            if first is not None:
                self.initial.setdefault("stage", first.pk)
        if "competitors" in self.fields and not self.fields["competitors"].disabled:
            self.offer_competitors()
        offer_currency_codes(self)
        if "forecast_category" in self.fields:
            self.fields["forecast_category"].choices = [
                ("", _("Automatic (from the probability)")),
                *(choice for choice in self.fields["forecast_category"].choices if choice[0])]

    def offer_competitors(self) -> None:
        """Offer the visible competitor accounts and those already chosen, not every account."""
        field = self.fields["competitors"]
        chosen = set(self.instance.competitors.values_list("pk", flat=True)) if (
            self.instance.pk) else set()
        offered = restrict(Account.objects.filter(account_type=AccountType.COMPETITOR),
                           self.user, "view").order_by("name")[:COMPETITOR_CHOICES_LIMIT]
        choices = {account.pk: str(account) for account in offered}
        choices.update({account.pk: str(account) for account in
                        field.queryset.filter(pk__in=chosen)})
        field.widget.choices = sorted(choices.items(), key=lambda item: item[1].casefold())
        field.help_text = _("Accounts of type competitor.")

    def _update_errors(self, errors: ValidationError) -> None:
        # A rule of the model may name a field this user's form does not show.
        if hasattr(errors, "error_dict"):
            for name in list(errors.error_dict):
                if name != NON_FIELD_ERRORS and name not in self.fields:
                    errors.error_dict.setdefault(NON_FIELD_ERRORS, []).extend(
                        errors.error_dict.pop(name))
        super()._update_errors(errors)


class ContactRoleRowForm(forms.Form):
    """One contact involved in the opportunity, with their part in the decision."""

    contact = forms.ModelChoiceField(label=_("Contact"), queryset=Contact.objects.all())
    role = forms.ChoiceField(label=_("Role"), choices=OpportunityContactRole.choices,
                             initial=OpportunityContactRole.OTHER)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        restrict_choices(self, user)
        use_record_pickers(self, user)
        style_fields(self)


ContactRoleFormSet = formset_factory(ContactRoleRowForm, extra=1, can_delete=True)


class OpportunityBulkEditForm(BulkEditForm):
    model = Opportunity
    fields_to_edit = ("lead_source", "forecast_category", "expected_close_date", "owner")


class OpportunityCloseForm(forms.Form):
    """Close an opportunity as won or lost; lost needs a reason."""

    outcome = forms.ChoiceField(
        label=_("Outcome"), widget=forms.RadioSelect,
        choices=[(StageKind.WON, _("Won")), (StageKind.LOST, _("Lost"))],
    )
    reason = forms.ChoiceField(label=_("Lost reason"), required=False,
                               choices=[("", "---------"), *LostReason.choices])
    detail = forms.CharField(label=_("Detail"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
    closed_on = forms.DateField(label=_("Closed date"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("outcome") == StageKind.LOST and not cleaned.get("reason"):
            self.add_error("reason", _("Choose why the opportunity was lost."))
        return cleaned


class BoardFilterForm(forms.Form):
    """The board's pipeline and filters: owner, team and the expected close period."""

    pipeline = forms.ModelChoiceField(label=_("Pipeline"), queryset=Pipeline.objects.all(),
                                      required=False, empty_label=None)
    owner = forms.ModelChoiceField(label=_("Owner"), required=False,
                                   queryset=User.objects.filter(is_active=True))
    team = forms.ModelChoiceField(label=_("Team"), required=False, queryset=Team.objects.all(),
                                  empty_label=_("Every team"))
    period = forms.ChoiceField(label=_("Closing"), required=False,
                               choices=[("", _("Any time")), *ClosePeriod.choices])
    close_from = forms.DateField(label=_("From"), required=False,
                                 widget=forms.DateInput(attrs={"type": "date"}))
    close_to = forms.DateField(label=_("Until"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].widget.attrs["placeholder"] = _("Anyone")
        use_record_pickers(self, user)
        style_fields(self)

    def filters(self, today) -> BoardFilters:
        """Return the board filters the form holds; a field with a bad value filters nothing."""
        if not self.is_bound:
            return BoardFilters()
        self.is_valid()  # cleaned_data then holds every field whose value is valid
        data = self.cleaned_data
        period = data.get("period")
        close_from, close_to = data.get("close_from"), data.get("close_to")
        if period and period != ClosePeriod.CUSTOM:
            close_from, close_to = close_period_range(period, today)
        elif period != ClosePeriod.CUSTOM:
            close_from = close_to = None
        return BoardFilters(owner=data.get("owner"), team=data.get("team"),
                            close_from=close_from, close_to=close_to)
