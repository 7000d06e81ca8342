"""POST /api/v1/contacts/<id>/merge/: the merged contact with its merged lists."""

import pytest

from clientela.contacts.models import Contact, ContactEmail
from clientela.contacts.tests.factories import ContactFactory
from clientela.core.testing.api import api_client

pytestmark = pytest.mark.django_db


def test_merge_answers_the_contact_with_merged_emails(rep):
    survivor = ContactFactory(owner=rep, first_name="Ann", email="ann@x.com")
    duplicate = ContactFactory(owner=rep, first_name="Anne", email="anne@y.com")
    ContactEmail.objects.create(contact=survivor, email="ann@x.com", is_primary=True)
    ContactEmail.objects.create(contact=duplicate, email="anne@y.com", is_primary=True)

    response = api_client(rep).post(
        f"/api/v1/contacts/{survivor.pk}/merge/",
        {"duplicates": [duplicate.pk], "fields": {"first_name": duplicate.pk}}, format="json",
    )

    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["id"], body["first_name"], body["email"]) == (survivor.pk, "Anne", "ann@x.com")
    assert body["emails"] == [
        {"email": "ann@x.com", "label": "work", "is_primary": True},
        {"email": "anne@y.com", "label": "work", "is_primary": False},
    ]
    assert Contact.objects.filter(pk=duplicate.pk).exists() is False


def test_a_reader_may_not_merge_and_nothing_changes(reader, rep):
    survivor = ContactFactory(owner=rep)
    duplicate = ContactFactory(owner=rep)
    response = api_client(reader).post(f"/api/v1/contacts/{survivor.pk}/merge/",
                                       {"duplicates": [duplicate.pk]}, format="json")
    assert response.status_code == 403
    assert response.json()["detail"] == "Your role does not allow this."
    assert Contact.objects.filter(pk__in=[survivor.pk, duplicate.pk]).count() == 2
