"""The analytics API: measures per customer as the caller may see them, runs, and the latest
classes on account and contact records."""

import pytest

from clientela.analytics.models import AnalysisRun, CustomerResult
from clientela.contacts.tests.factories import ContactFactory
from clientela.core.testing.api import api_client
from clientela.core.testing.factories import UserFactory, role

from .conftest import AS_OF, CUSTOMERS

pytestmark = pytest.mark.django_db


@pytest.fixture
def agent(db):
    return UserFactory(username="agent", role=role("service-agent"))


def test_a_measure_lists_every_customer_with_the_run_and_its_parameters(finished_run, manager):
    response = api_client(manager).get("/api/v1/analytics/pareto/", {"page_size": 100})
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["count"] == CUSTOMERS
    assert body["run"]["id"] == finished_run.pk
    assert body["run"]["as_of"] == AS_OF.isoformat()
    assert body["run"]["parameters"]["cutoffs"] == [0.8, 0.95]
    ranks = [row["pareto_rank"] for row in body["results"]]
    assert ranks == sorted(ranks)
    first = body["results"][0]
    stored = CustomerResult.objects.get(run=finished_run, account_id=first["account"])
    assert first["revenue"] == str(stored.revenue)
    assert first["pareto_class"] == "A"
    assert 0 < body["summary"]["customer_share"] < 1


def test_a_rep_sees_only_own_customers_and_their_headline(finished_run, rep, history_accounts):
    body = api_client(rep).get("/api/v1/analytics/pareto/", {"page_size": 100}).json()
    own = {account.pk for number, account in history_accounts.items() if number % 2}
    assert {row["account"] for row in body["results"]} == own
    # Ranks stay the company's: the best customer (number 4, monthly) is the manager's.
    assert body["results"][0]["pareto_rank"] > 1
    top = CustomerResult.objects.get(run=finished_run, pareto_rank=1)
    assert top.account == history_accounts[4]


@pytest.mark.parametrize("measure", ["rfm", "pareto", "clv", "profitability", "bcg",
                                     "attractiveness", "loyalty", "customers"])
def test_every_measure_answers(finished_run, manager, measure):
    response = api_client(manager).get(f"/api/v1/analytics/{measure}/")
    assert response.status_code == 200
    assert response.json()["count"] == CUSTOMERS


def test_class_filters_and_ordering(finished_run, manager):
    body = api_client(manager).get("/api/v1/analytics/customers/", {
        "pareto_class": "A", "ordering": "-revenue", "page_size": 100}).json()
    revenues = [float(row["revenue"]) for row in body["results"]]
    assert revenues == sorted(revenues, reverse=True)
    expected = CustomerResult.objects.filter(run=finished_run, pareto_class="A").count()
    assert body["count"] == expected > 0


@pytest.mark.parametrize("params, field", [
    ({"pareto_class": "Z"}, "pareto_class"), ({"ordering": "password"}, "ordering"),
    ({"colour": "red"}, "colour"), ({"is_key": "maybe"}, "is_key"), ({"owner": "me"}, "owner"),
])
def test_bad_parameters_are_named(finished_run, manager, params, field):
    response = api_client(manager).get("/api/v1/analytics/customers/", params)
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_no_run_yet_and_an_unknown_run_are_404(manager, finished_run):
    assert api_client(manager).get("/api/v1/analytics/rfm/", {"run": 999}).status_code == 404
    AnalysisRun.objects.all().delete()
    response = api_client(manager).get("/api/v1/analytics/rfm/")
    assert response.status_code == 404


def test_without_analytics_access_the_api_refuses(finished_run, agent):
    assert api_client(agent).get("/api/v1/analytics/pareto/").status_code == 403
    assert api_client(agent).get("/api/v1/analytics/runs/").status_code == 403
    assert api_client().get("/api/v1/analytics/pareto/").status_code in (401, 403)


def test_product_profitability_is_for_those_who_see_every_account(finished_run, manager, rep):
    body = api_client(manager).get("/api/v1/analytics/products/").json()
    assert body["results"][0]["product_name"] == "Widget"
    assert api_client(rep).get("/api/v1/analytics/products/").status_code == 403


def test_runs_start_and_report(history_accounts, manager, rep, django_capture_on_commit_callbacks):
    assert api_client(rep).post("/api/v1/analytics/runs/", {}, format="json").status_code == 403
    bad = api_client(manager).post("/api/v1/analytics/runs/", {"as_of": "soon"}, format="json")
    assert bad.status_code == 400 and "as_of" in bad.json()["errors"]
    response = api_client(manager).post("/api/v1/analytics/runs/", {"as_of": "2026-11-30"},
                                        format="json")
    assert response.status_code == 202
    run = AnalysisRun.objects.get(pk=response.json()["id"])
    assert run.status == "queued" and run.created_by == manager
    from clientela.analytics.services import run_execute

    run_execute(run_id=run.pk)
    detail = api_client(rep).get(f"/api/v1/analytics/runs/{run.pk}/").json()
    assert detail["status"] == "succeeded" and detail["percent"] == 100


def test_account_and_contact_records_show_their_latest_classes(finished_run, manager, agent,
                                                                history_accounts):
    account = history_accounts[1]
    body = api_client(manager).get(f"/api/v1/accounts/{account.pk}/").json()
    stored = CustomerResult.objects.get(run=finished_run, account=account)
    assert body["analytics"]["pareto_class"] == stored.pareto_class == "A"
    assert body["analytics"]["run"] == finished_run.pk
    listed = api_client(manager).get("/api/v1/accounts/", {"page_size": 100}).json()
    assert all(row["analytics"] is not None for row in listed["results"])
    contact = ContactFactory(owner=manager, account=account)
    contact_body = api_client(manager).get(f"/api/v1/contacts/{contact.pk}/").json()
    assert contact_body["analytics"]["pareto_class"] == "A"


def test_a_portfolio_narrows_a_measure(finished_run, manager, history_accounts):
    from clientela.analytics.models import PortfolioMember

    from .portfolios_factories import PortfolioFactory

    portfolio = PortfolioFactory(owner=manager, code="9", name="Key")
    PortfolioMember.objects.create(portfolio=portfolio, account=history_accounts[3])
    body = api_client(manager).get("/api/v1/analytics/clv/",
                                   {"portfolio": portfolio.pk}).json()
    assert [row["account"] for row in body["results"]] == [history_accounts[3].pk]
    bad = api_client(manager).get("/api/v1/analytics/clv/", {"portfolio": 99999})
    assert bad.status_code == 400 and "portfolio" in bad.json()["errors"]


def test_dimensions_narrow_a_measure(finished_run, manager):
    client = api_client(manager)
    north = client.get("/api/v1/analytics/rfm/", {"region": "North"}).json()
    assert north["count"] == CustomerResult.objects.filter(run=finished_run,
                                                           region="North").count() > 0
    assert client.get("/api/v1/analytics/rfm/", {"country": "Nowhere"}).json()["count"] == 0


def test_a_runs_company_wide_summary_is_for_those_who_see_every_account(finished_run,
                                                                        manager, rep):
    url = f"/api/v1/analytics/runs/{finished_run.pk}/"
    assert api_client(manager).get(url).json()["summary"]["customers"] == CUSTOMERS
    assert api_client(rep).get(url).json()["summary"] is None
