"""Reads of opportunities with logic: totals, the pipeline board, time spent in each stage."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Prefetch, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from clientela.core.counting import cached_result
from clientela.users.models import User

from ..choices import ClosePeriod, StageKind
from ..exceptions import NoExchangeRateError, UnknownCurrencyError
from ..models import Opportunity, Pipeline, Stage, StageChange
from .currencies import RATES_GENERATION, BaseConverter

BOARD_COLUMN_SIZE = 20
# The cache generation of figures that show pipelines and stages: bumped whenever one changes.
PIPELINES_GENERATION = "sales.pipelines"
# The order of a column's cards: soonest expected close first, undated last.
CARD_ORDER = (F("expected_close_date").asc(nulls_last=True), F("id").asc())


@dataclass
class Totals:
    """How many opportunities, their amounts summed per currency code, and all of them in the
    base currency: `base_amount` leaves out the `unconverted` currencies, which had no rate."""

    count: int = 0
    amounts: dict[str, Decimal] = field(default_factory=dict)
    base_currency: str = ""
    base_amount: Decimal = Decimal(0)
    unconverted: set[str] = field(default_factory=set)

    def as_text(self) -> str:
        """Return the amounts as `12,500.00 EUR + 900.00 USD` (empty when there are none)."""
        return " + ".join(f"{amount:,.2f} {currency}"
                          for currency, amount in sorted(self.amounts.items()))

    def base_text(self) -> str:
        """Return the total in the base currency, `≈ 13,328.40 EUR`, naming the currencies it
        leaves out; empty when every amount is in the base currency already (or none is)."""
        if not self.amounts or set(self.amounts) == {self.base_currency}:
            return ""
        text = f"≈ {self.base_amount:,.2f} {self.base_currency}"
        if self.unconverted:
            text += " " + _("(without %(codes)s: no exchange rate)") % {
                "codes": ", ".join(sorted(self.unconverted))}
        return text


def opportunity_totals(*, opportunities: QuerySet, by: str | None = None) -> dict[Any, Totals]:
    """Return the count and summed amounts of `opportunities`, per value of the field `by`.

    The one place where amounts are summed. Amounts of different currencies are kept apart,
    and each is also converted to the base currency at the rate of its expected close date
    (today without one); an amount whose currency has no rate that early is left out of the
    converted total, and its currency is named in `unconverted`. Without `by`, the totals are
    under the key None.
    """
    keys = [by] if by else []
    rows = list(opportunities.order_by().values(*keys, "currency", "expected_close_date")
                .annotate(number=Count("id"), total=Sum("amount")))
    converter = BaseConverter(row["currency"] for row in rows)
    today = timezone.localdate()
    totals: dict[Any, Totals] = defaultdict(lambda: Totals(base_currency=converter.base.code))
    for row in rows:
        entry = totals[row[by] if by else None]
        entry.count += row["number"]
        if row["total"] is None:
            continue
        currency = row["currency"]
        entry.amounts[currency] = entry.amounts.get(currency, Decimal(0)) + row["total"]
        try:
            entry.base_amount += converter.to_base(row["total"], currency,
                                                   row["expected_close_date"] or today)
        except (NoExchangeRateError, UnknownCurrencyError):
            entry.unconverted.add(currency)
    return dict(totals)


def pipeline_list() -> QuerySet[Pipeline]:
    """Return every pipeline with its stages in order."""
    return Pipeline.objects.prefetch_related(
        Prefetch("stages", queryset=Stage.objects.order_by("position", "id")))


def close_period_range(period: str, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """Return the first and last day of a close period (this month, this or next quarter)."""
    if period == ClosePeriod.THIS_MONTH:
        start = today.replace(day=1)
        following = (start + datetime.timedelta(days=32)).replace(day=1)
        return start, following - datetime.timedelta(days=1)
    quarter_start = datetime.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    if period == ClosePeriod.NEXT_QUARTER:
        quarter_start = (quarter_start + datetime.timedelta(days=95)).replace(day=1)
    following = (quarter_start + datetime.timedelta(days=95)).replace(day=1)
    return quarter_start, following - datetime.timedelta(days=1)


@dataclass
class BoardFilters:
    """What narrows the board: owner, team and an expected close date range."""

    owner: User | None = None
    team: Any = None
    close_from: datetime.date | None = None
    close_to: datetime.date | None = None


@dataclass
class BoardColumn:
    """One stage of the board: its first cards, whether more follow, and its totals."""

    stage: Stage
    cards: list[Opportunity]
    totals: Totals
    has_more: bool


def opportunity_board_queryset(*, user: User, pipeline: Pipeline, filters: BoardFilters
                               ) -> QuerySet[Opportunity]:
    """Return the pipeline's opportunities the user may see, narrowed by the board filters."""
    queryset = Opportunity.objects.restrict(user, "view").filter(pipeline=pipeline)
    if filters.owner is not None:
        queryset = queryset.filter(owner=filters.owner)
    if filters.team is not None:
        queryset = queryset.filter(team=filters.team)
    if filters.close_from is not None:
        queryset = queryset.filter(expected_close_date__gte=filters.close_from)
    if filters.close_to is not None:
        queryset = queryset.filter(expected_close_date__lte=filters.close_to)
    return queryset


