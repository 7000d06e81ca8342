"""ContactFilterSet: the account filter reaches primary and secondary links."""

import pytest
from django.http import QueryDict

from clientela.accounts.tests.factories import AccountFactory
from clientela.contacts.filtersets import ContactFilterSet
from clientela.contacts.models import Contact, ContactAccount
from clientela.contacts.tests.factories import ContactFactory

pytestmark = pytest.mark.django_db


def last_names(query: str) -> list[str]:
    filterset = ContactFilterSet(QueryDict(query), queryset=Contact.objects.order_by("last_name"))
    assert filterset.is_valid(), filterset.errors
    return list(filterset.qs.values_list("last_name", flat=True))


def test_account_filter_matches_primary_and_linked_contacts(rep):
    acme, other = AccountFactory(name="Acme", owner=rep), AccountFactory(name="Other", owner=rep)
    ContactFactory(last_name="Primary", owner=rep, account=acme)
    linked = ContactFactory(last_name="Linked", owner=rep, account=other)
    ContactAccount.objects.create(contact=linked, account=acme)
    ContactFactory(last_name="Elsewhere", owner=rep, account=other)
    assert last_names(f"account={acme.pk}") == ["Linked", "Primary"]
    assert last_names("last_name__in=Primary,Elsewhere") == ["Elsewhere", "Primary"]


def test_q_searches_the_primary_account_name(rep):
    acme = AccountFactory(name="Acme", owner=rep)
    ContactFactory(last_name="Smith", owner=rep, account=acme)
    ContactFactory(last_name="Jones", owner=rep)
    assert last_names("q=acme") == ["Smith"]


def test_an_account_without_contacts_lists_none_on_the_page_and_in_the_api(client, rep):
    empty = AccountFactory(owner=rep)
    ContactFactory(owner=rep, last_name="Elsewhere")
    client.force_login(rep)
    assert client.get("/contacts/", {"account": empty.pk}).status_code == 200
    response = client.get("/api/v1/contacts/", {"account": empty.pk})
    assert (response.status_code, response.json()["count"]) == (200, 0)
