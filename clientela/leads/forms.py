"""The lead edit, bulk edit and conversion forms."""

from clientela.core.forms import BulkEditForm, RecordForm

from .models import Lead


class LeadForm(RecordForm):
    class Meta:
        model = Lead
        fields = [
            "salutation", "first_name", "last_name", "title", "company", "email", "phone",
            "mobile", "website", "industry", "status", "source", "rating", "street", "city",
            "region", "postal_code", "country", "description", "owner", "tags",
        ]


class LeadBulkEditForm(BulkEditForm):
    model = Lead
    fields_to_edit = ("status", "source", "rating", "industry", "owner")
