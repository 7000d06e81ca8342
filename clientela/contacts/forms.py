"""The contact edit form, its email/phone/account rows, and the bulk edit form."""

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from clientela.accounts.models import Account
from clientela.core.forms import BulkEditForm, RecordForm
from clientela.core.forms.pickers import use_record_pickers
from clientela.core.forms.records import restrict_choices, style_fields

from .choices import ContactLabel, ContactRole
from .models import Contact


class ContactForm(RecordForm):
    """The contact's own fields; email, phone and account follow the rows edited beside it."""

    class Meta:
        model = Contact
        fields = [
            "salutation", "first_name", "middle_name", "last_name", "title", "department",
            "birth_date", "preferred_channel", "level", "risk", "street", "city", "region",
            "postal_code", "country", "interests", "habits", "do_not_contact", "satisfaction",
            "expected_satisfaction", "recommend_score", "surveyed_on", "description", "owner",
            "tags",
        ]


class ChannelRowForm(forms.Form):
    """One row of a channel list; rows with nothing entered are skipped."""

    label = forms.ChoiceField(label=_("Label"), choices=ContactLabel.choices,
                              initial=ContactLabel.WORK)
    is_primary = forms.BooleanField(label=_("Primary"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)


class EmailRowForm(ChannelRowForm):
    email = forms.EmailField(label=_("Email"))
    field_order = ["email", "label", "is_primary"]


class PhoneRowForm(ChannelRowForm):
    number = forms.CharField(label=_("Number"), max_length=50)
    field_order = ["number", "label", "is_primary"]


class AccountRowForm(forms.Form):
    """One account the contact works at, with their role there."""

    account = forms.ModelChoiceField(label=_("Account"), queryset=Account.objects.all())
    role = forms.ChoiceField(label=_("Role"), choices=ContactRole.choices,
                             initial=ContactRole.OTHER)
    is_primary = forms.BooleanField(label=_("Primary"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        restrict_choices(self, user)
        use_record_pickers(self, user)
        style_fields(self)


EmailFormSet = formset_factory(EmailRowForm, extra=1, can_delete=True)
PhoneFormSet = formset_factory(PhoneRowForm, extra=1, can_delete=True)
AccountFormSet = formset_factory(AccountRowForm, extra=1, can_delete=True)




class ContactBulkEditForm(BulkEditForm):
    model = Contact
    fields_to_edit = ("level", "risk", "preferred_channel", "owner")
