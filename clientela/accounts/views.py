"""The account pages, declared on the generic record views."""

from django.utils.translation import gettext_lazy as _

from clientela.contacts.models import Contact
from clientela.contacts.tables import ContactTable
from clientela.core import views as generic
from clientela.core.permissions import hidden_fields
from clientela.core.surveys import SATISFACTION_FIELDS
from clientela.core.views.merge import RecordMergeView, merge_action
from clientela.sales.models import Contract, Opportunity
from clientela.sales.tables import ContractTable, OpportunityTable

from . import filtersets, forms, tables
from .models import Account
from .services import account_merge

FIELDSETS = (
    (_("Account"), ("name", "account_type", "customer_class", "industry", "parent", "rating",
                    "owner", "team")),
    (_("Contact details"), ("website", "phone", "phone_alt", "email", "email_alt")),
    (_("Size"), ("annual_revenue", "currency", "employees", "category_spend")),
    (_("Satisfaction"), SATISFACTION_FIELDS),
    (_("Sales"), ("price_book",)),
    (_("Billing address"), ("billing_street", "billing_city", "billing_region",
                            "billing_postal_code", "billing_country")),
    (_("Shipping address"), ("shipping_street", "shipping_city", "shipping_region",
                             "shipping_postal_code", "shipping_country")),
    (_("Description"), ("description",)),
)


class AccountListView(generic.ObjectListView):
    queryset = Account.objects.select_related("owner", "team", "parent")
    filterset = filtersets.AccountFilterSet
    filter_fields = ("q", "account_type", "customer_class", "industry", "rating",
                     "billing_country", "owner", "team")
    table = tables.AccountTable


class AccountView(generic.ObjectView):
    queryset = Account.objects.select_related("owner", "team", "parent", "price_book")
    fieldsets = FIELDSETS

    def get_related(self, obj):
        user = self.request.user
        contacts = Contact.objects.filter(account_links__account=obj).select_related(
            "account", "owner"
        ).distinct()
        children = Account.objects.filter(parent=obj).select_related("owner", "team", "parent")
        opportunities = Opportunity.objects.filter(account=obj).select_related(
            "account", "stage", "owner")
        contracts = Contract.objects.filter(account=obj).select_related("account", "owner")
        return [
            generic.RelatedList.from_table(_("Contacts"), ContactTable, "contacts", contacts,
                                           user, hidden_fields(user, "contacts")),
            generic.RelatedList.from_table(_("Opportunities"), OpportunityTable,
                                           "opportunities", opportunities, user,
                                           hidden_fields(user, "opportunities")),
            generic.RelatedList.from_table(_("Child accounts"), tables.AccountTable, "accounts",
                                           children, user, self.hidden_fields),
            generic.RelatedList.from_table(_("Contracts"), ContractTable, "contracts",
                                           contracts, user, hidden_fields(user, "contracts")),
        ]

    def get_actions(self, obj):
        return [*super().get_actions(obj), *merge_action(self, obj)]


class AccountHistoryView(AccountView):
    tab = "history"


class AccountEditView(generic.ObjectEditView):
    queryset = Account.objects.all()
    form = forms.AccountForm


class AccountDeleteView(generic.ObjectDeleteView):
    queryset = Account.objects.all()


class AccountBulkEditView(generic.BulkEditView):
    queryset = Account.objects.all()
    form = forms.AccountBulkEditForm


class AccountBulkDeleteView(generic.BulkDeleteView):
    queryset = Account.objects.all()


class AccountExportView(generic.ObjectExportView, AccountListView):
    pass


class AccountMergeView(RecordMergeView):
    queryset = Account.objects.select_related("owner", "team", "parent")
    merge = staticmethod(account_merge)
