"""The satisfaction × loyalty page: satisfaction from the survey answers entered on accounts
and contacts, Winer's quadrants at 50/50, the levels, the unsurveyed customers, who sees what,
downloads and bad addresses."""

import csv
import io

import pytest

from clientela.analytics.models import CustomerResult
from clientela.analytics.services import run_execute, run_start
from clientela.contacts.tests.factories import ContactFactory
from clientela.core.testing.factories import UserFactory, role

from .conftest import ANSWERS, AS_OF, CUSTOMERS

pytestmark = pytest.mark.django_db

PAGE = "/analytics/loyalty/"


def winer(satisfaction: float, loyalty: float) -> str:
    if loyalty >= 50:
        return "loyal" if satisfaction >= 50 else "captive"
    return "mercenary" if satisfaction >= 50 else "terrorist"


def test_satisfaction_comes_from_the_answers_and_places_the_customers(
        client, manager, surveyed_run, history_accounts):
    results = {number: CustomerResult.objects.get(run=surveyed_run,
                                                  account=history_accounts[number])
               for number in ANSWERS}
    assert [results[number].satisfaction for number in ANSWERS] == [100, 0, 80, 50, 25, 75]
    assert [results[number].satisfaction_level for number in ANSWERS] == [
        "high", "low", "high", "normal", "low", "normal"]
    expected = {"loyal": 0, "captive": 0, "mercenary": 0, "terrorist": 0}
    for result in results.values():
        expected[winer(result.satisfaction, result.loyalty)] += 1
    # Lapsed customers buy no more: their loyalty is below the line.
    assert results[30].loyalty < 50

    client.force_login(manager)
    response = client.get(PAGE)
    assert response.status_code == 200
    figures = response.context["figures"]
    assert {row.value: row.customers for row in figures.quadrants} == expected
    assert {row.value: row.customers for row in figures.levels} == {
        "low": 2, "normal": 2, "high": 2}
    assert figures.unsurveyed == CUSTOMERS - len(ANSWERS)
    page = response.content.decode()
    for quadrant, count in expected.items():
        assert f'data-quadrant-count="{quadrant}">{count}<' in page
    assert f"{CUSTOMERS - len(ANSWERS)} of {CUSTOMERS} customers have no survey answer" in page
    assert "/import/accounts/" in page and "/import/contacts/" in page


def test_a_contacts_answers_count_for_an_account_without_any(client, manager,
                                                             history_accounts):
    account = history_accounts[6]
    ContactFactory(first_name="Ana", last_name="Ruiz", account=account, owner=manager,
                   satisfaction=2, expected_satisfaction=4)
    run = run_execute(run_id=run_start(user=manager, as_of=AS_OF).pk)
    result = CustomerResult.objects.get(run=run, account=account)
    assert result.satisfaction == 25
    assert result.satisfaction_level == "low"
    client.force_login(manager)
    figures = client.get(PAGE).context["figures"]
    assert figures.surveyed == 1
    assert [point["name"] for point in figures.points] == [account.name]


def test_without_answers_nobody_is_placed_and_the_page_says_how_to_add_them(
        client, manager, finished_run):
    client.force_login(manager)
    response = client.get(PAGE)
    assert response.status_code == 200
    assert response.context["figures"].placed == 0
    page = response.content.decode()
    assert "No customer you may see has both survey answers and purchases yet" in page
    assert f"{CUSTOMERS} of {CUSTOMERS} customers have no survey answer" in page


def test_a_quadrant_filters_the_table_and_its_download(client, manager, surveyed_run):
    client.force_login(manager)
    terrorists = set(surveyed_run.customers.filter(loyalty_quadrant="terrorist")
                     .values_list("account__name", flat=True))
    assert terrorists  # customer 29: unsatisfied and gone
    response = client.get(PAGE, {"quadrant": "terrorist"})
    assert {result.account.name for result, _cells in response.context["rows"]} == terrorists
    download = client.get(PAGE, {"quadrant": "terrorist", "format": "csv"})
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    assert rows[0] == ["Customer", "Quadrant", "Satisfaction", "Level", "Loyalty",
                       "P(alive)", "Purchases"]
    assert {row[0] for row in rows[1:]} == terrorists
    assert {row[1] for row in rows[1:]} == {"Terrorist"}


def test_a_rep_sees_only_own_customers(client, rep, surveyed_run, history_accounts):
    client.force_login(rep)
    response = client.get(PAGE)
    assert response.status_code == 200
    figures = response.context["figures"]
    assert figures.customers == CUSTOMERS // 2
    # Customers 1, 3 and 29 answered and are the rep's.
    assert figures.surveyed == 3
    assert {point["name"] for point in figures.points} <= {
        history_accounts[number].name for number in (1, 3, 29)}
    assert all(int(result.account.name.split()[-1]) % 2
               for result, _cells in response.context["rows"])
    # A rep may not import: the page says where to type the answers, without import links.
    page = response.content.decode()
    assert "Satisfaction fields" in page and "/import/accounts/" not in page


def test_a_service_agent_may_not_see_the_page(client, finished_run):
    client.force_login(UserFactory(username="agent", role=role("service-agent")))
    assert client.get(PAGE).status_code == 403


def test_without_a_run_the_page_says_so(client, manager):
    client.force_login(manager)
    response = client.get(PAGE)
    assert response.status_code == 200
    assert "No analysis has been run yet." in response.content.decode()


@pytest.mark.parametrize("query", [
    {"quadrant": "apostle"}, {"sort": "-nothing"}, {"sort": "p_alive"}, {"page": "-1"},
    {"run": "0"}, {"customer_class": "alien"}, {"format": "doc"},
])
def test_nonsense_in_the_address_still_answers(client, manager, finished_run, query):
    client.force_login(manager)
    assert client.get(PAGE, query).status_code == 200
