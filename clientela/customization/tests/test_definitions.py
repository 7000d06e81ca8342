"""Custom field definitions are read from the cache and follow every change."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clientela.customization.models import CustomField
from clientela.customization.validation import definitions

pytestmark = pytest.mark.django_db(transaction=True)


def names(module):
    return [definition.name for definition in definitions(module)]


def test_definitions_are_read_once_then_served_from_the_cache():
    CustomField.objects.create(module="accounts", name="tier", label="Tier", type="text")
    assert names("accounts") == ["tier"]
    with CaptureQueriesContext(connection) as queries:
        assert names("accounts") == ["tier"]
    assert not [q for q in queries if "customization_customfield" in q["sql"]]


def test_adding_changing_and_deleting_a_definition_shows_at_once():
    assert names("contacts") == []
    field = CustomField.objects.create(module="contacts", name="hobby", label="Hobby",
                                       type="text")
    assert names("contacts") == ["hobby"]
    field.label = "Pastime"
    field.save()
    assert [definition.label for definition in definitions("contacts")] == ["Pastime"]
    field.module = "accounts"
    field.save()
    assert names("contacts") == []
    assert names("accounts") == ["hobby"]
    field.delete()
    assert names("accounts") == []