def opportunity_column_cards(*, user: User, stage: Stage, filters: BoardFilters,
                             offset: int = 0, limit: int = BOARD_COLUMN_SIZE
                             ) -> tuple[list[Opportunity], bool]:
    """Return one column's cards from `offset` (soonest expected close first), and whether
    more follow."""
    queryset = opportunity_board_queryset(user=user, pipeline=stage.pipeline, filters=filters)
    cards = list(
        queryset.filter(stage=stage).select_related("account", "owner")
        .order_by(*CARD_ORDER)[offset:offset + limit + 1]
    )
    return cards[:limit], len(cards) > limit


def opportunity_board(*, user: User, pipeline: Pipeline, filters: BoardFilters,
                      limit: int = BOARD_COLUMN_SIZE) -> list[BoardColumn]:
    """Return the board's columns: open stages in order, then the won and lost stages.

    Each column holds at most `limit` cards; its count and totals cover all of its cards.
    """
    stages = sorted(pipeline.stages.all(),
                    key=lambda stage: (stage.kind != StageKind.OPEN, stage.kind == StageKind.LOST,
                                       stage.position, stage.pk))
    queryset = opportunity_board_queryset(user=user, pipeline=pipeline, filters=filters)
    # Summing and converting a whole pipeline costs more than the rest of the board, and
    # boards are looked at far more often than opportunities change.
    totals = cached_result(
        queryset, lambda rows: opportunity_totals(opportunities=rows, by="stage_id"),
        name="board-totals", depends_on=[RATES_GENERATION], extra=[timezone.localdate()])
    columns = []
    for stage in stages:
        stage.pipeline = pipeline
        cards, has_more = opportunity_column_cards(user=user, stage=stage, filters=filters,
                                                   limit=limit)
        columns.append(BoardColumn(stage=stage, cards=cards,
                                   totals=totals.get(stage.pk, Totals()), has_more=has_more))
    return columns


@dataclass
class StageStay:
    """A stretch of time an opportunity spent in one stage."""

    stage: Stage | None
    entered_at: datetime.datetime
    left_at: datetime.datetime | None
    by: User | None

    @property
    def duration(self) -> datetime.timedelta:
        return (self.left_at or timezone.now()) - self.entered_at


def opportunity_stage_stays(*, opportunity: Opportunity) -> list[StageStay]:
    """Return the opportunity's stays in its stages, oldest first; the last one is current.

    Built from its stage changes; an opportunity without any (imported, say) has been in its
    stage since it was created.
    """
    changes = list(StageChange.objects.filter(opportunity=opportunity)
                   .select_related("to_stage", "changed_by").order_by("changed_at", "id"))
    if not changes:
        return [StageStay(stage=opportunity.stage, entered_at=opportunity.created_at,
                          left_at=None, by=opportunity.created_by)]
    stays = []
    for index, change in enumerate(changes):
        left_at = changes[index + 1].changed_at if index + 1 < len(changes) else None
        stays.append(StageStay(stage=change.to_stage, entered_at=change.changed_at,
                               left_at=left_at, by=change.changed_by))
    return stays


def opportunity_time_in_stage(*, opportunity: Opportunity) -> dict[int | None, datetime.timedelta]:
    """Return the total time the opportunity spent in each stage, by stage id."""
    spent: dict[int | None, datetime.timedelta] = defaultdict(datetime.timedelta)
    for stay in opportunity_stage_stays(opportunity=opportunity):
        spent[stay.stage.pk if stay.stage else None] += stay.duration
    return dict(spent)


def opportunity_cycle_length(*, opportunity: Opportunity) -> datetime.timedelta | None:
    """Return how long the opportunity took from creation to close, or None while open."""
    if opportunity.status == StageKind.OPEN:
        return None
    stays = opportunity_stage_stays(opportunity=opportunity)
    return stays[-1].entered_at - stays[0].entered_at
