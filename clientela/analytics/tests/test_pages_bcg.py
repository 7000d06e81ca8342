"""The BCG matrix page: quadrants as the thresholds place the customers, the table filtered by
quadrant, what a rep sees, downloads and bad addresses."""

import csv
import io

import pytest

from clientela.analytics.models import CustomerResult
from clientela.core.testing.factories import UserFactory, role

from .conftest import CUSTOMERS, LAPSED_FROM

pytestmark = pytest.mark.django_db

PAGE = "/analytics/bcg/"


def quadrant_of(result: CustomerResult, growth_bar: float, share_bar: float) -> str:
    """Classify a customer the way the BCG matrix reads: growth above the bar (a customer new in
    the period grows), share above the bar."""
    growing = result.revenue > 0 if result.growth is None else result.growth > growth_bar
    high = (result.share_of_wallet or 0) > share_bar
    if growing:
        return "star" if high else "question_mark"
    return "cash_cow" if high else "dog"


def expected_quadrants(run, accounts=None) -> dict[str, int]:
    summary = run.summary["bcg"]
    counts = {"star": 0, "cash_cow": 0, "question_mark": 0, "dog": 0}
    results = CustomerResult.objects.filter(run=run)
    if accounts is not None:
        results = results.filter(account__in=accounts)
    for result in results:
        counts[quadrant_of(result, summary["growth_threshold"], summary["share_threshold"])] += 1
    return counts


def test_the_quadrant_counts_follow_growth_share_and_the_thresholds(client, manager,
                                                                    finished_run):
    client.force_login(manager)
    response = client.get(PAGE)
    assert response.status_code == 200
    counts = expected_quadrants(finished_run)
    assert sum(counts.values()) == CUSTOMERS
    # The five lapsed customers lost all their revenue: growth −100 %, no share: dogs.
    assert counts["dog"] >= CUSTOMERS - LAPSED_FROM + 1
    shown = {row.quadrant: row.customers for row in response.context["figures"].quadrants}
    assert shown == counts
    for quadrant, count in counts.items():
        assert f'data-quadrant-count="{quadrant}">{count}<' in response.content.decode()
    revenue = {row.quadrant: row.revenue for row in response.context["figures"].quadrants}
    assert revenue["dog"] == sum(
        result.revenue for result in finished_run.customers.filter(bcg_quadrant="dog"))


def test_shares_are_estimated_against_the_largest_customer(client, manager, finished_run,
                                                           history_accounts):
    client.force_login(manager)
    figures = client.get(PAGE).context["figures"]
    largest = max(result.revenue for result in finished_run.customers.all())
    second = CustomerResult.objects.get(run=finished_run, account=history_accounts[2])
    assert second.share_estimated is True
    assert second.share_of_wallet == pytest.approx(float(second.revenue / largest))
    # Every customer that bought in either period has an estimated share: none has a spend.
    assert figures.estimated == CUSTOMERS
    point = next(point for point in figures.points if point["id"] == history_accounts[2].pk)
    assert point["x"] == pytest.approx(second.share_of_wallet)


def test_growth_is_clipped_for_the_picture_only(client, manager, finished_run,
                                                history_accounts):
    CustomerResult.objects.filter(run=finished_run, account=history_accounts[3]).update(
        growth=7.5)
    client.force_login(manager)
    response = client.get(PAGE)
    point = next(point for point in response.context["figures"].points
                 if point["id"] == history_accounts[3].pk)
    assert point["y"] == 3.0
    assert point["growth"] == 7.5
    assert response.context["figures"].growth_clipped == 1
    assert "750.0 %" in response.content.decode()


def test_a_quadrant_filters_the_table(client, manager, finished_run):
    client.force_login(manager)
    response = client.get(PAGE, {"quadrant": "dog"})
    dogs = set(finished_run.customers.filter(bcg_quadrant="dog").values_list(
        "account__name", flat=True))
    listed = {result.account.name for result, _cells in response.context["rows"]}
    assert listed == dogs
    assert "Only the Dogs quadrant is listed." in response.content.decode()
    # The matrix keeps every quadrant.
    assert response.context["figures"].customers == CUSTOMERS


def test_a_rep_sees_only_own_customers(client, rep, finished_run, history_accounts):
    client.force_login(rep)
    response = client.get(PAGE)
    assert response.status_code == 200
    own = [history_accounts[number] for number in range(1, CUSTOMERS + 1, 2)]
    names = {point["name"] for point in response.context["figures"].points}
    assert names == {account.name for account in own}
    shown = {row.quadrant: row.customers for row in response.context["figures"].quadrants}
    assert shown == expected_quadrants(finished_run, own)


def test_a_service_agent_may_not_see_the_page(client, finished_run):
    agent = UserFactory(username="agent", role=role("service-agent"))
    client.force_login(agent)
    assert client.get(PAGE).status_code == 403


def test_the_table_downloads_with_the_quadrant_filter(client, manager, finished_run):
    client.force_login(manager)
    response = client.get(PAGE, {"quadrant": "dog", "format": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Customer", "Quadrant", "Revenue", "Previous revenue", "Growth",
                       "Share", "Share estimated?"]
    assert len(rows) - 1 == finished_run.customers.filter(bcg_quadrant="dog").count()
    assert {row[1] for row in rows[1:]} == {"Dog"}
    lapsed = next(row for row in rows if row[0] == f"Customer {CUSTOMERS}")
    assert lapsed[2] == "0.00" and lapsed[4] == "-1.0" and lapsed[6] == "Yes"
    xlsx = client.get(PAGE, {"format": "xlsx"})
    assert xlsx.status_code == 200
    assert xlsx["Content-Disposition"].endswith('.xlsx"')


def test_without_a_run_the_page_says_so(client, manager):
    client.force_login(manager)
    response = client.get(PAGE)
    assert response.status_code == 200
    assert "No analysis has been run yet." in response.content.decode()


@pytest.mark.parametrize("query", [
    {"quadrant": "unicorn"}, {"sort": "nonsense"}, {"sort": "-share_of_wallet"},
    {"page": "many"}, {"page": "999"}, {"run": "x"}, {"run": "999999"},
    {"owner": "nobody"}, {"region": "<script>"}, {"format": "pdf"},
])
def test_nonsense_in_the_address_still_answers(client, manager, finished_run, query):
    client.force_login(manager)
    assert client.get(PAGE, query).status_code == 200
