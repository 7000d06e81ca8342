"""The order edit form and bulk edit; the line rows are the documents' own."""

from __future__ import annotations

from django import forms

from clientela.core.forms import BulkEditForm, RecordForm

from ..models import Order
from .documents import offer_active_currencies


class OrderForm(RecordForm):
    """An order's own fields; its lines are rows edited beside it. Addresses left empty on a
    new order are the account's."""

    class Meta:
        model = Order
        fields = [
            "subject", "account", "contact", "opportunity", "currency", "price_book",
            "order_date", "shipping_status", "shipped_on", "billing_street", "billing_city",
            "billing_region", "billing_postal_code", "billing_country", "shipping_street",
            "shipping_city", "shipping_region", "shipping_postal_code", "shipping_country",
            "description", "owner", "tags",
        ]
        widgets = {"order_date": forms.DateInput(attrs={"type": "date"}),
                   "shipped_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_active_currencies(self)


class OrderBulkEditForm(BulkEditForm):
    model = Order
    fields_to_edit = ("shipping_status", "owner")
