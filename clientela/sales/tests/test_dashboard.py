"""The sales dashboard: each figure's arithmetic on a small data set in two currencies, who
sees what, the page and the API."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from clientela.core.testing.api import api_client
from clientela.core.testing.factories import UserFactory, role
from clientela.sales.forecasting import parse_period
from clientela.sales.models import ExchangeRate, Opportunity, StageChange
from clientela.sales.selectors.dashboard import (
    DashboardFilters,
    dashboard_deals,
    dashboard_funnel,
    dashboard_performance,
    dashboard_revenue,
    dashboard_time_in_stage,
    dashboard_win_rate,
    sales_dashboard,
)
from clientela.sales.tests.factories import OpportunityFactory, QuotaFactory, rate, stage

pytestmark = pytest.mark.django_db

API = "/api/v1/sales-dashboard/"
PAGE = "/sales/dashboard/"
day = datetime.date


def moment(text: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.fromisoformat(text), datetime.UTC)


def quarter(**subject) -> DashboardFilters:
    return DashboardFilters(first=parse_period("2031-01"), last=parse_period("2031-03"),
                            **subject)


def won(owner, amount, currency, created, closed):
    opportunity = OpportunityFactory(owner=owner, stage=stage("Closed won"),
                                     amount=Decimal(amount), currency=currency, closed_on=closed)
    Opportunity.objects.filter(pk=opportunity.pk).update(created_at=moment(f"{created}T12:00"))
    return opportunity


def history(opportunity, *moves):
    """Replace the opportunity's stage history by `moves`: (stage name, when entered)."""
    StageChange.objects.filter(opportunity=opportunity).delete()
    previous = None
    for name, when in moves:
        current = stage(name)
        StageChange.objects.create(opportunity=opportunity, from_stage=previous,
                                   to_stage=current, changed_at=moment(when))
        previous = current


@pytest.fixture
def deals(rep, teammate, outsider, manager):
    """2031-Q1 in EUR (the base) and USD (0.9 EUR throughout): rep and teammate in East,
    outsider in West; one deal won the quarter before; two open ones with a stage history."""
    ExchangeRate.objects.filter(currency="USD").delete()
    rate("USD", "2020-01-01", "0.9")
    created = {
        "rep_january": won(rep, "1000", "EUR", "2030-12-31", day(2031, 1, 10)),  # 10 days
        "rep_february_usd": won(rep, "2000", "USD", "2031-01-16", day(2031, 2, 15)),  # 30 days
        "teammate_march": won(teammate, "500", "EUR", "2031-02-27", day(2031, 3, 1)),  # 2 days
        "outsider_january": won(outsider, "4000", "EUR", "2031-01-01", day(2031, 1, 5)),  # 4
        "rep_december": won(rep, "300", "EUR", "2030-12-01", day(2030, 12, 10)),  # 9 days
        "rep_lost": OpportunityFactory(owner=rep, stage=stage("Closed lost"),
                                       lost_reason="price", closed_on=day(2031, 2, 20)),
        "rep_open_usd": OpportunityFactory(owner=rep, stage=stage("Negotiation"),
                                           amount=Decimal("1000"), currency="USD"),
        "outsider_open": OpportunityFactory(owner=outsider, stage=stage("Proposal"),
                                            amount=Decimal("500"), currency="EUR"),
    }
    history(created["rep_open_usd"], ("Prospecting", "2031-01-01T00:00"),
            ("Qualification", "2031-01-11T00:00"), ("Negotiation", "2031-02-10T12:00"))
    history(created["outsider_open"], ("Prospecting", "2031-01-01T00:00"),
            ("Proposal", "2031-01-21T00:00"))
    for month, amount in (("2031-01-01", "1000"), ("2031-02-01", "2000")):
        QuotaFactory(owner=rep, period_start=month, amount=Decimal(amount), actor=manager)
    QuotaFactory(owner=teammate, period_start="2031-03-01", amount=Decimal("500"),
                 actor=manager)
    return created


