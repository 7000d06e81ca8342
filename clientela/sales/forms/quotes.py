"""The quote edit form and bulk edit; the line rows are the documents' own."""

from __future__ import annotations

from django import forms

from clientela.core.forms import BulkEditForm, RecordForm

from ..models import Quote
from .documents import offer_active_currencies


class QuoteForm(RecordForm):
    """A quote's own fields; its lines are rows edited beside it."""

    class Meta:
        model = Quote
        fields = ["subject", "account", "contact", "opportunity", "currency", "price_book",
                  "valid_until", "terms", "owner", "tags"]
        widgets = {"valid_until": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_active_currencies(self)


class QuoteBulkEditForm(BulkEditForm):
    model = Quote
    fields_to_edit = ("valid_until", "owner")
