"""The portfolio edit form, its rules edited as rows, and the forms of its verbs."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from clientela.accounts.models import Account
from clientela.core.forms import BulkEditForm, RecordForm
from clientela.core.forms.pickers import use_record_pickers
from clientela.core.forms.records import style_fields
from clientela.core.permissions import restrict

from ..models import Portfolio
from .choices import RuleOperator
from .rules import CHOICE, FLAG, NUMBER, RULE_FIELDS, condition_clean

YES = {"yes", "true", "1", "y"}
NO = {"no", "false", "0", "n"}


class PortfolioForm(RecordForm):
    class Meta:
        model = Portfolio
        fields = ["name", "code", "parent", "tier", "approach", "description", "assign_owner",
                  "is_active", "owner", "team", "tags"]


class PortfolioBulkEditForm(BulkEditForm):
    model = Portfolio
    fields_to_edit = ("tier", "approach", "owner")


def value_to_text(value: Any) -> str:
    """Return a condition's stored value as the rule row shows it."""
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, list):
        return ", ".join(value_to_text(item) for item in value)
    return "" if value is None else str(value)


def _parse_one(kind: str, choices: dict[str, str], text: str) -> Any:
    text = text.strip()
    if kind == FLAG:
        if text.lower() in YES:
            return True
        if text.lower() in NO:
            return False
        raise ValidationError(_("Write yes or no."))
    if kind == NUMBER:
        try:
            number = Decimal(text.replace(" ", ""))
        except InvalidOperation:
            raise ValidationError(_("Write a number, e.g. 10000 or 0.5.")) from None
        return int(number) if number == number.to_integral_value() else float(number)
    if kind == CHOICE:
        by_label = {str(label).lower(): key for key, label in choices.items()}
        return text if text in choices else by_label.get(text.lower(), text)
    return text


class RuleRowForm(forms.Form):
    """One condition of a portfolio's rules: a result field, an operator and a value."""

    field = forms.ChoiceField(label=_("Field"), required=False, choices=[
        ("", "---------"), *((name, rule_field.label) for name, rule_field in RULE_FIELDS.items())])
    op = forms.ChoiceField(label=_("Operator"), required=False,
                           choices=[("", "---------"), *RuleOperator.choices])
    value = forms.CharField(
        label=_("Value"), max_length=500, required=False,
        help_text=_("For “is one of”, separate the values with commas."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        rule_field = RULE_FIELDS.get(cleaned.get("field", ""))
        op = cleaned.get("op")
        if rule_field is None:
            if op or cleaned.get("value"):
                self.add_error("field", _("Choose the field the condition tests."))
            return cleaned
        if not op:
            self.add_error("op", _("Choose an operator."))
            return cleaned
        text = cleaned.get("value") or ""
        choices = {key: str(label) for key, label in rule_field.choices}
        try:
            if op == RuleOperator.IN:
                value: Any = [_parse_one(rule_field.kind, choices, part)
                              for part in text.split(",") if part.strip()]
            else:
                value = _parse_one(rule_field.kind, choices, text)
            cleaned["condition"] = condition_clean(
                {"field": rule_field.name, "op": op, "value": value})
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for part, messages in error.message_dict.items():
                    self.add_error(part if part in self.fields else "value", messages)
            else:
                self.add_error("value", error.messages)
        return cleaned


RuleFormSet = forms.formset_factory(RuleRowForm, extra=1, can_delete=True)


def rule_rows(rules: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Return the stored conditions as the rows' initial data."""
    return [{"field": condition.get("field", ""), "op": condition.get("op", ""),
             "value": value_to_text(condition.get("value"))}
            for condition in rules or [] if isinstance(condition, dict)]


class AssignConfirmForm(forms.Form):
    """The confirmation of a previewed assignment: the preview's token."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=64)


class MemberAddForm(forms.Form):
    """An account to add to a portfolio by hand."""

    account = forms.ModelChoiceField(label=_("Account"), queryset=Account.objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].queryset = restrict(Account.objects.all(), user, "view")
        use_record_pickers(self, user)
        style_fields(self)


class AccountsMoveForm(forms.Form):
    """Accounts to give to another owner, optionally for a portfolio."""

    accounts = forms.ModelMultipleChoiceField(
        label=_("Accounts"), queryset=Account.objects.none(),
        help_text=_("Hold Ctrl (or ⌘) to choose several; only accounts you may change are "
                    "listed."))
    to_owner = forms.ModelChoiceField(label=_("New owner"),
                                      queryset=get_user_model().objects.none())
    token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accounts"].queryset = restrict(Account.objects.all(), user, "edit")
        self.fields["to_owner"].queryset = get_user_model().objects.filter(
            is_active=True).order_by("first_name", "last_name", "username")
        self.fields["accounts"].widget.attrs["size"] = 12
        use_record_pickers(self, user)
        style_fields(self)