def test_won_revenue_per_month_converts_each_deal_at_its_close_dates_rate(manager, deals):
    revenue = dashboard_revenue(viewer=manager, filters=quarter())
    assert [(row.month.label, row.won_count, row.won_amount, row.quota)
            for row in revenue.months] == [
        ("2031-01", 2, Decimal("5000.00"), Decimal("1000.00")),
        ("2031-02", 1, Decimal("1800.00"), Decimal("2000.00")),
        ("2031-03", 1, Decimal("500.00"), Decimal("500.00")),
    ]
    assert (revenue.won_amount, revenue.quota, revenue.currency) == (
        Decimal("7300.00"), Decimal("3500.00"), "EUR")


def test_the_quota_line_follows_the_subject(manager, rep, team_east, deals):
    by_owner = dashboard_revenue(viewer=manager, filters=quarter(owner=rep))
    assert [row.quota for row in by_owner.months] == [Decimal("1000.00"), Decimal("2000.00"),
                                                      None]
    assert [row.won_amount for row in by_owner.months] == [
        Decimal("1000.00"), Decimal("1800.00"), Decimal("0")]
    by_team = dashboard_revenue(viewer=manager, filters=quarter(team=team_east))
    assert [row.quota for row in by_team.months] == [
        Decimal("1000.00"), Decimal("2000.00"), Decimal("500.00")]
    assert by_team.won_amount == Decimal("3300.00")


def test_win_rate_counts_won_against_won_and_lost_closed_in_the_range(manager, deals):
    win_rate = dashboard_win_rate(viewer=manager, filters=quarter())
    assert (win_rate.won, win_rate.lost, win_rate.rate) == (4, 1, Decimal("80.0"))
    assert [(row.month.label, row.won, row.lost, row.rate) for row in win_rate.months] == [
        ("2031-01", 2, 0, Decimal("100.0")),
        ("2031-02", 1, 1, Decimal("50.0")),
        ("2031-03", 1, 0, Decimal("100.0")),
    ]


def test_average_deal_size_and_cycle_against_the_previous_range(manager, deals):
    deals_figures = dashboard_deals(viewer=manager, filters=quarter())
    current, previous = deals_figures.current, deals_figures.previous
    # 7,300 EUR over 4 won; cycles of 10, 30, 2 and 4 days.
    assert (current.won_count, current.won_amount, current.average_deal,
            current.average_cycle_days) == (4, Decimal("7300.00"), Decimal("1825.00"),
                                            Decimal("11.5"))
    assert (previous.start, previous.end) == (day(2030, 10, 1), day(2030, 12, 31))
    assert (previous.won_count, previous.average_deal, previous.average_cycle_days) == (
        1, Decimal("300.00"), Decimal("9.0"))


def test_time_in_stage_averages_the_stays_that_ended_in_the_range(manager, deals):
    rows = {row.stage.name: row for row in dashboard_time_in_stage(viewer=manager,
                                                                   filters=quarter())}
    # Prospecting left after 10 and 20 days; Qualification after 30.5.
    assert (rows["Prospecting"].left_count, rows["Prospecting"].average_days) == (
        2, Decimal("15.0"))
    assert (rows["Qualification"].left_count, rows["Qualification"].average_days) == (
        1, Decimal("30.5"))
    assert list(rows) == ["Prospecting", "Qualification"]
    pipeline = stage("Prospecting").pipeline
    rows = {row.stage.name: row for row in dashboard_time_in_stage(
        viewer=manager, filters=quarter(pipeline=pipeline))}
    # With a pipeline chosen, each of its open stages has a bar, empty or not.
    assert list(rows) == [
        "Prospecting", "Qualification", "Needs analysis", "Proposal", "Negotiation"]
    assert (rows["Negotiation"].left_count, rows["Negotiation"].average_days) == (0, None)
    later = DashboardFilters(first=parse_period("2031-02"), last=parse_period("2031-03"))
    rows = {row.stage.name: row for row in dashboard_time_in_stage(viewer=manager,
                                                                   filters=later)}
    assert "Prospecting" not in rows
    assert rows["Qualification"].average_days == Decimal("30.5")


