"""Child rows read for a page of records with SQL compiled once per shape."""

import datetime

import pytest

from clientela.contacts.models import Consent, ContactEmail
from clientela.contacts.tests.factories import ContactFactory
from clientela.core.prepared import rows_for_ids

pytestmark = pytest.mark.django_db

AT = datetime.datetime(2026, 3, 1, 9, 30, tzinfo=datetime.UTC)


def emails_of(ids):
    return rows_for_ids(ContactEmail.objects.all(), "contact_id", ["email", "is_primary"], ids)


def test_rows_follow_the_ids_given_each_time_not_the_first_call():
    first, second, third = ContactFactory(), ContactFactory(), ContactFactory()
    for contact in (first, second, third):
        ContactEmail.objects.create(contact=contact, email=f"{contact.last_name}@example.com",
                                    is_primary=True)
    ContactEmail.objects.create(contact=second, email="other@example.com", is_primary=False)

    assert emails_of([first.pk, third.pk]) == [
        (first.pk, f"{first.last_name}@example.com", True),
        (third.pk, f"{third.last_name}@example.com", True),
    ]
    # The same number of ids reuses the compiled SQL and still reads the rows of these ids.
    assert sorted(emails_of([second.pk, third.pk])) == sorted([
        (second.pk, f"{second.last_name}@example.com", True),
        (second.pk, "other@example.com", False),
        (third.pk, f"{third.last_name}@example.com", True),
    ])
    assert emails_of([]) == []


def test_values_are_converted_as_the_orm_converts_them():
    contact = ContactFactory()
    Consent.objects.create(contact=contact, channel="email", status="in", at=AT, source="form")
    ContactEmail.objects.create(contact=contact, email="a@example.com", is_primary=False)

    [(owner, at, source)] = rows_for_ids(Consent.objects.all(), "contact_id", ["at", "source"],
                                         [contact.pk])
    assert (owner, at, source) == (contact.pk, AT, "form")
    assert isinstance(at, datetime.datetime)
    [(_owner, primary)] = rows_for_ids(ContactEmail.objects.all(), "contact_id", ["is_primary"],
                                       [contact.pk])
    assert primary is False


def test_rows_keep_the_models_ordering():
    contact = ContactFactory()
    late = ContactEmail.objects.create(contact=contact, email="late@example.com",
                                       is_primary=False)
    primary = ContactEmail.objects.create(contact=contact, email="main@example.com",
                                          is_primary=True)
    rows = rows_for_ids(ContactEmail.objects.all(), "contact_id", ["id"], [contact.pk])
    assert [row[1] for row in rows] == [primary.pk, late.pk]
