"""The lifetime value page: the values of the customers a viewer may see, the fit and its
holdout check as the run stored them, the simple value alone when the models were skipped,
and the download."""

import csv
import io
import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from clientela.accounts.models import Account
from clientela.analytics.models import CustomerResult
from clientela.core.testing.factories import TeamFactory, UserFactory, role

from .conftest import CUSTOMERS

pytestmark = pytest.mark.django_db

PAGE = "/analytics/clv/"


@pytest.fixture
def rep_with_own_accounts(rep, history_accounts):
    """The rep, with the manager's (even) customers in a team the rep is not in: a sales rep
    sees the own team's accounts, so the odd customers are then all the rep may see."""
    elsewhere = TeamFactory(name="Elsewhere")
    Account.objects.filter(pk__in=[account.pk for number, account in history_accounts.items()
                                   if number % 2 == 0]).update(team=elsewhere)
    return rep


def names(numbers) -> list[str]:
    return [f"Customer {number:02d}" for number in numbers]


def test_the_manager_sees_the_fit_and_the_holdout_check(client, manager, finished_run):
    client.force_login(manager)
    response = client.get(PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    summary = finished_run.summary["clv"]
    assert f'data-fit="r-alpha">{summary["bgnbd"]["r"]:.4f}, {summary["bgnbd"]["alpha"]:.4f}<' \
        in html
    assert f'{summary["gamma_gamma"]["p"]:.4f}, {summary["gamma_gamma"]["q"]:.4f}' in html
    assert 'data-fit="horizon">36 months<' in html
    assert 'data-fit="discount-rate">10.0 %<' in html
    holdout = summary["holdout"]
    assert holdout is not None
    assert f'data-holdout="predicted">{holdout["predicted_repeat_purchases"]:.1f}<' in html
    assert f'data-holdout="actual">{holdout["actual_repeat_purchases"]:.0f}<' in html
    for group in holdout["by_frequency"]:
        assert f'data-holdout-row="{group["frequency"]}"' in html
    assert "The purchase and spend models were not fitted" not in html


def test_the_histogram_and_top_customers_cover_the_customers_shown(client, manager,
                                                                 finished_run):
    client.force_login(manager)
    chart = client.get(PAGE).context["chart"]
    assert len(chart["histogram"]) == 12
    assert sum(band[2] for band in chart["histogram"]) == CUSTOMERS
    values = sorted(((float(row.clv), row.account.name) for row in
                     CustomerResult.objects.filter(run=finished_run)
                     .select_related("account")), key=lambda item: (-item[0], item[1]))
    assert [name for name, _value in chart["top"]] == [name for _v, name in values[:15]]


def test_the_table_is_ranked_by_value_with_its_cumulative_share(client, manager,
                                                                finished_run):
    client.force_login(manager)
    response = client.get(PAGE, {"format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Customer", "Lifetime value", "Simple value",
                       "Expected purchases", "P(alive)", "Spend per purchase",
                       "Revenue", "Margin", "Cumulative share"]
    assert len(rows) == 1 + CUSTOMERS
    values = [Decimal(row[1]) for row in rows[1:]]
    assert values == sorted(values, reverse=True)
    total = sum(values)
    shares = [float(row[8]) for row in rows[1:]]
    assert shares[0] == pytest.approx(float(values[0] / total))
    assert shares[-1] == pytest.approx(1.0)
    assert all(0 <= float(row[4]) <= 1 for row in rows[1:])  # P(alive) raw, not a percentage


def test_a_rep_sees_only_the_own_accounts(client, rep_with_own_accounts, finished_run):
    client.force_login(rep_with_own_accounts)
    response = client.get(PAGE)
    assert response.status_code == 200
    own = names(range(1, CUSTOMERS + 1, 2))
    assert {row.account.name for row, _cells in response.context["rows"]} == set(own)
    chart = response.context["chart"]
    assert sum(band[2] for band in chart["histogram"]) == len(own)
    assert {name for name, _value in chart["top"]} <= set(own)
    # The share is of the rep's own customers' value.
    shares = [row.clv_share for row, _cells in response.context["rows"]]
    assert max(shares) == pytest.approx(1.0)
    assert client.get(PAGE, {"format": "csv"}).status_code == 403  # reps do not export


def test_the_xlsx_download_opens(client, manager, finished_run):
    client.force_login(manager)
    response = client.get(PAGE, {"format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "Customer" and len(rows) == 1 + CUSTOMERS


def test_without_the_models_the_page_says_why_and_shows_the_simple_value(client, manager,
                                                                         finished_run):
    finished_run.summary["clv"] = {"horizon_months": 36, "skipped": "too few repeat buyers",
                                   "repeat_buyers": 4}
    finished_run.save(update_fields=["summary"])
    CustomerResult.objects.filter(run=finished_run).update(clv=None, p_alive=None)
    client.force_login(manager)
    response = client.get(PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    assert "The purchase and spend models were not fitted" in html
    assert "Only 4 customers bought more than once" in html
    assert "Holdout check" not in html
    assert "The top 15 customers by simple lifetime value" in html
    assert [str(column.label) for column in response.context["columns"]] == [
        "Customer", "Simple value", "Revenue", "Margin", "Cumulative share"]
    chart = response.context["chart"]
    best = CustomerResult.objects.filter(run=finished_run).order_by("-clv_simple").first()
    assert chart["top"][0] == [best.account.name, float(best.clv_simple)]
    assert int(re.search(r"(\d+) customers, worth", html).group(1)) == CUSTOMERS


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
    response = client.get(PAGE, {"sort": "nonsense", "page": "x", "run": "-1",
                                 "owner": "nobody"})
    assert response.status_code == 200
    assert response.context["sort"] == "-clv"
