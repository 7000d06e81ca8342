"""The contract edit form, its bulk edit and the form that attaches a document."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from clientela.core.forms import BulkEditForm, RecordForm
from clientela.core.forms.records import style_fields

from ..models import Contract
from .currencies import offer_currency_codes


class ContractForm(RecordForm):
    class Meta:
        model = Contract
        fields = [
            "name", "account", "status", "start_date", "end_date", "value", "currency",
            "renewal_date", "reminder_days", "notes", "owner", "tags",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
            "renewal_date": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_currency_codes(self)


class ContractBulkEditForm(BulkEditForm):
    model = Contract
    fields_to_edit = ("status", "reminder_days", "owner")


class ContractDocumentForm(forms.Form):
    """A file to attach to a contract, with the name it is listed under."""

    name = forms.CharField(label=_("Name"), max_length=200, required=False,
                           help_text=_("Left empty, the file's name."))
    file = forms.FileField(label=_("File"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("At most %(limit)s.") % {
            "limit": filesizeformat(settings.CONTRACT_DOCUMENT_MAX_SIZE)}
        style_fields(self)

