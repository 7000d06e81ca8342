"""Fixtures of the analytics tests: a company with a known buying history, and a finished run
of it.

Thirty customer accounts owned by the manager (East) or the rep (alone in West, reporting to
the manager, so the rep sees exactly the odd customers and the manager all) buy in EUR at a
pace and size set by their number, so ranks and classes are known:
customer k (1–30) orders every `1 + k % 4` months for the last two years, each order worth
`1000 × (31 − k)` at a 40 % cost, and customers 26–30 stopped buying a year ago.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from clientela.accounts.choices import AccountType, CustomerClass
from clientela.accounts.tests.factories import AccountFactory
from clientela.analytics.measures import months_before
from clientela.analytics.models import AnalysisRun
from clientela.analytics.services import run_execute, run_start
from clientela.core.testing.factories import UserFactory, role
from clientela.sales.models import Order, OrderLine
from clientela.sales.tests.factories import ProductFactory

AS_OF = datetime.date(2026, 11, 30)
CUSTOMERS = 30
LAPSED_FROM = 26
REGIONS = ("North", "South")


def order_dates(number: int) -> list[datetime.date]:
    """Return the days customer `number` ordered on, oldest first."""
    every = 1 + number % 4
    last = 12 if number >= LAPSED_FROM else 0
    return [months_before(AS_OF, months) for months in range(24, last - 1, -every)]


def order_value(number: int) -> Decimal:
    return Decimal(1000 * (CUSTOMERS + 1 - number))


@pytest.fixture
def rep(db, team_west, manager):
    """A sales rep alone in team West who reports to `manager`: sees only their own."""
    return UserFactory(username="rep", role=role("sales-rep"), team=team_west, manager=manager)


@pytest.fixture
def history_accounts(db, manager, rep):
    """The thirty customers with their orders; returns them by number (1–30)."""
    product = ProductFactory(owner=manager, name="Widget", list_price=Decimal("100.00"),
                             cost=Decimal("40.00"), currency_id="EUR")
    accounts = {}
    for number in range(1, CUSTOMERS + 1):
        owner = rep if number % 2 else manager
        account = AccountFactory(
            owner=owner, name=f"Customer {number:02d}", account_type=AccountType.CUSTOMER,
            customer_class=CustomerClass.BUSINESS if number % 3 else CustomerClass.CONSUMER,
            billing_region=REGIONS[number % 2],
        )
        accounts[number] = account
    # Written in bulk: the order service's own rules are tested with sales.
    orders = Order.objects.bulk_create(
        Order(subject=f"Order {number}-{day}", account=account, currency_id="EUR",
              order_date=day, owner=account.owner, team=account.team,
              subtotal=order_value(number), total=order_value(number))
        for number, account in accounts.items() for day in order_dates(number))
    OrderLine.objects.bulk_create(
        OrderLine(order=order, product=product, description="Widget",
                  quantity=order.subtotal / 100, unit_price=Decimal("100.00"),
                  unit_cost=Decimal("40.00"), line_subtotal=order.subtotal,
                  line_total=order.subtotal)
        for order in orders)
    return accounts


def finish(run: AnalysisRun) -> AnalysisRun:
    """Compute a queued run here, as the worker would."""
    return run_execute(run_id=run.pk)


@pytest.fixture
def finished_run(history_accounts, manager) -> AnalysisRun:
    """A succeeded run of the thirty customers as of AS_OF."""
    run = finish(run_start(user=manager, as_of=AS_OF))
    assert run.status == "succeeded", run.error
    return run


# Customer number → (satisfaction 1–5, expected 1–5, likelihood to recommend 0–10).
ANSWERS = {
    1: (5, 4, None),   # 100, above expectations
    2: (1, 3, None),   # 0, below
    3: (None, None, 8),  # 80 from the recommendation, high by value
    4: (3, 3, None),   # 50, as expected
    29: (2, None, None),  # 25, low by value; lapsed
    30: (4, 4, None),  # 75, as expected; lapsed
}


@pytest.fixture
def surveyed_run(history_accounts, manager) -> AnalysisRun:
    """A succeeded run after six customers answered the satisfaction survey (ANSWERS)."""
    for number, (satisfaction, expected, recommend) in ANSWERS.items():
        account = history_accounts[number]
        account.satisfaction, account.expected_satisfaction = satisfaction, expected
        account.recommend_score = recommend
        account.save()
    run = run_execute(run_id=run_start(user=manager, as_of=AS_OF).pk)
    assert run.status == "succeeded", run.error
    return run
