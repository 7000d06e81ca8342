"""Forms of currencies and their exchange rates, and the choice of an active currency."""

from django import forms
from django.utils.translation import gettext_lazy as _

from clientela.core.forms.records import style_fields

from ..models import Currency, ExchangeRate


def currency_choices(chosen: str = "") -> list[tuple[str, str]]:
    """Return the active currencies as (code, "EUR · Euro"), base first, and `chosen` too."""
    currencies = Currency.objects.filter(is_active=True) | Currency.objects.filter(pk=chosen)
    return [(currency.code, f"{currency.code} · {currency.name}")
            for currency in currencies.order_by("-is_base", "code")]


def offer_currency_codes(form: forms.BaseForm, name: str = "currency") -> None:
    """Show a field holding a currency code as a select of the active currencies.

    Only the choice offered changes: the model still checks the code it is given.
    """
    field = form.fields.get(name)
    if field is None:
        return
    chosen = form.initial.get(name) or ""
    field.widget = forms.Select(choices=currency_choices(chosen), attrs={"class": "form-select"})


def active_currencies(form: forms.BaseForm, name: str = "currency") -> None:
    """Offer the active currencies, and the one already chosen even when it is not active."""
    field = form.fields.get(name)
    if field is None:
        return
    chosen = getattr(form.instance, f"{name}_id", None) if hasattr(form, "instance") else None
    field.queryset = Currency.objects.filter(is_active=True) | Currency.objects.filter(pk=chosen)


class CurrencyForm(forms.ModelForm):
    """A currency; its code is its identity, so it is fixed once the currency exists."""

    class Meta:
        model = Currency
        fields = ["code", "name", "symbol", "decimal_places", "is_active", "is_base"]
        help_texts = {"is_base": _("Making a currency the base re-expresses every exchange "
                                   "rate against it.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance and not self.instance._state.adding:
            self.fields["code"].disabled = True
        style_fields(self)

    def clean_code(self):
        return (self.cleaned_data.get("code") or "").strip().upper()

    def _get_validation_exclusions(self):
        # One base at a time is the service's rule: marking a currency base moves the base.
        return {*super()._get_validation_exclusions(), "is_base"}


class ExchangeRateForm(forms.ModelForm):
    class Meta:
        model = ExchangeRate
        fields = ["date", "rate"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, currency: Currency, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.currency = currency
        style_fields(self)
