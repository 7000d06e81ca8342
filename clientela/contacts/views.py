"""The contact pages, declared on the generic record views."""

from django.utils.translation import gettext_lazy as _

from clientela.accounts.models import Account
from clientela.core import views as generic
from clientela.core.permissions import restrict
from clientela.core.tables import Cell

from . import filtersets, forms, tables
from .models import Contact

FIELDSETS = (
    (_("Contact"), ("salutation", "first_name", "middle_name", "last_name", "title",
                    "department", "account", "owner", "team")),
    (_("Reach"), ("email", "phone", "preferred_channel", "do_not_contact")),
    (_("Address"), ("street", "city", "region", "postal_code", "country")),
    (_("Profile"), ("birth_date", "level", "risk", "interests", "habits", "description")),
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
        related.append(generic.RelatedList(
            str(_("Consents")), [str(_("Channel")), str(_("Status")), str(_("When")),
                                 str(_("Source"))],
            [[Cell(item.get_channel_display()), Cell(item.get_status_display()),
              Cell(str(item.at)), Cell(item.source)] for item in obj.consents.all()],
        ))
        return related


class ContactHistoryView(ContactView):
    tab = "history"


class ContactEditView(generic.ObjectEditView):
    queryset = Contact.objects.all()
    form = forms.ContactForm


class ContactDeleteView(generic.ObjectDeleteView):
    queryset = Contact.objects.all()


class ContactBulkEditView(generic.BulkEditView):
    queryset = Contact.objects.all()
    form = forms.ContactBulkEditForm


class ContactBulkDeleteView(generic.BulkDeleteView):
    queryset = Contact.objects.all()


class ContactExportView(generic.ObjectExportView, ContactListView):
    pass