def test_the_funnel_counts_open_opportunities_per_stage_at_todays_rate(manager, deals):
    funnel = dashboard_funnel(viewer=manager, filters=quarter())
    assert funnel.pipeline.name == "New business"
    assert [(row.stage.name, row.count, row.amount) for row in funnel.stages] == [
        ("Prospecting", 0, Decimal("0")),
        ("Qualification", 0, Decimal("0")),
        ("Needs analysis", 0, Decimal("0")),
        ("Proposal", 1, Decimal("500.00")),
        ("Negotiation", 1, Decimal("900.00")),
    ]


def test_one_row_per_salesperson(manager, rep, teammate, outsider, deals):
    rows = dashboard_performance(viewer=manager, filters=quarter()).rows
    assert [row.user for row in rows] == [outsider, rep, teammate]
    figures = {row.user.username: (
        row.won_count, row.won_amount, row.lost_count, row.win_rate, row.average_deal,
        row.average_cycle_days, row.open_count, row.open_amount, row.weighted_amount,
        row.quota, row.attainment) for row in rows}
    assert figures == {
        "outsider": (1, Decimal("4000.00"), 0, Decimal("100.0"), Decimal("4000.00"),
                     Decimal("4.0"), 1, Decimal("500.00"), Decimal("300.00"), None, None),
        # 1,000 EUR + 2,000 USD at 0.9; open 1,000 USD at 80 %; quota 1,000 + 2,000.
        "rep": (2, Decimal("2800.00"), 1, Decimal("66.7"), Decimal("1400.00"),
                Decimal("20.0"), 1, Decimal("900.00"), Decimal("720.00"),
                Decimal("3000.00"), Decimal("93.3")),
        "teammate": (1, Decimal("500.00"), 0, Decimal("100.0"), Decimal("500.00"),
                     Decimal("2.0"), 0, Decimal("0"), Decimal("0"), Decimal("500.00"),
                     Decimal("100.0")),
    }


def test_a_rep_sees_only_their_teams_figures(rep, manager, deals):
    as_rep = dashboard_revenue(viewer=rep, filters=quarter())
    as_manager = dashboard_revenue(viewer=manager, filters=quarter())
    # The outsider's 4,000 won in January is in another team.
    assert [row.won_amount for row in as_rep.months] == [
        Decimal("1000.00"), Decimal("1800.00"), Decimal("500.00")]
    assert as_manager.months[0].won_amount == Decimal("5000.00")
    assert dashboard_win_rate(viewer=rep, filters=quarter()).rate == Decimal("75.0")
    assert [row.user.username for row in
            dashboard_performance(viewer=rep, filters=quarter()).rows] == ["rep", "teammate"]
    funnel = {row.stage.name: row.count for row in dashboard_funnel(viewer=rep,
                                                                    filters=quarter()).stages}
    assert (funnel["Proposal"], funnel["Negotiation"]) == (0, 1)
    stays = {row.stage.name: row.left_count
             for row in dashboard_time_in_stage(viewer=rep, filters=quarter())}
    assert stays["Prospecting"] == 1


def test_an_amount_without_a_rate_is_left_out_and_named(manager, rep):
    ExchangeRate.objects.filter(currency="USD").delete()
    OpportunityFactory(owner=rep, stage=stage("Closed won"), amount=Decimal("100"),
                       currency="USD", closed_on=day(2031, 1, 10))
    revenue = dashboard_revenue(viewer=manager, filters=quarter())
    assert revenue.won_amount == Decimal("0")
    assert revenue.months[0].won_count == 1
    assert revenue.unconverted == {"USD"}


# The page.

