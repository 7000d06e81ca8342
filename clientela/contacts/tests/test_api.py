"""The contacts API: the generic suite plus nested emails, phones, accounts and consents."""

import pytest

from clientela.accounts.tests.factories import AccountFactory
from clientela.contacts.models import Contact
from clientela.contacts.tests.factories import ContactFactory
from clientela.core.testing.api import RecordAPITests, api_client

pytestmark = pytest.mark.django_db


class TestContactAPI(RecordAPITests):
    url = "/api/v1/contacts/"
    factory = ContactFactory
    valid_payload = {
        "first_name": "Ann", "last_name": "Lee",
        "emails": [{"email": "ann@example.com"}], "phones": [{"number": "+34 600 000 000"}],
    }
    update_payload = {"title": "CTO", "department": "IT"}
    wrong_types = ({"birth_date": "yesterday"}, "birth_date")
    hidden_field = "title"


def test_nested_lists_are_written_with_one_primary_and_mirrored(rep):
    acme, beta = AccountFactory(owner=rep, name="Acme"), AccountFactory(owner=rep, name="Beta")
    response = api_client(rep).post("/api/v1/contacts/", {
        "last_name": "Lee",
        "emails": [{"email": "a@x.com"}, {"email": "b@x.com", "is_primary": True}],
        "phones": [{"number": "111", "label": "mobile"}],
        "accounts": [{"account": acme.pk, "role": "buyer"}, {"account": beta.pk}],
        "consents": [{"channel": "email", "status": "opted_in", "at": "2026-01-02T03:04:05Z",
                      "source": "web form"}],
    }, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["email"], body["phone"], body["account"]) == ("b@x.com", "111", acme.pk)
    assert body["emails"] == [{"email": "b@x.com", "label": "work", "is_primary": True},
                              {"email": "a@x.com", "label": "work", "is_primary": False}]
    assert body["accounts"] == [{"account": acme.pk, "role": "buyer", "is_primary": True},
                                {"account": beta.pk, "role": "other", "is_primary": False}]
    assert body["consents"] == [{"channel": "email", "status": "opted_in",
                                 "at": "2026-01-02T03:04:05Z", "source": "web form"}]
    assert body["version"] == 1


def test_invalid_nested_email_is_400_naming_the_item_and_writes_nothing(rep):
    contact = ContactFactory(owner=rep, email="keep@x.com")
    response = api_client(rep).patch(f"/api/v1/contacts/{contact.pk}/", {
        "title": "CTO", "emails": [{"email": "ok@x.com"}, {"email": "not-an-email"}],
    }, format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["emails[1].email"]
    contact.refresh_from_db()
    assert (contact.title, contact.email, contact.emails.count()) == ("", "keep@x.com", 0)


def test_duplicate_addresses_and_two_primaries_are_refused(rep):
    response = api_client(rep).post("/api/v1/contacts/", {
        "last_name": "Lee",
        "emails": [{"email": "a@x.com", "is_primary": True},
                   {"email": "A@x.com", "is_primary": True}],
    }, format="json")
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"emails[1].email", "emails[1].is_primary"}
    assert Contact.all_objects.count() == 0


def test_linking_an_invisible_account_is_refused(rep, outsider):
    hidden = AccountFactory(owner=outsider)
    response = api_client(rep).post("/api/v1/contacts/", {
        "last_name": "Lee", "accounts": [{"account": hidden.pk}],
    }, format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["accounts[0].account"]
    assert Contact.all_objects.count() == 0


def test_a_list_left_out_of_a_patch_stays(rep):
    client = api_client(rep)
    created = client.post("/api/v1/contacts/", {
        "last_name": "Lee", "emails": [{"email": "a@x.com"}],
    }, format="json").json()
    response = client.patch(f"/api/v1/contacts/{created['id']}/", {"phones": [{"number": "9"}]},
                            format="json")
    body = response.json()
    assert (body["email"], body["phone"], len(body["emails"])) == ("a@x.com", "9", 1)


def test_account_filter_finds_contacts_by_any_link(rep):
    acme = AccountFactory(owner=rep, name="Acme")
    client = api_client(rep)
    client.post("/api/v1/contacts/", {
        "last_name": "Linked", "accounts": [{"account": AccountFactory(owner=rep).pk},
                                            {"account": acme.pk}],
    }, format="json")
    ContactFactory(owner=rep, last_name="Unlinked")
    response = client.get("/api/v1/contacts/", {"account": acme.pk})
    assert [item["last_name"] for item in response.json()["results"]] == ["Linked"]


def test_a_create_answers_the_lists_it_wrote_and_reads_none_it_did_not(rep):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = api_client(rep).post("/api/v1/contacts/", {
            "first_name": "Ana", "last_name": "Ruiz",
            "emails": [{"email": "ana@example.com", "is_primary": True}],
        }, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert [item["email"] for item in body["emails"]] == ["ana@example.com"]
    assert (body["phones"], body["accounts"], body["consents"]) == ([], [], [])
    read = " ".join(query["sql"] for query in queries if query["sql"].startswith("SELECT"))
    assert "contacts_contactemail" in read  # the list it wrote is read back as stored
    assert "contacts_contactphone" not in read and "contacts_consent" not in read
