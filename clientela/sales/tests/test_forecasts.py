"""The forecast: its arithmetic across currencies and rates, the category rule, who sees
what, the drill-down links, the page and the API."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clientela.core.testing.api import api_client
from clientela.core.testing.factories import UserFactory, role
from clientela.sales.forecasting import (
    forecast_category_expression,
    forecast_category_for,
    parse_period,
)
from clientela.sales.models import Opportunity
from clientela.sales.selectors.forecasts import sales_forecast
from clientela.sales.tests.factories import OpportunityFactory, QuotaFactory, rate, stage
from clientela.users.models import User

pytestmark = pytest.mark.django_db

Q4 = parse_period("2031-Q4")
API = "/api/v1/forecasts/"


def won(owner, amount, currency, closed_on, **fields):
    return OpportunityFactory(owner=owner, stage=stage("Closed won"), amount=Decimal(amount),
                              currency=currency, closed_on=closed_on,
                              expected_close_date=closed_on, **fields)


def open_deal(owner, stage_name, amount, currency, expected, **fields):
    return OpportunityFactory(owner=owner, stage=stage(stage_name), amount=Decimal(amount),
                              currency=currency, expected_close_date=expected, **fields)


@pytest.fixture
def deals(rep, teammate, outsider):
    """Opportunities of 2031-Q4 in three currencies, and some outside it or not counted."""
    rate("USD", "2031-01-01", "0.9")
    rate("USD", "2031-11-01", "0.8")
    rate("GBP", "2031-01-01", "1.2")
    day = datetime.date
    return {
        "won_eur": won(rep, "10000", "EUR", day(2031, 10, 15)),
        "won_usd_october": won(rep, "5000", "USD", day(2031, 10, 20)),
        "won_usd_november": won(rep, "1000", "USD", day(2031, 11, 5)),
        "won_september": won(rep, "7000", "EUR", day(2031, 9, 30)),
        "commit_by_probability": open_deal(rep, "Negotiation", "20000", "EUR", day(2031, 12, 1)),
        "best_case_usd": open_deal(rep, "Proposal", "10000", "USD", day(2031, 11, 15)),
        "commit_chosen_gbp": open_deal(rep, "Prospecting", "3000", "GBP", day(2031, 10, 10),
                                       forecast_category="commit"),
        "omitted": open_deal(rep, "Negotiation", "4000", "EUR", day(2031, 12, 20),
                             forecast_category="omitted"),
        "next_year": open_deal(rep, "Qualification", "50000", "EUR", day(2032, 1, 5)),
        "lost": OpportunityFactory(owner=rep, stage=stage("Closed lost"), lost_reason="price",
                                   amount=Decimal("9999"), closed_on=day(2031, 10, 1)),
        "teammate_won": won(teammate, "1000", "EUR", day(2031, 11, 1)),
        "outsider_won": won(outsider, "2000", "EUR", day(2031, 11, 1)),
    }


def test_the_figures_add_up_across_currencies_at_each_dates_rate(rep, deals):
    QuotaFactory(owner=rep, period_kind="quarter", period_start=Q4.start,
                 amount=Decimal("50000"))
    forecast = sales_forecast(viewer=rep, period=Q4, user=rep)
    totals = forecast.totals
    # 10,000 EUR + 5,000 USD at 0.9 + 1,000 USD at 0.8 (the rate from November on).
    assert totals.closed_won == Decimal("15300.00")
    # Closed won + 20,000 EUR (80 %: commit) + 3,000 GBP at 1.2 (chosen commit).
    assert totals.commit == Decimal("38900.00")
    # Commit + 10,000 USD at 0.8 (60 %: best case); the omitted one is in neither.
    assert totals.best_case == Decimal("46900.00")
    # 20,000 × 80 % + 10,000 USD × 60 % at 0.8 + 3,000 GBP × 10 % at 1.2 + 4,000 × 80 %.
    assert totals.weighted_pipeline == Decimal("24360.00")
    assert (totals.quota, totals.gap, totals.attainment) == (
        Decimal("50000.00"), Decimal("34700.00"), Decimal("30.6"))
    assert forecast.currency == "EUR"
    assert [(row.user, row.figures.closed_won) for row in forecast.rows] == [
        (rep, Decimal("15300.00"))]


def test_a_month_counts_only_its_own_days(rep, deals):
    november = sales_forecast(viewer=rep, period=parse_period("2031-11"), user=rep).totals
    assert (november.closed_won, november.commit, november.best_case,
            november.weighted_pipeline) == (Decimal("800.00"), Decimal("800.00"),
                                            Decimal("8800.00"), Decimal("4800.00"))
    assert november.quota is None and november.attainment is None and november.gap is None


def test_an_amount_without_a_rate_is_left_out_and_named(rep):
    won(rep, "100", "PLN", datetime.date(2019, 5, 1))
    won(rep, "50", "EUR", datetime.date(2019, 5, 2))
    forecast = sales_forecast(viewer=rep, period=parse_period("2019-05"), user=rep)
    assert (forecast.totals.closed_won, forecast.unconverted) == (Decimal("50.00"), {"PLN"})


def test_team_quota_is_its_own_else_the_sum_of_its_members(rep, teammate, manager, team_east,
                                                         deals):
    QuotaFactory(owner=rep, period_kind="quarter", period_start=Q4.start,
                 amount=Decimal("50000"))
    # A quarter without a quarterly quota has the sum of its monthly ones.
    QuotaFactory(owner=teammate, period_start=datetime.date(2031, 10, 1), amount=Decimal("10000"))
    QuotaFactory(owner=teammate, period_start=datetime.date(2031, 11, 1), amount=Decimal("12000"))
    forecast = sales_forecast(viewer=manager, period=Q4, team=team_east)
    assert forecast.totals.quota == Decimal("72000.00")
    rows = {row.user: row.figures for row in forecast.rows}
    assert set(rows) == {rep, teammate, manager}
    assert (rows[teammate].quota, rows[teammate].closed_won) == (Decimal("22000.00"),
                                                                 Decimal("1000.00"))
    assert rows[manager].quota is None
    assert forecast.totals.closed_won == Decimal("16300.00")
    QuotaFactory(owner=manager, user=None, sales_team=team_east, period_kind="quarter",
                 period_start=Q4.start, amount=Decimal("100000"))
    forecast = sales_forecast(viewer=manager, period=Q4, team=team_east)
    assert (forecast.totals.quota, forecast.totals.attainment) == (Decimal("100000.00"),
                                                                   Decimal("16.3"))


def test_a_rep_counts_only_the_opportunities_they_may_see(rep, outsider, deals):
    everyone = sales_forecast(viewer=rep, period=Q4)
    # Their own and their teammate's; the outsider's 2,000 is not theirs to see.
    assert everyone.totals.closed_won == Decimal("16300.00")
    assert outsider not in [row.user for row in everyone.rows]
    # Even asked for the outsider, nothing of theirs is counted.
    assert sales_forecast(viewer=rep, period=Q4, user=outsider).totals.closed_won == 0


def test_a_manager_sees_their_reports_forecast(outsider, deals):
    lead = UserFactory(username="lead", role=role("sales-rep"))
    client = api_client(lead)
    assert client.get(API, {"period": "2031-Q4", "user": outsider.pk}).status_code == 404
    outsider.manager = lead
    outsider.save()
    # Who reports to whom is read once per request's user.
    client = api_client(User.objects.get(pk=lead.pk))
    response = client.get(API, {"period": "2031-Q4", "user": outsider.pk})
    assert response.status_code == 200
    assert response.json()["closed_won"] == "2000.00"


def test_the_default_category_follows_the_probability_and_the_owners_choice_wins(rep):
    assert [forecast_category_for(value) for value in (None, 0, 49, 50, 79, 80, 100)] == [
        "pipeline", "pipeline", "pipeline", "best_case", "best_case", "commit", "commit"]
    assert forecast_category_for(95, "omitted") == "omitted"
    deals = [open_deal(rep, "Prospecting", "100", "EUR", None, probability=value)
             for value in (0, 49, 50, 79, 80, 100)]
    deals.append(open_deal(rep, "Negotiation", "100", "EUR", None, forecast_category="pipeline"))
    in_sql = dict(Opportunity.objects.annotate(category=forecast_category_expression())
                  .values_list("pk", "category"))
    assert {deal.pk: deal.effective_forecast_category for deal in deals} == in_sql
    assert [in_sql[deal.pk] for deal in deals] == [
        "pipeline", "pipeline", "best_case", "best_case", "commit", "commit", "pipeline"]
    response = api_client(rep).get("/api/v1/opportunities/",
                                   {"effective_forecast_category": "best_case"})
    assert {item["id"] for item in response.json()["results"]} == {deals[2].pk, deals[3].pk}
    assert response.json()["results"][0]["effective_forecast_category"] == "best_case"


def test_each_figure_links_to_exactly_the_opportunities_behind_it(client, rep, deals):
    client.force_login(rep)
    response = client.get(reverse("sales:forecast"),
                          {"period": "2031-Q4", "subject": f"user:{rep.pk}"})
    assert response.status_code == 200
    links = response.context["links"]
    closed = {deals[name].pk for name in ("won_eur", "won_usd_october", "won_usd_november")}
    expected = {
        "closed_won": closed,
        "commit": closed | {deals["commit_by_probability"].pk, deals["commit_chosen_gbp"].pk},
        "best_case": closed | {deals["commit_by_probability"].pk,
                               deals["commit_chosen_gbp"].pk, deals["best_case_usd"].pk},
        "weighted_pipeline": {deals[name].pk for name in (
            "commit_by_probability", "best_case_usd", "commit_chosen_gbp", "omitted")},
    }
    for figure, pks in expected.items():
        listed = client.get(f"{links[figure]}&page_size=100")
        assert listed.status_code == 200
        assert {record.pk for record, _cells in listed.context["rows"]} == pks, figure
    row_links = response.context["rows"][0]["links"]
    assert row_links["commit"] == links["commit"]


def test_team_links_list_the_team_members_opportunities(client, rep, team_east, deals):
    client.force_login(rep)
    response = client.get(reverse("sales:forecast"),
                          {"period": "2031-Q4", "subject": f"team:{team_east.pk}"})
    listed = client.get(f"{response.context['links']['closed_won']}&page_size=100")
    assert {record.pk for record, _cells in listed.context["rows"]} == {
        deals[name].pk for name in ("won_eur", "won_usd_october", "won_usd_november",
                                    "teammate_won")}


def test_the_page_shows_cards_rows_and_an_empty_state(client, rep, deals):
    QuotaFactory(owner=rep, period_kind="quarter", period_start=Q4.start,
                 amount=Decimal("50000"))
    client.force_login(rep)
    response = client.get(reverse("sales:forecast"), {"period": "2031-Q4"})
    content = response.content.decode()
    assert 'data-figure="attainment">30.6 %' in content
    assert 'aria-valuenow="30"' in content
    assert f'data-user="{rep.pk}"' in content
    assert 'href="/forecast/"' in content
    response = client.get(reverse("sales:forecast"), {"period": "2040-01"},
                          HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="forecast-results"')
    assert "Nothing to forecast for 2040-01" in content
    assert "<html" not in content


def test_bad_page_choices_fall_back_to_the_defaults(client, rep, outsider, team_west):
    client.force_login(rep)
    for params in ({"period": "2031-Q9"}, {"period": "9999-12"}, {"subject": f"user:{outsider.pk}"},
                   {"subject": f"team:{team_west.pk}"}, {"subject": "user:x"}):
        response = client.get(reverse("sales:forecast"), params)
        assert response.status_code == 200, params
        assert response.context["forecast"].user == rep


def test_without_opportunities_the_forecast_is_refused(client):
    agent = UserFactory(username="agent", role=role("service-agent"))
    client.force_login(agent)
    assert 'href="/forecast/"' not in client.get(reverse("core:home")).content.decode()
    assert client.get(reverse("sales:forecast")).status_code == 403
    assert api_client(agent).get(API).status_code == 403
    assert api_client().get(API).status_code == 401


def test_the_api_answers_the_figures_as_decimal_strings(rep, teammate, team_east, deals):
    QuotaFactory(owner=rep, period_kind="quarter", period_start=Q4.start,
                 amount=Decimal("50000"))
    response = api_client(rep).get(API, {"period": "2031-Q4"})
    assert response.status_code == 200
    body = response.json()
    assert body["period"] == {"start": "2031-10-01", "end": "2031-12-31", "label": "2031-Q4"}
    assert {key: body[key] for key in ("currency", "quota", "closed_won", "commit",
                                       "best_case", "weighted_pipeline", "gap",
                                       "attainment")} == {
        "currency": "EUR", "quota": "50000.00", "closed_won": "15300.00",
        "commit": "38900.00", "best_case": "46900.00", "weighted_pipeline": "24360.00",
        "gap": "34700.00", "attainment": "30.6"}
    assert [row["user"] for row in body["rows"]] == [rep.pk]
    team = api_client(rep).get(API, {"period": "2031-Q4", "team": team_east.pk}).json()
    assert team["closed_won"] == "16300.00"
    assert {row["user"] for row in team["rows"]} >= {rep.pk, teammate.pk}


@pytest.mark.parametrize(("params", "field"), [
    ({"period": "2031-13"}, "period"),
    ({"period": "Q4-2031"}, "period"),
    ({"period": "9999-12"}, "period"),
    ({"period": "1066-Q4"}, "period"),
    ({"user": "me"}, "user"),
    ({"team": "-1"}, "team"),
    ({"user": "1", "team": "1"}, "team"),
    ({"owner": "1"}, "owner"),
])
def test_bad_api_parameters_are_400_naming_them(rep, params, field):
    response = api_client(rep).get(API, params)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
    assert response.json()["detail"]


def test_a_user_or_team_out_of_sight_is_404(rep, outsider, team_west):
    client = api_client(rep)
    for params in ({"user": outsider.pk}, {"team": team_west.pk}, {"user": 10**9}):
        response = client.get(API, params)
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found.", "errors": {}}


def test_the_forecast_is_in_the_openapi_schema(rep):
    schema = api_client(rep).get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    operation = schema["paths"]["/api/v1/forecasts/"]["get"]
    assert {parameter["name"] for parameter in operation["parameters"]} == {
        "period", "user", "team"}


def test_the_query_count_does_not_grow_with_the_opportunities(rep, teammate):
    rate("USD", "2031-01-01", "0.9")
    day = datetime.date(2031, 11, 10)
    for _index in range(3):
        won(rep, "10", "EUR", day)
        won(rep, "10", "USD", day)
    # The first call reads the viewer's grants, once per user object.
    sales_forecast(viewer=rep, period=Q4)
    with CaptureQueriesContext(connection) as few:
        sales_forecast(viewer=rep, period=Q4)
    for index in range(20):
        won(teammate if index % 2 else rep, "10", "USD" if index % 3 else "EUR",
            day + datetime.timedelta(days=index))
        open_deal(rep, "Proposal", "10", "GBP", day + datetime.timedelta(days=index))
    with CaptureQueriesContext(connection) as many:
        sales_forecast(viewer=rep, period=Q4)
    assert len(many) == len(few)


def test_periods_read_and_step_across_years():
    quarter = parse_period("2031-Q4")
    assert (quarter.start, quarter.end, quarter.label) == (
        datetime.date(2031, 10, 1), datetime.date(2031, 12, 31), "2031-Q4")
    assert [month.label for month in quarter.months] == ["2031-10", "2031-11", "2031-12"]
    assert (quarter.shifted(1).label, quarter.shifted(-4).label) == ("2032-Q1", "2030-Q4")
    february = parse_period("2028-2")
    assert (february.label, february.end) == ("2028-02", datetime.date(2028, 2, 29))
    for text in ("2031-00", "2031-Q0", "2031", "", "2031-11-01", "x"):
        with pytest.raises(ValueError):
            parse_period(text)
