"""The leads API: the generic suite plus conversion and matches."""

import pytest

from clientela.accounts.models import Account
from clientela.accounts.tests.factories import AccountFactory
from clientela.contacts.models import Contact
from clientela.contacts.tests.factories import ContactFactory
from clientela.core.testing.api import RecordAPITests, api_client
from clientela.leads.models import Lead
from clientela.leads.tests.factories import LeadFactory

pytestmark = pytest.mark.django_db


class TestLeadAPI(RecordAPITests):
    url = "/api/v1/leads/"
    factory = LeadFactory
    valid_payload = {"first_name": "Ann", "last_name": "Lee", "company": "Acme"}
    update_payload = {"status": "in_process", "company": "Beta"}
    wrong_types = ({"status": "sideways"}, "status")
    hidden_field = "phone"
    hidden_value = "555-0100"


def test_convert_creates_account_and_contact_and_links_the_lead(rep):
    lead = LeadFactory(owner=rep, first_name="Ann", last_name="Lee", company="NewCo",
                       email="ann@newco.example", phone="555")
    response = api_client(rep).post(f"/api/v1/leads/{lead.pk}/convert/",
                                    {"contact": {"title": "CEO"}}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    account, contact = Account.objects.get(pk=body["account"]), Contact.objects.get(
        pk=body["contact"])
    assert body["opportunity"] is None
    assert (account.name, account.owner) == ("NewCo", rep)
    assert (contact.full_name, contact.title, contact.email, contact.phone, contact.account) == (
        "Ann Lee", "CEO", "ann@newco.example", "555", account)
    lead.refresh_from_db()
    assert (lead.status, lead.converted_account, lead.converted_contact) == (
        "converted", account, contact)


def test_convert_into_existing_records_and_without_account(rep):
    account = AccountFactory(owner=rep, name="Acme")
    contact = ContactFactory(owner=rep, last_name="Lee")
    lead = LeadFactory(owner=rep, last_name="Lee", company="Acme")
    response = api_client(rep).post(f"/api/v1/leads/{lead.pk}/convert/",
                                    {"account": account.pk, "contact": contact.pk},
                                    format="json")
    assert response.json() == {"account": account.pk, "contact": contact.pk, "opportunity": None}
    contact.refresh_from_db()
    assert contact.account == account
    other = LeadFactory(owner=rep, last_name="Solo", company="Solo Ltd")
    response = api_client(rep).post(f"/api/v1/leads/{other.pk}/convert/", {"account": None},
                                    format="json")
    assert response.status_code == 201
    assert response.json()["account"] is None
    assert Account.objects.count() == 1


def test_converting_twice_is_409_and_changes_nothing(rep):
    lead = LeadFactory(owner=rep, last_name="Lee", company="Acme")
    client = api_client(rep)
    client.post(f"/api/v1/leads/{lead.pk}/convert/", {}, format="json")
    counts = (Account.objects.count(), Contact.objects.count())
    response = client.post(f"/api/v1/leads/{lead.pk}/convert/", {}, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "already_converted"
    assert (Account.objects.count(), Contact.objects.count()) == counts


def test_invalid_new_account_fields_are_400_and_nothing_is_written(rep):
    lead = LeadFactory(owner=rep, last_name="Lee", company="Acme")
    response = api_client(rep).post(f"/api/v1/leads/{lead.pk}/convert/",
                                    {"account": {"industry": "nope"}}, format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["account.industry"]
    lead.refresh_from_db()
    assert (lead.status, Account.objects.count(), Contact.objects.count()) == ("new", 0, 0)


def test_convert_is_404_for_invisible_and_403_for_read_only_leads(rep, outsider, teammate):
    hidden = LeadFactory(owner=outsider, last_name="X")
    theirs = LeadFactory(owner=teammate, last_name="Y")
    client = api_client(rep)
    assert client.post(f"/api/v1/leads/{hidden.pk}/convert/", {},
                       format="json").status_code == 404
    assert client.post(f"/api/v1/leads/{theirs.pk}/convert/", {},
                       format="json").status_code == 403
    assert Lead.objects.filter(status="converted").count() == 0


def test_setting_status_converted_by_hand_is_refused(rep):
    lead = LeadFactory(owner=rep, last_name="Lee")
    response = api_client(rep).patch(f"/api/v1/leads/{lead.pk}/", {"status": "converted"},
                                     format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["status"]


def test_matches_lists_visible_accounts_and_contacts(rep, outsider):
    acme = AccountFactory(owner=rep, name="ACME")
    AccountFactory(owner=outsider, name="Acme")
    contact = ContactFactory(owner=rep, first_name="Ann", last_name="Lee")
    lead = LeadFactory(owner=rep, first_name="Ann", last_name="Lee", company="acme")
    response = api_client(rep).get(f"/api/v1/leads/{lead.pk}/matches/")
    assert response.json() == {
        "accounts": [{"id": acme.pk, "label": "ACME",
                      "url": f"http://testserver/api/v1/accounts/{acme.pk}/"}],
        "contacts": [{"id": contact.pk, "label": "Ann Lee",
                      "url": f"http://testserver/api/v1/contacts/{contact.pk}/"}],
    }
