"""The pipeline board: columns, counts and totals, filters, the column cap, and moving cards."""

import datetime
import json
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from clientela.sales.models import Opportunity
from clientela.sales.selectors.opportunities import BOARD_COLUMN_SIZE
from clientela.sales.tests.factories import OpportunityFactory, stage

pytestmark = pytest.mark.django_db

BOARD = reverse("sales:opportunity_board")


def column(response, name):
    return next(item for item in response.context["columns"] if item.stage.name == name)


def test_board_shows_open_stages_then_won_and_lost_with_counts_and_totals(client, rep,
                                                                          outsider):
    OpportunityFactory(owner=rep, name="A", amount=Decimal("1000"))
    OpportunityFactory(owner=rep, name="B", amount=Decimal("250.50"))
    OpportunityFactory(owner=rep, name="C", stage=stage("Proposal"), currency="USD")
    OpportunityFactory(owner=outsider, name="Hidden")
    client.force_login(rep)
    response = client.get(BOARD)
    assert response.status_code == 200
    assert [item.stage.name for item in response.context["columns"]] == [
        "Prospecting", "Qualification", "Needs analysis", "Proposal", "Negotiation",
        "Closed won", "Closed lost"]
    prospecting = column(response, "Prospecting")
    assert [card.name for card in prospecting.cards] == ["A", "B"]
    assert (prospecting.totals.count, prospecting.totals.as_text()) == (2, "1,250.50 EUR")
    assert column(response, "Proposal").totals.as_text() == "1,000.00 USD"
    content = response.content.decode()
    assert "Hidden" not in content
    assert "board-column-closed board-column-won" in content
    assert "vendor/sortablejs/Sortable.min.js" in content


def test_board_of_another_pipeline_and_filters_by_owner_and_close_period(client, rep,
                                                                         teammate):
    today = datetime.date.today()
    OpportunityFactory(owner=rep, name="Now", expected_close_date=today)
    OpportunityFactory(owner=rep, name="Later", expected_close_date=today.replace(
        year=today.year + 1))
    OpportunityFactory(owner=teammate, name="Theirs", expected_close_date=today)
    OpportunityFactory(owner=rep, name="Renewal", stage=stage("Renewal due", "Renewals"))
    client.force_login(rep)

    def names(**params):
        response = client.get(BOARD, params)
        return sorted(card.name for item in response.context["columns"] for card in item.cards)

    assert names() == ["Later", "Now", "Theirs"]
    assert names(pipeline=stage("Renewal due", "Renewals").pipeline_id) == ["Renewal"]
    assert names(owner=rep.pk) == ["Later", "Now"]
    assert names(period="this_month") == ["Now", "Theirs"]
    assert names(period="custom", close_from=today.replace(year=today.year + 1)) == ["Later"]
    assert names(team=rep.team_id, period="next_quarter", owner="x") == []


def test_columns_are_capped_and_show_more_loads_the_rest_in_constant_queries(client, rep):
    for number in range(BOARD_COLUMN_SIZE + 5):
        OpportunityFactory(owner=rep, name=f"Deal {number:03}",
                           expected_close_date=datetime.date(2026, 1, 1)
                           + datetime.timedelta(days=number))
    client.force_login(rep)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(BOARD)
    prospecting = column(response, "Prospecting")
    assert (len(prospecting.cards), prospecting.has_more, prospecting.totals.count) == (
        BOARD_COLUMN_SIZE, True, BOARD_COLUMN_SIZE + 5)
    assert len(queries) < 30
    more = client.get(reverse("sales:opportunity_board_column", args=[stage("Prospecting").pk]),
                      {"offset": BOARD_COLUMN_SIZE}, HTTP_HX_REQUEST="true")
    content = more.content.decode()
    assert content.count('class="card board-card') == 5
    assert all(f"Deal {number:03}" in content
               for number in range(BOARD_COLUMN_SIZE, BOARD_COLUMN_SIZE + 5))
    assert "Deal 049" not in content
    assert "<html" not in content
    assert "Show more" not in content


def test_board_needs_the_module(client, rep):
    rep.role.permissions.filter(module="opportunities").delete()
    client.force_login(rep)
    assert client.get(BOARD).status_code == 403


def move(client, opportunity, stage_pk, version, board_query="", json_answer=True):
    headers = {"HTTP_ACCEPT": "application/json"} if json_answer else {}
    return client.post(reverse("sales:opportunity_move", args=[opportunity.pk]),
                       {"stage": stage_pk, "version": version, "board_query": board_query},
                       **headers)


