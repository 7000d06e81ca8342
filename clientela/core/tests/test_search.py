"""Global search: the index follows every write, matches, ranks and never shows too much."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from clientela.accounts.models import Account
from clientela.contacts.models import Contact
from clientela.core.search import index_bulk
from clientela.core.search.models import SearchEntry
from clientela.core.search.selectors import search_results
from clientela.core.testing.factories import UserFactory, role
from clientela.leads.models import Lead
from clientela.users.models import FieldPermission, Share

pytestmark = pytest.mark.django_db


def make(model, user, **fields):
    record = model(**fields)
    record.stamp(user)
    record.full_clean()
    record.save()
    return record


def found(user, query, **options) -> list[tuple[str, int]]:
    return [(result.module, result.id)
            for result in search_results(user=user, query=query, **options)]


def labels(user, query) -> list[str]:
    return [result.label for result in search_results(user=user, query=query)]


@pytest.fixture
def acme(rep):
    return make(Account, rep, name="Acme Polska", email="biuro@acme.pl")


@pytest.fixture
def jan(rep, acme):
    return make(Contact, rep, first_name="Jan", last_name="Kowalski",
                email="jan.kowalski@example.com", phone="+48 601 234 567", account=acme)


# Indexing -------------------------------------------------------------------------------------

def test_creating_a_record_indexes_its_search_fields(jan):
    entry = SearchEntry.objects.get(module="contacts", object_id=jan.pk)
    assert entry.label == "Jan Kowalski"
    assert entry.fields == {
        "first_name": "jan", "last_name": "kowalski", "email": "jan kowalski example com",
        "phone": "48 601 234 567 48601234567 8601234567 601234567 01234567 1234567 234567 "
                 "34567 4567 567",
        "account.name": "acme polska",
    }
    assert entry.text.startswith("jan kowalski jan kowalski example com 48 601 234 567 ")


def test_updating_a_record_reindexes_it(rep, jan):
    jan.last_name = "Nowak"
    jan.email = "jan.nowak@example.com"
    jan.stamp(rep)
    jan.save()
    assert found(rep, "nowak") == [("contacts", jan.pk)]
    assert found(rep, "kowalski") == []
    assert SearchEntry.objects.get(module="contacts", object_id=jan.pk).label == "Jan Nowak"


def test_deleting_removes_and_restoring_brings_back(rep, jan):
    jan.soft_delete(rep)
    assert not SearchEntry.objects.filter(module="contacts", object_id=jan.pk).exists()
    assert found(rep, "kowalski") == []
    jan.restore(rep)
    assert found(rep, "kowalski") == [("contacts", jan.pk)]


def test_renaming_an_account_reindexes_its_contacts(rep, acme, jan):
    acme.name = "Globex"
    acme.stamp(rep)
    acme.save()
    assert found(rep, "globex") == [("accounts", acme.pk), ("contacts", jan.pk)]
    assert found(rep, "polska") == []


def test_a_record_deleted_behind_the_index_is_still_never_found(rep, jan):
    Contact.all_objects.filter(pk=jan.pk).update(deleted_at=timezone.now())
    assert SearchEntry.objects.filter(module="contacts", object_id=jan.pk).exists()
    assert found(rep, "kowalski") == []


def test_index_bulk_indexes_records_written_without_signals(rep):
    contacts = Contact.objects.bulk_create(
        [Contact(first_name="Ola", last_name=f"Bulk{n}", owner=rep, team=rep.team)
         for n in range(3)]
    )
    assert found(rep, "bulk") == []
    assert index_bulk(Contact, [contacts[0].pk]) == 1
    assert found(rep, "bulk") == [("contacts", contacts[0].pk)]
    assert index_bulk(Contact) == 3
    assert sorted(found(rep, "bulk")) == [("contacts", c.pk) for c in contacts]


def test_index_bulk_drops_entries_of_deleted_records(rep, jan):
    Contact.all_objects.filter(pk=jan.pk).update(deleted_at=timezone.now())
    assert index_bulk(Contact, [jan.pk]) == 0
    assert not SearchEntry.objects.filter(module="contacts").exists()


def test_reindex_command_rebuilds_every_module(rep, acme, jan, capsys):
    SearchEntry.objects.all().delete()
    call_command("reindex")
    output = capsys.readouterr().out
    assert "accounts: 1 entries" in output
    assert "contacts: 1 entries" in output
    assert "leads: 0 entries" in output
    assert SearchEntry.objects.count() == 2
    assert found(rep, "kowalski") == [("contacts", jan.pk)]
    later = make(Contact, rep, first_name="Ida", last_name="Later")
    assert found(rep, "later") == [("contacts", later.pk)]
    later.soft_delete(rep)
    assert found(rep, "later") == []


# Matching -------------------------------------------------------------------------------------

@pytest.mark.parametrize("query", [
    "kowal", "Jan Kow", "KOWALSKI", "jan.kowalski@", "jan.kowalski@example.com",
    "601 234", "601234", "601-234-567", "+48601", "4567", "acme pol",
])
def test_prefixes_emails_and_phone_fragments_match(rep, jan, query):
    assert ("contacts", jan.pk) in found(rep, query)


@pytest.mark.parametrize("query", ["jan nowak", "999", "zzzz", "smith"])
def test_words_that_are_not_there_do_not_match(rep, jan, query):
    assert found(rep, query) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram matching is PostgreSQL's")
def test_postgresql_forgives_a_misspelt_word_and_ranks_it_last(rep, jan):
    kowalsky = make(Contact, rep, first_name="Ewa", last_name="Kowalsky")
    assert found(rep, "kowalsky") == [("contacts", kowalsky.pk), ("contacts", jan.pk)]
    assert found(rep, "kowalski") == [("contacts", jan.pk), ("contacts", kowalsky.pk)]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram matching is PostgreSQL's")
def test_misspelt_matches_wait_until_exact_ones_are_very_few(rep, jan):
    namesakes = [make(Contact, rep, first_name="Ana", last_name=f"Kowalski {n}") for n in range(5)]
    make(Contact, rep, first_name="Ewa", last_name="Kowalsky")
    hits = found(rep, "kowalski", limit=100)
    assert sorted(hits) == sorted(("contacts", c.pk) for c in [jan, *namesakes])


@pytest.mark.parametrize("query", ["王", "伟", "伟明", "王伟明", "明"])
def test_chinese_substrings_match(rep, query):
    wang = make(Contact, rep, first_name="王", last_name="伟明")
    make(Contact, rep, first_name="李", last_name="娜")
    assert found(rep, query) == [("contacts", wang.pk)]


def test_accents_are_folded_both_ways(rep):
    city = make(Account, rep, name="Łódź Ślusarczyk Peña")
    assert found(rep, "lodz") == [("accounts", city.pk)]
    assert found(rep, "ŚLUSARCZYK") == [("accounts", city.pk)]
    assert found(rep, "pena") == [("accounts", city.pk)]


def test_an_exact_word_ranks_above_a_prefix(rep):
    janina = make(Contact, rep, first_name="Janina", last_name="Kowalska")
    janusz = make(Contact, rep, first_name="Janusz", last_name="Nowak")
    jan = make(Contact, rep, first_name="Jan", last_name="Wiśniewski")
    assert found(rep, "jan")[0] == ("contacts", jan.pk)
    assert sorted(found(rep, "jan")) == sorted(
        [("contacts", janina.pk), ("contacts", janusz.pk), ("contacts", jan.pk)]
    )


def test_results_span_modules_and_respect_the_limit(rep):
    for n in range(5):
        make(Lead, rep, first_name="Zed", last_name=f"Lead{n}")
    account = make(Account, rep, name="Zed")
    results = found(rep, "zed", limit=3)
    assert len(results) == 3
    assert results[0] == ("accounts", account.pk)


# Permissions ----------------------------------------------------------------------------------

def test_an_outsider_finds_nothing_of_another_team(outsider, teammate, jan, acme):
    assert found(outsider, "kowalski") == []
    assert found(outsider, "acme") == []
    assert found(teammate, "kowalski") == [("contacts", jan.pk)]


def test_a_share_makes_a_record_findable(outsider, rep, jan):
    Share.objects.create(content_type=ContentType.objects.get_for_model(Contact),
                         object_id=jan.pk, user=outsider, created_by=rep)
    assert found(outsider, "kowalski") == [("contacts", jan.pk)]
    assert found(outsider, "acme") == [("contacts", jan.pk)]


def test_a_team_share_makes_a_record_findable_for_the_team(outsider, team_west, rep, acme):
    Share.objects.create(content_type=ContentType.objects.get_for_model(Account),
                         object_id=acme.pk, team=team_west, created_by=rep)
    assert found(outsider, "acme") == [("accounts", acme.pk)]


def test_modules_the_role_cannot_access_are_not_searched(rep):
    lead = make(Lead, rep, first_name="Vera", last_name="Lead")
    agent = UserFactory(username="agent", role=role("service-agent"))
    assert found(agent, "vera") == []
    assert found(UserFactory(username="boss", role=role("admin")), "vera") == [("leads", lead.pk)]


def test_a_hidden_field_is_never_matched(rep, jan, manager):
    FieldPermission.objects.create(role=rep.role, module="contacts", field="email",
                                   access="hidden")
    FieldPermission.objects.create(role=rep.role, module="contacts", field="account",
                                   access="hidden")
    rep = type(rep).objects.get(pk=rep.pk)
    assert found(rep, "example.com") == []
    assert found(rep, "jan.kowalski@") == []
    assert found(rep, "polska") == [("accounts", jan.account_id)]
    assert found(rep, "jan kowalski") == [("contacts", jan.pk)]
    assert found(rep, "601234") == [("contacts", jan.pk)]
    assert found(manager, "example.com") == [("contacts", jan.pk)]


# API ------------------------------------------------------------------------------------------

@pytest.fixture
def api(rep):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=rep).key}")
    return client


def test_api_returns_results_best_first(api, jan, acme):
    response = api.get("/api/v1/search/", {"q": "acme"})
    assert response.status_code == 200
    assert response.json() == {"results": [
        {"module": "accounts", "id": acme.pk, "label": "Acme Polska",
         "url": f"/accounts/{acme.pk}/"},
        {"module": "contacts", "id": jan.pk, "label": "Jan Kowalski",
         "url": f"/contacts/{jan.pk}/"},
    ]}


def test_api_limit(api, jan, acme):
    response = api.get("/api/v1/search/", {"q": "acme", "limit": 1})
    assert [item["module"] for item in response.json()["results"]] == ["accounts"]
    response = api.get("/api/v1/search/", {"q": "acme", "limit": 101})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["limit"]


def test_api_needs_authentication(jan):
    response = APIClient().get("/api/v1/search/", {"q": "jan"})
    assert response.status_code == 401
    assert "results" not in response.json()


@pytest.mark.parametrize(("params", "message"), [
    ({}, "Enter something to search for."),
    ({"q": "  "}, "Enter something to search for."),
    ({"q": "j"}, "Enter at least 2 characters (one is enough for Chinese, Japanese or Korean)."),
    ({"q": "x" * 201}, "Enter at most 200 characters."),
    ({"q": "@@"}, "Enter letters or digits to search for."),
])
def test_api_rejects_unusable_queries(api, params, message):
    response = api.get("/api/v1/search/", params)
    assert response.status_code == 400
    body = response.json()
    assert body["errors"] == {"q": [message]}
    assert body["detail"]


def test_api_accepts_one_cjk_character(api, rep):
    wang = make(Contact, rep, first_name="王", last_name="伟")
    response = api.get("/api/v1/search/", {"q": "伟"})
    assert response.status_code == 200
    assert [item["id"] for item in response.json()["results"]] == [wang.pk]


def test_api_never_fails_on_query_syntax(api, jan):
    for query in ['"jan', "jan*", "NOT jan", "jan OR", "a:b", "'; drop", "(jan", "jan & |"]:
        response = api.get("/api/v1/search/", {"q": query})
        assert response.status_code in (200, 400), query


def test_search_is_in_the_openapi_schema():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator(patterns=None).get_schema(request=None, public=True)
    operation = schema["paths"]["/api/v1/search/"]["get"]
    assert operation["operationId"] == "search"
    assert {parameter["name"] for parameter in operation["parameters"]} == {"q", "limit"}


# Pages ----------------------------------------------------------------------------------------

def test_the_page_groups_results_by_module(client, rep, jan, acme):
    client.force_login(rep)
    response = client.get("/search/", {"q": "acme"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="search-group-accounts"' in html
    assert 'id="search-group-contacts"' in html
    assert html.index('id="search-group-accounts"') < html.index('id="search-group-contacts"')
    assert f'href="/accounts/{acme.pk}/">Acme Polska</a>' in html
    assert f'href="/contacts/{jan.pk}/">Jan Kowalski</a>' in html
    assert 'value="acme"' in html


def test_the_page_has_an_empty_state(client, rep):
    client.force_login(rep)
    html = client.get("/search/", {"q": "nobody"}).content.decode()
    assert 'id="search-empty"' in html
    assert "Nothing matches “nobody”." in html
    assert 'id="search-error"' in client.get("/search/", {"q": "j"}).content.decode()


def test_the_page_needs_a_login(client):
    response = client.get("/search/", {"q": "jan"})
    assert response.status_code == 302


def test_suggestions_list_the_best_matches(client, rep, jan, outsider):
    client.force_login(rep)
    html = client.get("/search/suggest/", {"q": "kowal"}).content.decode()
    assert f'href="/contacts/{jan.pk}/"' in html
    assert "Jan Kowalski" in html
    assert 'href="/search/?q=kowal"' in html
    assert client.get("/search/suggest/", {"q": ""}).content.decode().strip() == ""
    client.force_login(outsider)
    html = client.get("/search/suggest/", {"q": "kowal"}).content.decode()
    assert "Jan Kowalski" not in html
    assert "No matches" in html
