"""Behaviour of the sales services and selectors: saving, moving, closing, pipelines, totals."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from clientela.core.exceptions import ApplicationError, PermissionDeniedError, StaleVersionError
from clientela.sales.models import Opportunity, Stage, StageChange
from clientela.sales.selectors.opportunities import (
    close_period_range,
    opportunity_cycle_length,
    opportunity_stage_stays,
    opportunity_time_in_stage,
    opportunity_totals,
)
from clientela.sales.services.opportunities import opportunity_close, opportunity_move
from clientela.sales.services.pipelines import pipeline_delete, pipeline_save
from clientela.sales.tests.factories import OpportunityFactory, PipelineFactory, stage

pytestmark = pytest.mark.django_db


def test_moving_into_won_needs_an_amount_and_into_lost_a_reason(rep):
    opportunity = OpportunityFactory(owner=rep, amount=Decimal("0"))
    with pytest.raises(ApplicationError) as refused:
        opportunity_move(user=rep, opportunity=opportunity, stage=stage("Closed won"))
    assert (refused.value.field, refused.value.code) == ("stage", "amount_required")
    with pytest.raises(ApplicationError) as refused:
        opportunity_move(user=rep, opportunity=opportunity, stage=stage("Closed lost"))
    assert (refused.value.field, refused.value.code) == ("stage", "reason_required")
    opportunity.refresh_from_db()
    assert (opportunity.stage.name, opportunity.version, opportunity.stage_changes.count()) == (
        "Prospecting", 1, 1)


def test_moving_into_won_with_an_amount_closes_it_today(rep):
    opportunity = OpportunityFactory(owner=rep)
    moved = opportunity_move(user=rep, opportunity=opportunity, stage=stage("Closed won"))
    assert (moved.status, moved.probability, moved.closed_on) == (
        "won", 100, datetime.date.today())


def test_moving_to_the_same_stage_writes_nothing(rep):
    opportunity = OpportunityFactory(owner=rep)
    opportunity_move(user=rep, opportunity=opportunity, stage=stage("Prospecting"))
    opportunity.refresh_from_db()
    assert (opportunity.version, opportunity.stage_changes.count()) == (1, 1)


def test_move_and_close_check_the_edit_scope_and_the_version(rep, teammate):
    team = OpportunityFactory(owner=teammate)
    with pytest.raises(PermissionDeniedError):
        opportunity_move(user=rep, opportunity=team, stage=stage("Proposal"))
    with pytest.raises(PermissionDeniedError):
        opportunity_close(user=rep, opportunity=team, won=True)
    with pytest.raises(StaleVersionError):
        opportunity_close(user=teammate, opportunity=team, won=True, version=2)
    team.refresh_from_db()
    assert (team.status, team.version) == ("open", 1)


def test_close_uses_the_pipelines_closing_stages_and_a_given_date(rep):
    pipeline = PipelineFactory()
    opportunity = OpportunityFactory(owner=rep, stage=pipeline.stages.get(name="Open"),
                                     pipeline=pipeline)
    closed = opportunity_close(user=rep, opportunity=opportunity, won=False,
                               reason="timing", detail="  Next year ",
                               closed_on=datetime.date(2026, 1, 5))
    assert (closed.stage.name, closed.probability, closed.lost_reason, closed.lost_detail,
            closed.closed_on) == ("Lost", 0, "timing", "Next year", datetime.date(2026, 1, 5))
    won = opportunity_close(user=rep, opportunity=closed, won=True)
    assert (won.stage.name, won.lost_reason, won.lost_detail) == ("Won", "", "")


def test_stage_stays_time_in_stage_and_cycle_length(rep):
    opportunity = OpportunityFactory(owner=rep)
    opportunity_move(user=rep, opportunity=opportunity, stage=stage("Proposal"))
    opportunity_move(user=rep, opportunity=opportunity, stage=stage("Prospecting"))
    base = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    for days, change in zip((0, 3, 10), opportunity.stage_changes.order_by("id"), strict=True):
        change.changed_at = base + datetime.timedelta(days=days)
        change.save()
    stays = opportunity_stage_stays(opportunity=opportunity)
    assert [(stay.stage.name, stay.left_at and (stay.left_at - base).days) for stay in stays] == [
        ("Prospecting", 3), ("Proposal", 10), ("Prospecting", None)]
    spent = opportunity_time_in_stage(opportunity=opportunity)
    assert spent[stage("Proposal").pk] == datetime.timedelta(days=7)
    assert spent[stage("Prospecting").pk] > datetime.timedelta(days=3)
    assert opportunity_cycle_length(opportunity=opportunity) is None
    closed = opportunity_close(user=rep, opportunity=opportunity, won=True)
    assert opportunity_cycle_length(opportunity=closed) > datetime.timedelta(days=10)


def test_an_opportunity_without_stage_changes_has_been_in_its_stage_since_creation(rep):
    opportunity = OpportunityFactory(owner=rep)
    StageChange.objects.all().delete()
    [stay] = opportunity_stage_stays(opportunity=opportunity)
    assert (stay.stage, stay.entered_at, stay.left_at) == (
        opportunity.stage, opportunity.created_at, None)


def test_totals_count_and_sum_each_currency_apart(rep):
    OpportunityFactory(owner=rep, amount=Decimal("100.50"), currency="EUR")
    OpportunityFactory(owner=rep, amount=Decimal("200"), currency="EUR")
    OpportunityFactory(owner=rep, amount=Decimal("50"), currency="USD")
    OpportunityFactory(owner=rep, amount=None, stage=stage("Proposal"))
    totals = opportunity_totals(opportunities=Opportunity.objects.all(), by="stage_id")
    prospecting = totals[stage("Prospecting").pk]
    assert (prospecting.count, prospecting.amounts) == (
        3, {"EUR": Decimal("300.50"), "USD": Decimal("50")})
    assert prospecting.as_text() == "300.50 EUR + 50.00 USD"
    assert (totals[stage("Proposal").pk].count, totals[stage("Proposal").pk].as_text()) == (1, "")
    assert opportunity_totals(opportunities=Opportunity.objects.all())[None].count == 4


@pytest.mark.parametrize(("period", "today", "expected"), [
    ("this_month", datetime.date(2026, 2, 14), ("2026-02-01", "2026-02-28")),
    ("this_quarter", datetime.date(2026, 5, 31), ("2026-04-01", "2026-06-30")),
    ("next_quarter", datetime.date(2026, 11, 2), ("2027-01-01", "2027-03-31")),
    ("next_quarter", datetime.date(2026, 1, 1), ("2026-04-01", "2026-06-30")),
])
def test_close_periods(period, today, expected):
    start, end = close_period_range(period, today)
    assert (start.isoformat(), end.isoformat()) == expected


def stage_rows(pipeline):
    return [{"id": item.pk, "name": item.name, "probability": item.probability,
             "kind": item.kind} for item in pipeline.stages.order_by("position")]


def test_pipeline_save_adds_renames_reorders_and_deletes_stages():
    pipeline = PipelineFactory(stages=[("A", 10, "open"), ("B", 20, "open"), ("Won", 100, "won"),
                                       ("Lost", 0, "lost")])
    a, b, won, lost = stage_rows(pipeline)
    # Swapping two names passes although names are unique per pipeline.
    pipeline_save(pipeline=pipeline, stages=[{**b, "name": "A"}, {**a, "name": "B"}, won, lost])
    assert [(item.pk, item.name, item.position) for item in
            pipeline.stages.order_by("position")] == [
        (b["id"], "A", 1), (a["id"], "B", 2), (won["id"], "Won", 3), (lost["id"], "Lost", 4)]
    pipeline_save(pipeline=pipeline, stages=[
        {**a, "name": "Qualified", "probability": 35},
        {"name": "Proposal", "probability": 70, "kind": "open"}, won, lost,
    ])
    assert [(item.name, item.position, item.probability) for item in
            pipeline.stages.order_by("position")] == [
        ("Qualified", 1, 35), ("Proposal", 2, 70), ("Won", 3, 100), ("Lost", 4, 0)]
    assert not Stage.objects.filter(pk=b["id"]).exists()


def test_a_stage_with_opportunities_cannot_be_deleted(rep):
    pipeline = PipelineFactory(stages=[("A", 10, "open"), ("B", 20, "open"), ("Won", 100, "won"),
                                       ("Lost", 0, "lost")])
    OpportunityFactory(owner=rep, stage=pipeline.stages.get(name="B"), pipeline=pipeline
                       ).soft_delete(rep)
    rows = [row for row in stage_rows(pipeline) if row["name"] != "B"]
    with pytest.raises(ApplicationError) as refused:
        pipeline_save(pipeline=pipeline, stages=rows)
    assert "B cannot be deleted: 1 opportunity is in it" in refused.value.message
    assert pipeline.stages.count() == 4
    with pytest.raises(ApplicationError):
        pipeline_delete(pipeline=pipeline)


@pytest.mark.parametrize(("rows", "key"), [
    ([{"name": "", "probability": 1, "kind": "open"}], "stages[0].name"),
    ([{"name": "A", "probability": 101, "kind": "open"}], "stages[0].probability"),
    ([{"name": "A", "probability": 1, "kind": "maybe"}], "stages[0].kind"),
    ([{"name": "A", "probability": 1, "kind": "open"},
      {"name": "a", "probability": 1, "kind": "won"}], "stages[1].name"),
    ([{"name": "A", "probability": 1, "kind": "open"},
      {"name": "W", "probability": 100, "kind": "won"}], "stages"),
])
def test_pipeline_save_refuses_bad_stages_naming_the_row(rows, key):
    pipeline = PipelineFactory()
    before = stage_rows(pipeline)
    with pytest.raises(ValidationError) as refused:
        pipeline_save(pipeline=pipeline, stages=rows)
    assert key in refused.value.message_dict
    assert stage_rows(pipeline) == before


def test_deleting_an_unused_pipeline_deletes_its_stages():
    pipeline = PipelineFactory()
    pipeline_delete(pipeline=pipeline)
    assert not Stage.objects.filter(pipeline_id=pipeline.pk).exists()
