"""The customers page: every class and value of each customer, filtered by each class,
sortable by every column, downloadable."""

import csv
import io

import pytest

from clientela.analytics.models import CustomerResult
from clientela.analytics.views.customers import CustomersPage
from clientela.core.testing.factories import UserFactory, role

from .conftest import CUSTOMERS

pytestmark = pytest.mark.django_db

PAGE = "/analytics/customers/"


def listed(response) -> list[str]:
    return [result.account.name for result, _cells in response.context["rows"]]


def test_every_customer_is_listed_with_its_classes(client, manager, finished_run,
                                                   history_accounts):
    client.force_login(manager)
    response = client.get(PAGE)
    assert response.status_code == 200
    assert response.context["page"].paginator.count == CUSTOMERS
    first = CustomerResult.objects.get(run=finished_run, account=history_accounts[1])
    cells = next(cells for result, cells in response.context["rows"]
                 if result.account_id == history_accounts[1].pk)
    row = {column.key: value for column, value in cells}
    assert row["pareto_class"] == first.pareto_class == "A"
    assert row["rfm_segment"] == first.get_rfm_segment_display()
    assert row["bcg_quadrant"] == first.get_bcg_quadrant_display()
    assert row["is_key"] == ("Yes" if first.is_key else "No")
    assert row["revenue"] == first.revenue


@pytest.mark.parametrize("name", ["pareto_class", "rfm_segment", "bcg_quadrant"])
def test_each_class_filters_the_list(client, manager, finished_run, name):
    client.force_login(manager)
    value = finished_run.customers.exclude(**{name: ""}).values_list(name, flat=True)[0]
    expected = sorted(finished_run.customers.filter(**{name: value}).values_list(
        "account__name", flat=True))
    response = client.get(PAGE, {name: value, "sort": "account"})
    assert listed(response) == expected
    assert len(expected) < CUSTOMERS


def test_the_key_account_and_loyalty_filters(client, manager, finished_run):
    CustomerResult.objects.filter(run=finished_run, account__name="Customer 07").update(
        is_key=True, loyalty_quadrant="captive")
    client.force_login(manager)
    assert listed(client.get(PAGE, {"is_key": "1"})) == ["Customer 07"]
    assert len(listed(client.get(PAGE, {"is_key": "0"}))) == CUSTOMERS - 1
    assert listed(client.get(PAGE, {"loyalty_quadrant": "captive"})) == ["Customer 07"]
    both = client.get(PAGE, {"loyalty_quadrant": "captive", "pareto_class": "C"})
    assert listed(both) == []


@pytest.mark.parametrize("column", [column.key for column in CustomersPage.columns])
def test_every_column_sorts(client, manager, finished_run, column):
    client.force_login(manager)
    ascending = client.get(PAGE, {"sort": column})
    descending = client.get(PAGE, {"sort": f"-{column}"})
    assert ascending.context["sort"] == column
    assert descending.context["sort"] == f"-{column}"
    assert ascending.status_code == descending.status_code == 200


def test_sorting_by_revenue_orders_the_rows(client, manager, finished_run):
    client.force_login(manager)
    names = listed(client.get(PAGE, {"sort": "-revenue"}))
    expected = list(finished_run.customers.order_by("-revenue", "account__name").values_list(
        "account__name", flat=True))
    assert names == expected


def test_the_download_keeps_the_filter_and_the_order(client, manager, finished_run):
    client.force_login(manager)
    response = client.get(PAGE, {"pareto_class": "A", "sort": "-revenue", "format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:6] == ["Customer", "ABC class", "RFM segment", "BCG quadrant",
                           "Loyalty quadrant", "Key account"]
    expected = list(finished_run.customers.filter(pareto_class="A").order_by(
        "-revenue", "account__name").values_list("account__name", flat=True))
    assert [row[0] for row in rows[1:]] == expected
    assert {row[1] for row in rows[1:]} == {"A"}


def test_a_rep_sees_only_own_customers(client, rep, finished_run):
    client.force_login(rep)
    names = listed(client.get(PAGE, {"sort": "account"}))
    assert names == [f"Customer {number:02d}" for number in range(1, CUSTOMERS + 1, 2)]


def test_a_service_agent_may_not_see_the_page(client, finished_run):
    client.force_login(UserFactory(username="agent", role=role("service-agent")))
    assert client.get(PAGE).status_code == 403
    assert client.get(PAGE, {"format": "csv"}).status_code == 403


def test_without_a_run_the_page_says_so(client, manager):
    client.force_login(manager)
    response = client.get(PAGE)
    assert response.status_code == 200
    assert "No analysis has been run yet." in response.content.decode()


@pytest.mark.parametrize("query", [
    {"pareto_class": "Z"}, {"rfm_segment": "sleepy"}, {"bcg_quadrant": "unicorn"},
    {"loyalty_quadrant": "<b>"}, {"is_key": "maybe"}, {"sort": "account__owner__password"},
    {"page": "last"}, {"run": "abc"}, {"owner": "-3"},
])
def test_nonsense_in_the_address_still_answers(client, manager, finished_run, query):
    client.force_login(manager)
    response = client.get(PAGE, query)
    assert response.status_code == 200
    assert response.context["page"].paginator.count == CUSTOMERS  # the nonsense is ignored
