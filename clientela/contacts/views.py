"""The contact pages, declared on the generic record views."""

from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from clientela.accounts.models import Account
from clientela.core import views as generic
from clientela.core.forms.formsets import formset_rows
from clientela.core.permissions import restrict
from clientela.core.surveys import SATISFACTION_FIELDS
from clientela.core.tables import Cell
from clientela.core.views.merge import RecordMergeView, merge_action
from clientela.sales.models import Opportunity, OpportunityContact

from . import filtersets, forms, services, tables
from .models import Contact

FIELDSETS = (
    (_("Contact"), ("salutation", "first_name", "middle_name", "last_name", "title",
                    "department", "account", "owner", "team")),
    (_("Reach"), ("email", "phone", "preferred_channel", "do_not_contact")),
    (_("Address"), ("street", "city", "region", "postal_code", "country")),
    (_("Profile"), ("birth_date", "level", "risk", "interests", "habits", "description")),
    (_("Satisfaction"), SATISFACTION_FIELDS),
)


class ContactListView(generic.ObjectListView):
    queryset = Contact.objects.select_related("owner", "team", "account")
    filterset = filtersets.ContactFilterSet
    filter_fields = ("q", "account", "level", "risk", "preferred_channel", "do_not_contact",
                     "country", "owner", "team")
    table = tables.ContactTable


class ContactView(generic.ObjectView):
    queryset = Contact.objects.select_related("owner", "team", "account")
    fieldsets = FIELDSETS

    def get_related(self, obj):
        hidden = self.hidden_fields
        visible_accounts = restrict(Account.objects.all(), self.request.user, "view")
        links = obj.account_links.filter(account__in=visible_accounts).select_related("account")
        related = [generic.RelatedList(
            str(_("Accounts")), [str(_("Account")), str(_("Role")), str(_("Primary"))],
            [[Cell(str(link.account), link.account.get_absolute_url()),
              Cell(link.get_role_display()), Cell(str(_("Yes")) if link.is_primary else "")]
             for link in links],
        )]
        if "email" not in hidden:
            related.append(generic.RelatedList(
                str(_("Email addresses")), [str(_("Email")), str(_("Label")), str(_("Primary"))],
                [[Cell(item.email, f"mailto:{item.email}"), Cell(item.get_label_display()),
                  Cell(str(_("Yes")) if item.is_primary else "")] for item in obj.emails.all()],
            ))
        if "phone" not in hidden:
            related.append(generic.RelatedList(
                str(_("Phone numbers")), [str(_("Number")), str(_("Label")), str(_("Primary"))],
                [[Cell(item.number, f"tel:{item.number}"), Cell(item.get_label_display()),
                  Cell(str(_("Yes")) if item.is_primary else "")] for item in obj.phones.all()],
            ))
        visible_opportunities = restrict(Opportunity.objects.all(), self.request.user, "view")
        involvements = OpportunityContact.objects.filter(
            contact=obj, opportunity__in=visible_opportunities
        ).select_related("opportunity__stage")
        related.append(generic.RelatedList(
            str(_("Opportunities")), [str(_("Opportunity")), str(_("Role")), str(_("Stage"))],
            [[Cell(str(item.opportunity), item.opportunity.get_absolute_url()),
              Cell(item.get_role_display()), Cell(str(item.opportunity.stage))]
             for item in involvements],
        ))
        related.append(generic.RelatedList(
            str(_("Consents")), [str(_("Channel")), str(_("Status")), str(_("When")),
                                 str(_("Source"))],
            [[Cell(item.get_channel_display()), Cell(item.get_status_display()),
              Cell(date_format(localtime(item.at), "SHORT_DATETIME_FORMAT")),
              Cell(item.source)] for item in obj.consents.all()],
        ))
        return related

    def get_actions(self, obj):
        return [*super().get_actions(obj), *merge_action(self, obj)]


class ContactHistoryView(ContactView):
    tab = "history"


class ContactEditView(generic.ObjectEditView):
    """Edit a contact with its email addresses, phone numbers and accounts."""

    queryset = Contact.objects.all()
    form = forms.ContactForm

    def get_formsets(self, obj, data=None):
        hidden = self.hidden_fields
        formsets = {}
        if "email" not in hidden:
            formsets[_("Email addresses")] = forms.EmailFormSet(
                data, prefix="emails",
                initial=[{"email": item.email, "label": item.label, "is_primary": item.is_primary}
                         for item in obj.emails.all()] if obj.pk else None,
            )
        if "phone" not in hidden:
            formsets[_("Phone numbers")] = forms.PhoneFormSet(
                data, prefix="phones",
                initial=[{"number": item.number, "label": item.label,
                          "is_primary": item.is_primary} for item in obj.phones.all()]
                if obj.pk else None,
            )
        if "account" not in hidden:
            visible = restrict(Account.objects.all(), self.request.user, "view")
            formsets[_("Accounts")] = forms.AccountFormSet(
                data, prefix="accounts", form_kwargs={"user": self.request.user},
                initial=[{"account": link.account_id, "role": link.role,
                          "is_primary": link.is_primary}
                         for link in obj.account_links.filter(account__in=visible)]
                if obj.pk else None,
            )
        return formsets

    def save_object(self, form):
        contact = super().save_object(form)
        by_prefix = {formset.prefix: formset for formset in self.formsets.values()}
        user = self.request.user
        channels = {}
        if "emails" in by_prefix:
            channels["emails"] = formset_rows(by_prefix["emails"])
        if "phones" in by_prefix:
            channels["phones"] = formset_rows(by_prefix["phones"])
        if channels:
            services.contact_set_channels(contact=contact, user=user, **channels)
        if "accounts" in by_prefix:
            links = [{**row, "account": row["account"].pk}
                     for row in formset_rows(by_prefix["accounts"])]
            services.contact_set_accounts(contact=contact, links=links + self.unseen_links(
                contact), user=user)
        return contact

    def unseen_links(self, contact) -> list[dict]:
        """Return the contact's links to accounts the user may not see, kept as they are."""
        visible = restrict(Account.objects.all(), self.request.user, "view")
        return [
            {"account": link.account_id, "role": link.role, "is_primary": False}
            for link in contact.account_links.exclude(account__in=visible)
        ]


class ContactDeleteView(generic.ObjectDeleteView):
    queryset = Contact.objects.all()


class ContactBulkEditView(generic.BulkEditView):
    queryset = Contact.objects.all()
    form = forms.ContactBulkEditForm


class ContactBulkDeleteView(generic.BulkDeleteView):
    queryset = Contact.objects.all()


class ContactExportView(generic.ObjectExportView, ContactListView):
    pass


class ContactMergeView(RecordMergeView):
    queryset = Contact.objects.select_related("owner", "team", "account")
    merge = staticmethod(services.contact_merge)
    derived = services.MIRRORS
