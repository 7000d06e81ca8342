"""The lead edit, bulk edit and conversion forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from clientela.core.forms import BulkEditForm, RecordForm
from clientela.core.forms.records import style_fields
from clientela.sales.forms.currencies import currency_choices
from clientela.sales.models import Pipeline, base_currency_code

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


class LeadConvertForm(forms.Form):
    """Choose what the lead becomes: an existing or new account (or none), and a contact."""

    account_choice = forms.ChoiceField(label=_("Account"), widget=forms.RadioSelect)
    account_name = forms.CharField(label=_("New account name"), max_length=200, required=False)
    contact_choice = forms.ChoiceField(label=_("Contact"), widget=forms.RadioSelect)
    contact_first_name = forms.CharField(label=_("First name"), max_length=100, required=False)
    contact_last_name = forms.CharField(label=_("Last name"), max_length=100, required=False)
    contact_email = forms.EmailField(label=_("Email"), required=False)
    contact_phone = forms.CharField(label=_("Phone"), max_length=50, required=False)
    create_opportunity = forms.BooleanField(label=_("Create an opportunity"), required=False)
    opportunity_name = forms.CharField(label=_("Opportunity name"), max_length=200,
                                       required=False)
    opportunity_pipeline = forms.ModelChoiceField(label=_("Pipeline"), required=False,
                                                  queryset=Pipeline.objects.all())
    opportunity_amount = forms.DecimalField(label=_("Amount"), max_digits=14, decimal_places=2,
                                            min_value=0, required=False)
    opportunity_currency = forms.ChoiceField(label=_("Currency"), required=False)
    opportunity_close_date = forms.DateField(
        label=_("Expected close date"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, lead, matches, **kwargs):
        super().__init__(*args, **kwargs)
        self.matches = matches
        self.fields["account_choice"].choices = [
            *((str(account.pk), str(account)) for account in matches.accounts),
            ("new", _("Create a new account")),
            ("none", _("No account")),
        ]
        self.fields["contact_choice"].choices = [
            *((str(contact.pk), str(contact)) for contact in matches.contacts),
            ("new", _("Create a new contact")),
        ]
        # An exact match is most likely the same customer: offer it first, not a duplicate.
        same_account = next((account for account in matches.accounts
                             if lead.company.strip()
                             and account.name.casefold() == lead.company.strip().casefold()), None)
        same_contact = next((contact for contact in matches.contacts
                             if lead.email and contact.email.casefold() == lead.email.casefold()),
                            None)
        self.initial.setdefault(
            "account_choice",
            str(same_account.pk) if same_account else ("new" if lead.company.strip() else "none"),
        )
        self.initial.setdefault("contact_choice", str(same_contact.pk) if same_contact else "new")
        self.initial.setdefault("account_name", lead.company)
        self.initial.setdefault("contact_first_name", lead.first_name)
        self.initial.setdefault("contact_last_name", lead.last_name)
        self.initial.setdefault("contact_email", lead.email)
        self.initial.setdefault("contact_phone", lead.phone)
        self.initial.setdefault("opportunity_name", lead.company.strip() or str(lead))
        self.initial.setdefault("opportunity_pipeline", getattr(Pipeline.objects.first(), "pk",
                                                                None))
        self.fields["opportunity_currency"].choices = currency_choices()
        self.initial.setdefault("opportunity_currency", base_currency_code())
        self.fields["opportunity_pipeline"].empty_label = None
        style_fields(self)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("account_choice") == "new" and not cleaned.get("account_name", "").strip():
            self.add_error("account_name", _("Name the new account."))
        if cleaned.get("contact_choice") == "new" and not cleaned.get("contact_last_name", ""):
            self.add_error("contact_last_name", _("The new contact needs a last name."))
        return cleaned

    def conversion_arguments(self) -> dict:
        """Return the keyword arguments of `lead_convert` this valid form asks for."""
        data = self.cleaned_data
        arguments: dict = {}
        account_choice = data["account_choice"]
        if account_choice == "none":
            arguments["create_account"] = False
        elif account_choice == "new":
            arguments["account_data"] = {"name": data["account_name"].strip()}
        else:
            arguments["account"] = next(account for account in self.matches.accounts
                                        if str(account.pk) == account_choice)
        if data["contact_choice"] == "new":
            arguments["contact_data"] = {
                "first_name": data["contact_first_name"],
                "last_name": data["contact_last_name"],
                "email": data["contact_email"],
                "phone": data["contact_phone"],
            }
        else:
            arguments["contact"] = next(contact for contact in self.matches.contacts
                                        if str(contact.pk) == data["contact_choice"])
        if data.get("create_opportunity"):
            opportunity = {"name": data["opportunity_name"].strip(),
                           "amount": data["opportunity_amount"],
                           "expected_close_date": data["opportunity_close_date"]}
            if data.get("opportunity_currency"):
                opportunity["currency"] = data["opportunity_currency"].strip()
            if data.get("opportunity_pipeline") is not None:
                opportunity["pipeline"] = data["opportunity_pipeline"]
            arguments["opportunity_data"] = {
                name: value for name, value in opportunity.items() if value not in ("", None)
            }
        return arguments

    # Where each key of the service's errors is shown.
    ERROR_FIELDS = {
        "account": "account_choice", "account.name": "account_name",
        "contact": "contact_choice", "contact.first_name": "contact_first_name",
        "contact.last_name": "contact_last_name", "contact.email": "contact_email",
        "contact.phone": "contact_phone",
        "opportunity": "create_opportunity", "opportunity.name": "opportunity_name",
        "opportunity.pipeline": "opportunity_pipeline", "opportunity.stage": "opportunity_pipeline",
        "opportunity.amount": "opportunity_amount", "opportunity.currency": "opportunity_currency",
        "opportunity.expected_close_date": "opportunity_close_date",
    }

    def field_for(self, key: str | None) -> str | None:
        """Return the form field an error key of the service belongs to, or None."""
        return self.ERROR_FIELDS.get(key or "")
