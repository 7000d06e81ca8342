"""The contact pages: the generic suite, plus the detail page's accounts, channels, consents."""

import pytest
from django.utils import timezone

from clientela.accounts.tests.factories import AccountFactory
from clientela.contacts.models import Consent, Contact, ContactAccount, ContactEmail
from clientela.contacts.tests.factories import ContactFactory
from clientela.core.testing.views import RecordViewTests

pytestmark = pytest.mark.django_db


class TestContactViews(RecordViewTests):
    model = Contact
    app = "contacts"
    module_slug = "contacts"
    form_data = {"first_name": "Ada", "last_name": "Lovelace", "title": "Analyst"}
    edit_data = {"last_name": "King", "level": "gold"}
    invalid_data = {"birth_date": "31/31/2020"}
    invalid_field = "birth_date"
    bulk_edit_data = {"risk": "high"}
    hidden_field = "title"
    hidden_value = "Chief Secret Officer"

    def make(self, user, **fields):
        return ContactFactory(owner=user, title=self.hidden_value, **fields)


def test_contact_detail_shows_visible_accounts_with_roles_emails_and_consents(
    client, rep, outsider
):
    contact = ContactFactory(owner=rep)
    mine = AccountFactory(owner=rep, name="Mine Ltd")
    theirs = AccountFactory(owner=outsider, name="Theirs Ltd")
    ContactAccount.objects.create(contact=contact, account=mine, role="buyer", is_primary=True)
    ContactAccount.objects.create(contact=contact, account=theirs, role="buyer")
    ContactEmail.objects.create(contact=contact, email="ada@example.com", is_primary=True)
    Consent.objects.create(contact=contact, channel="email", status="opted_in",
                           at=timezone.now(), source="web form")
    client.force_login(rep)
    related = {item.title: item for item in
               client.get(contact.get_absolute_url()).context["related"]}
    assert [[cell.text for cell in row] for row in related["Accounts"].rows] == [
        ["Mine Ltd", "Buyer", "Yes"],
    ]
    assert [row[0].text for row in related["Email addresses"].rows] == ["ada@example.com"]
    assert [row[3].text for row in related["Consents"].rows] == ["web form"]
