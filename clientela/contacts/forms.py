"""The contact edit and bulk edit forms."""

from clientela.core.forms import BulkEditForm, RecordForm

from .models import Contact


class ContactForm(RecordForm):
    class Meta:
        model = Contact
        fields = [
            "salutation", "first_name", "middle_name", "last_name", "title", "department",
            "account", "email", "phone", "birth_date", "preferred_channel", "level", "risk",
            "street", "city", "region", "postal_code", "country", "interests", "habits",
            "do_not_contact", "description", "owner", "tags",
        ]


class ContactBulkEditForm(BulkEditForm):
    model = Contact
    fields_to_edit = ("account", "level", "risk", "preferred_channel", "owner")
