"""Factories for leads."""

import factory

from clientela.accounts.tests.factories import RecordFactory
from clientela.leads.models import Lead


class LeadFactory(RecordFactory):
    class Meta:
        model = Lead

    first_name = factory.Sequence(lambda n: f"Lead{n}")
    last_name = factory.Sequence(lambda n: f"Person{n}")