def test_dropping_a_card_moves_it_and_answers_the_new_column_totals(client, rep):
    opportunity = OpportunityFactory(owner=rep, amount=Decimal("700"))
    OpportunityFactory(owner=rep, amount=Decimal("300"))
    client.force_login(rep)
    response = move(client, opportunity, stage("Proposal").pk, 1)
    assert response.status_code == 200
    body = response.json()
    assert (body["version"], body["stage"], body["probability"]) == (2, stage("Proposal").pk, 60)
    assert body["columns"][str(stage("Proposal").pk)] == {
        "count": 1, "total": "700.00 EUR", "base_total": ""}
    assert body["columns"][str(stage("Prospecting").pk)] == {
        "count": 1, "total": "300.00 EUR", "base_total": ""}
    filtered = move(client, opportunity, stage("Negotiation").pk, 2,
                    board_query="period=custom&close_from=2999-01-01").json()
    assert filtered["columns"][str(stage("Negotiation").pk)] == {
        "count": 0, "total": "", "base_total": ""}


def test_refused_moves_answer_the_reason_and_change_nothing(client, rep, teammate, outsider):
    mine = OpportunityFactory(owner=rep)
    team = OpportunityFactory(owner=teammate)
    other = OpportunityFactory(owner=outsider)
    client.force_login(rep)
    refused = move(client, mine, stage("Closed lost").pk, 1)
    assert refused.status_code == 400
    assert "lost reason" in refused.json()["detail"]
    stale = move(client, mine, stage("Proposal").pk, 5)
    assert stale.status_code == 409
    assert "Someone else changed" in stale.json()["detail"]
    assert move(client, mine, "x", 1).status_code == 400
    assert move(client, team, stage("Proposal").pk, 1).status_code == 403
    assert move(client, other, stage("Proposal").pk, 1).status_code == 404
    assert json.loads(move(client, other, stage("Proposal").pk, 1).content)["detail"]
    assert set(Opportunity.objects.values_list("stage__name", "version")) == {
        ("Prospecting", 1)}


def test_the_move_to_menu_works_without_javascript(client, rep):
    opportunity = OpportunityFactory(owner=rep)
    client.force_login(rep)
    response = move(client, opportunity, stage("Qualification").pk, 1,
                    board_query="owner=1", json_answer=False)
    assert response.status_code == 302
    assert response["Location"] == f"{BOARD}?owner=1"
    opportunity.refresh_from_db()
    assert opportunity.stage.name == "Qualification"
    response = move(client, opportunity, stage("Closed lost").pk, 2, json_answer=False)
    assert response.status_code == 302
    messages = [str(message) for message in client.get(BOARD).context["messages"]]
    assert any("lost reason" in message for message in messages)


def test_the_list_links_to_the_board_and_the_pipeline_to_its_board(client, rep):
    opportunity = OpportunityFactory(owner=rep)
    client.force_login(rep)
    links = client.get(reverse("sales:opportunity_list")).context["list_links"]
    assert [(link.label, link.url) for link in links] == [
        ("Board", BOARD), ("Forecast", reverse("sales:forecast"))]
    assert opportunity.pipeline.get_absolute_url() == f"{BOARD}?pipeline={opportunity.pipeline_id}"


def test_the_board_holds_one_move_menu_of_every_stage_not_one_per_card(client, rep):
    for name in ("Menu deal", "Other deal"):
        OpportunityFactory(owner=rep, name=name, stage=stage("Proposal"))
    client.force_login(rep)
    content = client.get(BOARD).content.decode()
    offered = re.findall(r'name="stage" value="(\d+)">([^<]+)</button>', content)
    assert [name for _pk, name in offered] == [
        "Prospecting", "Qualification", "Needs analysis", "Proposal", "Negotiation",
        "Closed won", "Closed lost"]
    assert content.count('class="btn btn-sm btn-link p-0 text-body-secondary board-move-toggle"') \
        == 2
    more = client.get(reverse("sales:opportunity_board_column", args=[stage("Proposal").pk]))
    assert 'name="stage"' not in more.content.decode()


def test_cached_totals_follow_every_write_and_every_new_rate(client, rep):
    from clientela.sales.models import ExchangeRate
    from clientela.sales.services.opportunities import opportunity_save

    today = timezone.localdate()
    deal = OpportunityFactory(owner=rep, amount=Decimal("100"), currency="USD",
                              expected_close_date=today)
    client.force_login(rep)
    first = column(client.get(BOARD), "Prospecting").totals
    assert column(client.get(BOARD), "Prospecting").totals == first
    # A rate of today changes what the dollars are worth in euros.
    ExchangeRate.objects.create(currency_id="USD", date=today, rate=Decimal("2"))
    assert column(client.get(BOARD), "Prospecting").totals.base_amount == Decimal("200.00")
    # An opportunity written through the app changes the column at once.
    deal.amount = Decimal("150")
    opportunity_save(opportunity=deal, user=rep)
    totals = column(client.get(BOARD), "Prospecting").totals
    assert (totals.as_text(), totals.base_amount) == ("150.00 USD", Decimal("300.00"))
