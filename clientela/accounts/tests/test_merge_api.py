"""POST /api/v1/accounts/<id>/merge/: the survivor back, errors in the one JSON shape."""

import pytest

from clientela.accounts.models import Account
from clientela.accounts.tests.factories import AccountFactory
from clientela.contacts.tests.factories import ContactFactory
from clientela.core.models import ObjectChange
from clientela.core.testing.api import api_client

pytestmark = pytest.mark.django_db


def merge(user, survivor, body, **headers):
    return api_client(user).post(f"/api/v1/accounts/{survivor.pk}/merge/", body,
                                 format="json", headers=headers)


def test_merge_answers_the_survivor_with_chosen_values(rep):
    survivor = AccountFactory(owner=rep, name="Acme")
    duplicate = AccountFactory(owner=rep, name="ACME GmbH", phone="123")
    contact = ContactFactory(owner=rep, account=duplicate)

    response = merge(rep, survivor, {"duplicates": [duplicate.pk],
                                     "fields": {"name": duplicate.pk}})

    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["id"], body["name"], body["phone"], body["version"]) == (
        survivor.pk, "ACME GmbH", "123", 2)
    assert Account.objects.filter(pk=duplicate.pk).exists() is False
    contact.refresh_from_db()
    assert contact.account_id == survivor.pk


def test_invisible_duplicate_is_a_400_naming_duplicates_and_nothing_changes(rep, outsider):
    survivor = AccountFactory(owner=rep)
    hidden = AccountFactory(owner=outsider)
    entries = ObjectChange.objects.count()

    response = merge(rep, survivor, {"duplicates": [hidden.pk]})

    assert response.status_code == 400
    assert response.json()["errors"] == {"duplicates": [f"No such records: {hidden.pk}."]}
    assert Account.objects.filter(pk=hidden.pk).exists()
    assert Account.objects.get(pk=survivor.pk).version == 1
    assert ObjectChange.objects.count() == entries


def test_a_teammates_record_is_a_403_and_an_unseen_survivor_a_404(rep, teammate, outsider):
    mine = AccountFactory(owner=rep)
    theirs = AccountFactory(owner=teammate)
    assert merge(rep, mine, {"duplicates": [theirs.pk]}).status_code == 403
    assert merge(rep, theirs, {"duplicates": [mine.pk]}).status_code == 403
    assert merge(rep, AccountFactory(owner=outsider), {"duplicates": [mine.pk]}
                 ).status_code == 404
    assert merge(rep, mine, {"duplicates": []}).json()["errors"] == {
        "duplicates": ["This list may not be empty."]}
    assert Account.objects.filter(pk__in=[mine.pk, theirs.pk]).count() == 2


def test_bad_field_choices_are_a_400_naming_them(rep):
    survivor = AccountFactory(owner=rep)
    duplicate = AccountFactory(owner=rep)
    response = merge(rep, survivor, {"duplicates": [duplicate.pk],
                                     "fields": {"name": 999999, "nope": survivor.pk}})
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "fields.name": ["Choose the id of one of the merged records."],
        "fields.nope": ["This field cannot be chosen in a merge."],
    }
    assert Account.objects.filter(pk=duplicate.pk).exists()


def test_a_stale_if_match_is_a_409_with_the_current_record(rep):
    survivor = AccountFactory(owner=rep)
    duplicate = AccountFactory(owner=rep)
    response = merge(rep, survivor, {"duplicates": [duplicate.pk]}, **{"If-Match": '"7"'})
    assert response.status_code == 409
    assert response.json()["current"]["version"] == 1
    assert Account.objects.filter(pk=duplicate.pk).exists()
    assert merge(rep, survivor, {"duplicates": [duplicate.pk]}, **{"If-Match": '"1"'}
                 ).status_code == 200
