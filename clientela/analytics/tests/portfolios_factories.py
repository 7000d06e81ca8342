"""A factory of portfolios, saved through the record write path."""

import factory

from clientela.accounts.tests.factories import RecordFactory
from clientela.analytics.models import Portfolio


class PortfolioFactory(RecordFactory):
    class Meta:
        model = Portfolio

    name = factory.Sequence(lambda n: f"Portfolio {n}")
    code = factory.Sequence(lambda n: f"9.{n}")