def test_the_page_shows_the_figures_and_the_charts_data(client, manager, deals):
    client.force_login(manager)
    response = client.get(PAGE, {"from": "2031-01", "to": "2031-03"})
    assert response.status_code == 200
    data = response.context["data"]
    assert data["revenue"]["won_amount"] == "7300.00"
    assert data["win_rate"]["rate"] == "80.0"
    assert 'id="dashboard-data"' in response.content.decode()
    assert 'id="chart-revenue"' in response.content.decode()
    assert "vendor/chartjs/chart.umd.min.js" in response.content.decode()


def test_the_page_defaults_to_the_last_twelve_months(client, manager):
    client.force_login(manager)
    response = client.get(PAGE)
    filters = response.context["dashboard"].filters
    today = timezone.localdate()
    assert filters.last.start == today.replace(day=1)
    assert len(filters.months) == 12
    assert b"dashboard-empty" in response.content


def test_a_bad_month_on_the_page_is_named_and_the_default_shown(client, manager):
    client.force_login(manager)
    response = client.get(PAGE, {"from": "2031-13", "to": "2031-03"})
    assert response.status_code == 200
    assert "from" in response.context["form"].errors
    assert len(response.context["dashboard"].filters.months) == 12


def test_the_page_offers_only_the_teams_and_people_the_viewer_may_see(
        client, rep, outsider, team_west):
    client.force_login(rep)
    response = client.get(PAGE)
    form = response.context["form"]
    assert outsider not in form.fields["owner"].queryset
    assert team_west not in form.fields["team"].queryset
    response = client.get(PAGE, {"owner": outsider.pk})
    assert "owner" in response.context["form"].errors
    assert response.context["dashboard"].filters.owner is None


def test_no_opportunity_access_means_no_dashboard(client):
    agent = UserFactory(username="agent", role=role("service-agent"))
    client.force_login(agent)
    assert client.get(PAGE).status_code == 403
    assert api_client(agent).get(API).status_code == 403


def test_the_home_pages_opportunities_section_links_the_dashboard(client, manager):
    client.force_login(manager)
    home = client.get("/")
    pages = [page.url_name for section in home.context["sections"]
             if section["module"].slug == "opportunities" for page in section["pages"]]
    assert "sales:dashboard" in pages
    assert f'href="{reverse("sales:dashboard")}"' in home.content.decode()


# The API.

def test_the_api_gives_the_same_figures(manager, deals):
    response = api_client(manager).get(API, {"from": "2031-01", "to": "2031-03"})
    assert response.status_code == 200
    body = response.json()
    assert (body["currency"], body["from"], body["to"]) == ("EUR", "2031-01", "2031-03")
    assert body["revenue"]["months"][1] == {"month": "2031-02", "won_count": 1,
                                            "won_amount": "1800.00", "quota": "2000.00"}
    assert body["deals"]["current"]["average_deal"] == "1825.00"
    assert body["deals"]["current"]["average_cycle_days"] == "11.5"
    rep_row = next(row for row in body["salespeople"] if row["name"] == "rep" or
                   row["won_amount"] == "2800.00")
    assert (rep_row["attainment"], rep_row["weighted_amount"]) == ("93.3", "720.00")


def test_the_api_narrows_to_a_team_or_an_owner(manager, rep, team_east, deals):
    client = api_client(manager)
    body = client.get(API, {"from": "2031-01", "to": "2031-03", "team": team_east.pk}).json()
    assert body["revenue"]["won_amount"] == "3300.00"
    body = client.get(API, {"from": "2031-01", "to": "2031-03", "owner": rep.pk}).json()
    assert body["revenue"]["won_amount"] == "2800.00"
    assert [row["user"] for row in body["salespeople"]] == [rep.pk]


