"""The invoice edit form, bulk edit and the forms of payments and cancelling."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from clientela.core.forms import BulkEditForm, RecordForm
from clientela.core.forms.records import style_fields

from ..choices import PaymentMethod
from ..models import Invoice
from .documents import DocumentVerbForm, offer_active_currencies


class InvoiceForm(RecordForm):
    """A draft invoice's own fields; its lines are rows edited beside it. Addresses left
    empty on a new invoice are the account's."""

    class Meta:
        model = Invoice
        fields = [
            "subject", "account", "contact", "opportunity", "currency", "price_book",
            "invoice_date", "due_date", "billing_street", "billing_city", "billing_region",
            "billing_postal_code", "billing_country", "shipping_street", "shipping_city",
            "shipping_region", "shipping_postal_code", "shipping_country", "terms",
            "description", "owner", "tags",
        ]
        widgets = {"invoice_date": forms.DateInput(attrs={"type": "date"}),
                   "due_date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_active_currencies(self)


class InvoiceBulkEditForm(BulkEditForm):
    model = Invoice
    fields_to_edit = ("due_date", "owner")


class PaymentForm(DocumentVerbForm):
    """Money received against an invoice; a negative amount records a refund."""

    amount = forms.DecimalField(label=_("Amount"), max_digits=18, decimal_places=4,
                                help_text=_("Negative for a refund."))
    paid_on = forms.DateField(label=_("Paid on"), widget=forms.DateInput(attrs={"type": "date"}))
    method = forms.ChoiceField(label=_("Method"), choices=PaymentMethod.choices,
                               initial=PaymentMethod.BANK_TRANSFER)
    reference = forms.CharField(label=_("Reference"), max_length=100, required=False)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)


class CancelInvoiceForm(DocumentVerbForm):
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)
