"""The line rows of quotes, orders and invoices, and the form of their verbs."""

from __future__ import annotations

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from clientela.core.forms.pickers import use_record_pickers
from clientela.core.forms.records import restrict_choices, style_fields

from ..models import Currency, Product


class DocumentLineRowForm(forms.Form):
    """One line: a product or a description, the quantity, and optionally price, discount and
    tax (left empty, the product's price and tax rate)."""

    product = forms.ModelChoiceField(label=_("Product"), queryset=Product.objects.all(),
                                     required=False)
    description = forms.CharField(label=_("Description"), max_length=500, required=False)
    quantity = forms.DecimalField(label=_("Quantity"), max_digits=14, decimal_places=4)
    unit_price = forms.DecimalField(label=_("Unit price"), max_digits=18, decimal_places=4,
                                    required=False)
    discount_percent = forms.DecimalField(label=_("Discount (%)"), max_digits=5,
                                          decimal_places=2, required=False)
    discount_amount = forms.DecimalField(label=_("Discount amount"), max_digits=18,
                                         decimal_places=4, required=False)
    tax_rate = forms.DecimalField(label=_("Tax rate (%)"), max_digits=5, decimal_places=2,
                                  required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        restrict_choices(self, user)
        use_record_pickers(self, user)
        style_fields(self)


DocumentLineFormSet = formset_factory(DocumentLineRowForm, extra=1, can_delete=True)


def offer_active_currencies(form: forms.ModelForm) -> None:
    """Offer the active currencies and the document's own; empty means the default one."""
    field = form.fields.get("currency")
    if field is None:
        return
    field.required = False
    chosen = form.instance.currency_id if form.instance.pk else ""
    field.queryset = (Currency.objects.filter(is_active=True)
                      | Currency.objects.filter(pk=chosen)).order_by("-is_base", "code")


class DocumentVerbForm(forms.Form):
    """The version the page was loaded with, so a verb on a changed record is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class DocumentEmailForm(forms.Form):
    """Email a document's PDF: addresses separated by commas; the service checks each."""

    to = forms.CharField(label=_("To"), max_length=2000, help_text=_(
        "One or more addresses, separated by commas."))
    cc = forms.CharField(label=_("Cc"), max_length=2000, required=False)
    subject = forms.CharField(label=_("Subject"), max_length=250)
    message = forms.CharField(label=_("Message"), widget=forms.Textarea, required=False,
                              max_length=20000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)
        self.fields["message"].widget.attrs["rows"] = 8