@pytest.mark.parametrize(("query", "field"), [
    ({"from": "2031-13"}, "from"),
    ({"to": "last year"}, "to"),
    ({"from": "2031-Q1"}, "from"),
    ({"from": "2031-05", "to": "2031-01"}, "to"),
    ({"from": "2020-01", "to": "2031-01"}, "to"),
    ({"team": "east"}, "team"),
    ({"owner": "-1"}, "owner"),
    ({"pipeline": "9999999"}, "pipeline"),
    ({"period": "2031-01"}, "period"),
])
def test_bad_parameters_are_refused_naming_them(manager, query, field):
    response = api_client(manager).get(API, query)
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_a_last_month_alone_gives_the_twelve_months_up_to_it(manager):
    body = api_client(manager).get(API, {"to": "2031-03"}).json()
    assert (body["from"], body["to"]) == ("2030-04", "2031-03")
    assert len(body["revenue"]["months"]) == 12


def test_an_invisible_team_or_owner_is_not_found(rep, outsider, team_west):
    client = api_client(rep)
    assert client.get(API, {"owner": outsider.pk}).status_code == 404
    assert client.get(API, {"team": team_west.pk}).status_code == 404
    assert client.get(API, {"owner": rep.pk}).status_code == 200


def test_the_dashboard_is_in_the_openapi_schema(rep):
    schema = api_client(rep).get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    operation = schema["paths"]["/api/v1/sales-dashboard/"]["get"]
    assert {parameter["name"] for parameter in operation["parameters"]} == {
        "from", "to", "team", "owner", "pipeline"}
    body = operation["responses"]["200"]["content"]["application/json"]["schema"]
    name = body["$ref"].rsplit("/", 1)[-1]
    assert "from" in schema["components"]["schemas"][name]["properties"]


def test_the_query_count_does_not_grow_with_the_opportunities(manager, rep, teammate):
    def count() -> int:
        cache.clear()  # the figures computed, not read back from the cache
        with CaptureQueriesContext(connection) as queries:
            sales_dashboard(viewer=manager, filters=quarter())
        return len(queries)

    def add(owner):
        won(owner, "10", "EUR", "2031-01-01", day(2031, 1, 20))
        won(owner, "10", "USD", "2031-01-01", day(2031, 2, 20))
        OpportunityFactory(owner=owner, stage=stage("Proposal"))

    add(rep)
    sales_dashboard(viewer=manager, filters=quarter())  # reads the viewer's grants once
    before = count()
    for _index in range(3):
        add(rep)
        add(teammate)
    assert count() == before


def test_a_stage_left_twice_counts_twice_and_a_stay_begun_before_the_range_counts(manager, rep):
    deal = OpportunityFactory(owner=rep, stage=stage("Qualification"))
    history(deal, ("Prospecting", "2030-12-22T00:00"), ("Qualification", "2031-01-01T00:00"),
            ("Prospecting", "2031-01-05T00:00"), ("Qualification", "2031-01-09T00:00"))
    rows = {row.stage.name: row for row in dashboard_time_in_stage(viewer=manager,
                                                                   filters=quarter())}
    # Prospecting: 10 days (from December) and 4 days; Qualification: 4 days.
    assert (rows["Prospecting"].left_count, rows["Prospecting"].average_days) == (
        2, Decimal("7.0"))
    assert (rows["Qualification"].left_count, rows["Qualification"].average_days) == (
        1, Decimal("4.0"))


def test_cached_figures_follow_writes_and_stage_changes(manager, rep):
    won(rep, "100", "EUR", "2031-01-01", day(2031, 1, 20))
    first = sales_dashboard(viewer=manager, filters=quarter())
    with CaptureQueriesContext(connection) as queries:
        again = sales_dashboard(viewer=manager, filters=quarter())
    assert again.deals.current.won_amount == first.deals.current.won_amount == Decimal("100")
    assert len(queries) < 5
    won(rep, "50", "EUR", "2031-01-01", day(2031, 2, 20))
    assert sales_dashboard(viewer=manager, filters=quarter()).deals.current.won_count == 2
    proposal = stage("Proposal")
    proposal.name = "Offer sent"
    proposal.save()
    names = [row.stage.name for row in sales_dashboard(viewer=manager,
                                                       filters=quarter()).funnel.stages]
    assert "Offer sent" in names
