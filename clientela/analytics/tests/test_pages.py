"""The analytics area's own pages: overview, runs, Pareto; permissions and downloads."""

import csv
import io

import pytest
from openpyxl import load_workbook

from clientela.analytics.models import AnalysisRun, CustomerResult
from clientela.core.testing.factories import UserFactory, role

from .conftest import AS_OF, CUSTOMERS

pytestmark = pytest.mark.django_db


@pytest.fixture
def agent(db):
    return UserFactory(username="agent", role=role("service-agent"))


def test_overview_before_any_run_invites_a_run(client, manager):
    client.force_login(manager)
    response = client.get("/analytics/")
    assert response.status_code == 200
    assert "No analysis has been run yet." in response.text
    assert "Run the analysis now" in response.text


def test_overview_shows_the_latest_run_over_the_visible_customers(client, finished_run,
                                                                   manager, rep):
    client.force_login(manager)
    response = client.get("/analytics/")
    assert f'data-figure="customers">{CUSTOMERS}<' in response.text
    client.force_login(rep)
    response = client.get("/analytics/")
    assert f'data-figure="customers">{CUSTOMERS // 2}<' in response.text
    assert "Run the analysis now" not in response.text  # reps may not start runs


def test_starting_a_run_queues_it_and_its_page_follows_progress(
        client, history_accounts, manager, rep, django_capture_on_commit_callbacks):
    client.force_login(rep)
    assert client.post("/analytics/").status_code == 403
    client.force_login(manager)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post("/analytics/")
    run = AnalysisRun.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/analytics/runs/{run.pk}/"
    assert len(callbacks) == 1  # the worker's task, sent once the run is committed
    page = client.get(f"/analytics/runs/{run.pk}/", HTTP_HX_REQUEST="true")
    assert 'hx-trigger="every 1s"' in page.text and "Queued" in page.text
    from clientela.analytics.services import run_execute

    run_execute(run_id=run.pk)
    page = client.get(f"/analytics/runs/{run.pk}/", HTTP_HX_REQUEST="true")
    assert "hx-trigger" not in page.text
    assert f"{CUSTOMERS} customers classified and valued." in page.text


def test_pareto_page_gives_the_headline_of_the_customers_shown(client, finished_run, manager):
    client.force_login(manager)
    response = client.get("/analytics/pareto/")
    assert response.status_code == 200
    class_a = CustomerResult.objects.filter(run=finished_run, pareto_class="A").count()
    assert f'data-class-count="A">{class_a}<' in response.text
    share = round(100 * class_a / CUSTOMERS, 1)
    assert f"<strong>{share} %</strong> of customers bring" in response.text
    assert '"kind": "pareto"' in response.text


def test_pareto_filters_narrow_the_table(client, finished_run, manager):
    client.force_login(manager)
    response = client.get("/analytics/pareto/", {"region": "North", "customer_class": "business"})
    expected = CustomerResult.objects.filter(run=finished_run, region="North",
                                             customer_class="business").count()
    assert f'<span class="badge text-bg-light">{expected}</span>' in response.text


def test_nonsense_parameters_never_break_a_page(client, finished_run, manager):
    client.force_login(manager)
    response = client.get("/analytics/pareto/", {"run": "x", "sort": "password", "page": "-4",
                                                 "owner": "abc", "region": "<script>"})
    assert response.status_code == 200


def test_pages_refuse_users_without_analytics_access(client, finished_run, agent):
    client.force_login(agent)
    for url in ("/analytics/", "/analytics/pareto/", f"/analytics/runs/{finished_run.pk}/"):
        assert client.get(url).status_code == 403
    assert client.get("/analytics/pareto/", {"format": "csv"}).status_code == 403


def test_the_table_downloads_as_csv_and_xlsx_with_the_visible_rows(client, finished_run,
                                                                    manager, rep):
    client.force_login(manager)
    response = client.get("/analytics/pareto/", {"format": "csv"})
    assert response["Content-Disposition"] == (
        f'attachment; filename="pareto-{AS_OF.isoformat()}.csv"')
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Rank", "Customer", "Class"]
    assert len(rows) == CUSTOMERS + 1
    assert [int(row[0]) for row in rows[1:]] == list(range(1, CUSTOMERS + 1))
    sheet = load_workbook(io.BytesIO(client.get("/analytics/pareto/",
                                                {"format": "xlsx"}).content)).active
    assert sheet.max_row == CUSTOMERS + 1
    assert isinstance(sheet.cell(row=2, column=4).value, int | float)
    client.force_login(rep)  # reps may not export
    assert client.get("/analytics/pareto/", {"format": "csv"}).status_code == 403


def test_a_portfolio_narrows_the_page_to_its_members_and_those_below(
        client, finished_run, manager, history_accounts):
    from clientela.analytics.models import PortfolioMember

    from .portfolios_factories import PortfolioFactory

    parent = PortfolioFactory(owner=manager, code="1", name="Gold")
    child = PortfolioFactory(owner=manager, code="1.1", name="Gold North", parent=parent)
    PortfolioMember.objects.create(portfolio=parent, account=history_accounts[1])
    PortfolioMember.objects.create(portfolio=child, account=history_accounts[2])
    client.force_login(manager)
    response = client.get("/analytics/pareto/", {"portfolio": parent.pk})
    assert '<span class="badge text-bg-light">2</span>' in response.text
    response = client.get("/analytics/pareto/", {"portfolio": child.pk})
    assert '<span class="badge text-bg-light">1</span>' in response.text


def test_a_run_can_look_back_from_another_day_over_another_period(
        client, finished_run, manager):
    client.force_login(manager)
    page = client.get("/analytics/")
    assert 'name="period_months"' in page.text
    response = client.post("/analytics/", {"as_of": "2026-06-30", "period_months": "6"})
    run = AnalysisRun.objects.latest("pk")
    assert response.status_code == 302
    assert (run.as_of.isoformat(), run.parameters["period_months"]) == ("2026-06-30", 6)
    assert run.period_start.isoformat() == "2026-01-01"


@pytest.mark.parametrize("data, error", [
    ({"as_of": "2999-01-01", "period_months": "12"}, "A run looks back from a day that has come."),
    ({"as_of": "2026-06-30", "period_months": "0"}, "greater than or equal to 1"),
    ({"as_of": "someday", "period_months": "12"}, "Enter a valid date."),
])
def test_a_bad_run_choice_is_named_and_starts_nothing(client, finished_run, manager, data,
                                                      error):
    client.force_login(manager)
    response = client.post("/analytics/", data)
    assert response.status_code == 400
    assert error in response.text
    assert AnalysisRun.objects.count() == 1
