"""The account pages: the generic suite, plus the related lists of the detail page."""

import pytest
from django.urls import reverse

from clientela.accounts.models import Account
from clientela.accounts.tests.factories import AccountFactory
from clientela.contacts.models import ContactAccount
from clientela.contacts.tests.factories import ContactFactory
from clientela.core.testing.views import RecordViewTests

pytestmark = pytest.mark.django_db


class TestAccountViews(RecordViewTests):
    model = Account
    app = "accounts"
    module_slug = "accounts"
    form_data = {"name": "Acme", "account_type": "customer", "customer_class": "business",
                 "currency": "EUR"}
    edit_data = {"name": "Acme Iberia", "industry": "retail"}
    invalid_data = {"website": "not a url"}
    invalid_field = "website"
    bulk_edit_data = {"rating": "hot"}
    hidden_field = "phone"
    hidden_value = "555-0199"

    def make(self, user, **fields):
        return AccountFactory(owner=user, phone=self.hidden_value, **fields)


def test_account_detail_lists_its_visible_contacts_and_child_accounts(client, rep, outsider):
    account = AccountFactory(owner=rep, name="Parent Co")
    AccountFactory(owner=rep, name="Child Co", parent=account)
    AccountFactory(owner=outsider, name="Hidden Child", parent=account)
    seen = ContactFactory(owner=rep, last_name="Visible")
    unseen = ContactFactory(owner=outsider, last_name="Unseen")
    for contact in (seen, unseen):
        ContactAccount.objects.create(contact=contact, account=account, role="buyer")
    client.force_login(rep)
    related = client.get(account.get_absolute_url()).context["related"]
    contacts, _opportunities, children, *_sales_lists = related
    assert [row[0].text for row in contacts.rows] == ["Visible"]
    assert [row[0].text for row in children.rows] == ["Child Co"]


def test_history_shows_choices_by_label_and_hides_unseen_related_records(client, rep,
                                                                          outsider):
    hidden_parent = AccountFactory(owner=outsider, name="Secret Parent")
    account = AccountFactory(owner=rep, name="Acme", rating="cold")
    account.rating = "hot"
    account.parent = hidden_parent
    account.stamp(rep).save()
    client.force_login(rep)
    history = client.get(reverse("accounts:account_history", args=[account.pk])).context[
        "history"
    ]
    assert sorted(history[0]["rows"]) == [
        ("Parent account", "", f"#{hidden_parent.pk}"),
        ("Rating", "Cold", "Hot"),
    ]
    assert ("Owner", "", str(rep)) in history[1]["rows"]


def test_export_keeps_formulas_from_running_in_spreadsheets(client, rep):
    AccountFactory(owner=rep, name="=HYPERLINK(\"http://evil\")")
    client.force_login(rep)
    response = client.get(reverse("accounts:account_export"), {"format": "csv"})
    assert response.content.decode().splitlines()[1].startswith("\"'=HYPERLINK(")
