"""Factories for contacts."""

import factory

from clientela.accounts.tests.factories import RecordFactory
from clientela.contacts.models import Contact


class ContactFactory(RecordFactory):
    class Meta:
        model = Contact

    first_name = factory.Sequence(lambda n: f"First{n}")
    last_name = factory.Sequence(lambda n: f"Last{n}")
