"""The profitability page: customers' margins and net profit, the whale curve, the product
table and its own download, as each viewer may see them."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from clientela.accounts.models import Account
from clientela.core.testing.factories import TeamFactory, UserFactory, role

from .conftest import AS_OF, CUSTOMERS, LAPSED_FROM, order_dates, order_value

pytestmark = pytest.mark.django_db

PAGE = "/analytics/profitability/"


@pytest.fixture
def rep_with_own_accounts(rep, history_accounts):
    """The rep, with the manager's (even) customers in a team the rep is not in: a sales rep
    sees the own team's accounts, so the odd customers are then all the rep may see."""
    elsewhere = TeamFactory(name="Elsewhere")
    Account.objects.filter(pk__in=[account.pk for number, account in history_accounts.items()
                                   if number % 2 == 0]).update(team=elsewhere)
    return rep


def period_revenue(number: int) -> Decimal:
    """Return the customer's revenue over the twelve months up to AS_OF."""
    start = datetime.date(AS_OF.year - 1, 12, 1)
    return order_value(number) * sum(1 for day in order_dates(number) if day >= start)


def test_the_manager_sees_totals_curve_and_products(client, manager, finished_run):
    client.force_login(manager)
    response = client.get(PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    revenue = sum(period_revenue(number) for number in range(1, CUSTOMERS + 1))
    totals = response.context["figures"].totals
    assert totals["revenue"] == revenue
    assert totals["margin"] == revenue * Decimal("0.6")
    assert totals["net_profit"] == totals["margin"]  # nothing counts as cost to serve yet
    # Every buying customer is profitable, the lapsed ones make nothing: the curve reaches
    # 100 % with the 25 active customers of 30 and stays there.
    assert "The most profitable <strong>83.3 %</strong> of customers bring " \
           "<strong>100.0 %</strong> of the net profit" in html
    assert "cost to serve will count the activities" in html
    assert "Revenue is net of discounts" in html
    # One product, Widget, at 100 a unit bought for 40.
    assert 'data-product-product_name>Widget<' in html
    assert 'data-product-margin_share>60.0 %<' in html
    assert f'data-product-customers>{LAPSED_FROM - 1}<' in html


def test_the_customer_table_reads_margin_share_and_net_profit(client, manager, finished_run):
    client.force_login(manager)
    rows = list(csv.reader(io.StringIO(client.get(PAGE, {"format": "csv"}).content.decode())))
    assert rows[0] == ["Customer", "Revenue", "Cost", "Margin", "Margin %", "Discounts",
                       "Cost to serve", "Net profit"]
    assert len(rows) == 1 + CUSTOMERS
    # The most net profit first: customer 4 buys every month, 12 × 27,000.
    best = max(range(1, CUSTOMERS + 1), key=period_revenue)
    assert best == 4
    assert rows[1][0] == "Customer 04"
    assert Decimal(rows[1][1]) == period_revenue(4) == Decimal(324000)
    assert float(rows[1][4]) == pytest.approx(0.6)
    assert Decimal(rows[1][7]) == Decimal(324000) * Decimal("0.6")
    profits = [Decimal(row[7]) for row in rows[1:]]
    assert profits == sorted(profits, reverse=True)
    lapsed = next(row for row in rows if row[0] == f"Customer {CUSTOMERS}")
    assert lapsed[4] == ""  # no revenue, no margin share


def test_the_product_table_downloads_on_its_own(client, manager, finished_run):
    client.force_login(manager)
    response = client.get(PAGE, {"table": "products", "format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Product", "Units", "Revenue", "Cost", "Margin", "Margin per unit",
                       "Margin %", "Customers"]
    revenue = sum(period_revenue(number) for number in range(1, CUSTOMERS + 1))
    assert rows[1][0] == "Widget"
    assert Decimal(rows[1][1]) == revenue / 100
    assert Decimal(rows[1][2]) == revenue
    assert Decimal(rows[1][4]) == revenue * Decimal("0.6")
    assert rows[1][5] == "60.00"
    assert float(rows[1][6]) == pytest.approx(0.6)
    workbook = load_workbook(io.BytesIO(
        client.get(PAGE, {"table": "products", "format": "xlsx"}).content))
    assert list(workbook.active.iter_rows(values_only=True))[1][0] == "Widget"


def test_a_rep_sees_only_the_own_accounts_and_no_product_totals(client, rep_with_own_accounts,
                                                                finished_run):
    client.force_login(rep_with_own_accounts)
    response = client.get(PAGE)
    assert response.status_code == 200
    own = range(1, CUSTOMERS + 1, 2)
    assert response.context["figures"].totals["revenue"] == sum(
        period_revenue(number) for number in own)
    assert {row.account.name for row, _cells in response.context["rows"]} == {
        f"Customer {number:02d}" for number in own}
    html = response.content.decode()
    assert "data-product-product_name" not in html
    assert "shown to those who may see every customer" in html
    assert client.get(PAGE, {"table": "products", "format": "csv"}).status_code == 403


def test_the_xlsx_download_opens(client, manager, finished_run):
    client.force_login(manager)
    response = client.get(PAGE, {"format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "Customer" and len(rows) == 1 + CUSTOMERS


def test_a_user_without_analytics_access_is_refused(client, finished_run):
    client.force_login(UserFactory(username="agent", role=role("service-agent")))
    assert client.get(PAGE).status_code == 403


def test_before_any_run_the_page_says_so(client, manager):
    client.force_login(manager)
    response = client.get(PAGE)
    assert response.status_code == 200
    assert "No analysis has been run yet" in response.content.decode()


def test_bad_query_parameters_are_ignored(client, manager, finished_run):
    client.force_login(manager)
    response = client.get(PAGE, {"sort": "nonsense", "page": "x", "table": "nothing",
                                 "format": "pdf", "customer_class": "alien"})
    assert response.status_code == 200
    assert response.context["sort"] == "-net_profit"
