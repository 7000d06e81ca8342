"""The contact pages: the generic suite, plus the detail page's accounts, channels, consents."""

import datetime

import pytest

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
    extra_form_data = {
        f"{prefix}-{name}": "0"
        for prefix in ("emails", "phones", "accounts")
        for name in ("TOTAL_FORMS", "INITIAL_FORMS")
    }

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
                           at=datetime.datetime(2025, 9, 9, 21, 51, tzinfo=datetime.UTC),
                           source="web form")
    client.force_login(rep)
    related = {item.title: item for item in
               client.get(contact.get_absolute_url()).context["related"]}
    assert [[cell.text for cell in row] for row in related["Accounts"].rows] == [
        ["Mine Ltd", "Buyer", "Yes"],
    ]
    assert [row[0].text for row in related["Email addresses"].rows] == ["ada@example.com"]
    assert [[cell.text for cell in row] for row in related["Consents"].rows] == [
        ["Email", "Opted in", "09/09/2025 9:51 p.m.", "web form"],
    ]


def management(prefix: str, total: int, initial: int = 0) -> dict:
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": str(initial)}


def test_contact_edit_replaces_emails_phones_and_accounts_and_mirrors_the_primaries(
    client, rep
):
    contact = ContactFactory(owner=rep, last_name="Byron")
    account = AccountFactory(owner=rep, name="Analytical Engines")
    client.force_login(rep)
    data = {
        "last_name": "Byron", "owner": rep.pk, "version": contact.version,
        **management("emails", 2), **management("phones", 1), **management("accounts", 1),
        "emails-0-email": "ada@home.example", "emails-0-label": "home",
        "emails-1-email": "ada@work.example", "emails-1-label": "work",
        "emails-1-is_primary": "on",
        "phones-0-number": "+44 20 7946 0000", "phones-0-label": "mobile",
        "accounts-0-account": account.pk, "accounts-0-role": "buyer",
    }
    response = client.post(contact.get_absolute_url() + "edit/", data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    contact.refresh_from_db()
    assert (contact.email, contact.phone, contact.account) == (
        "ada@work.example", "+44 20 7946 0000", account,
    )
    assert list(contact.emails.values_list("email", "is_primary")) == [
        ("ada@work.example", True), ("ada@home.example", False),
    ]
    assert list(contact.account_links.values_list("account__name", "role", "is_primary")) == [
        ("Analytical Engines", "buyer", True),
    ]


def test_contact_edit_with_a_bad_email_row_shows_the_error_on_that_row_and_saves_nothing(
    client, rep
):
    contact = ContactFactory(owner=rep, last_name="Byron")
    ContactEmail.objects.create(contact=contact, email="old@example.com", is_primary=True)
    client.force_login(rep)
    data = {
        "last_name": "Changed", "owner": rep.pk, "version": contact.version,
        **management("emails", 1), **management("phones", 0), **management("accounts", 0),
        "emails-0-email": "not-an-address", "emails-0-label": "work",
    }
    response = client.post(contact.get_absolute_url() + "edit/", data)
    assert response.status_code == 200
    emails = dict(response.context["formsets"])["Email addresses"]
    assert list(emails.forms[0].errors) == ["email"]
    contact.refresh_from_db()
    assert (contact.last_name, list(contact.emails.values_list("email", flat=True))) == (
        "Byron", ["old@example.com"],
    )
