"""The sales dashboard's figures: the open pipeline per stage, won revenue per month against
quota, the win rate, average deal size and sales cycle, time spent in each stage and one row
of performance per salesperson.

Each figure is one selector, reading only the opportunities, stage changes and quotas the
viewer may see (`restrict`). Amounts are summed in SQL per currency and date, then converted
to the base currency in bulk (`BaseConverter`): won amounts at the rate of their close date,
open ones at today's rate. Amounts in a currency without a rate that early are left out and
their currency listed in `unconverted`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection
from django.db.models import (
    Avg,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    Q,
    QuerySet,
    Sum,
    Window,
)
from django.db.models.functions import Lag, TruncDate
from django.utils import timezone
from django.utils.translation import get_language

from clientela.core.counting import cached_result
from clientela.core.permissions import restrict
from clientela.users.models import Team, User

from ..choices import OpportunityStatus, PeriodKind, StageKind
from ..exceptions import NoExchangeRateError, UnknownCurrencyError
from ..forecasting import Period, period_of
from ..models import Opportunity, Pipeline, Stage, StageChange
from .currencies import RATES_GENERATION, BaseConverter
from .forecasts import QuotaBook, forecast_users
from .opportunities import PIPELINES_GENERATION, pipeline_list

ZERO = Decimal(0)
ONE_PLACE = Decimal("0.1")
# The longest range of months the dashboard reads at once: five years of monthly points.
MAX_MONTHS = 60


def months_between(first: Period, last: Period) -> list[Period]:
    """Return the months from `first` to `last`, both included."""
    count = (last.start.year - first.start.year) * 12 + last.start.month - first.start.month
    return [first.shifted(step) for step in range(count + 1)]


@dataclass(frozen=True)
class DashboardFilters:
    """What the dashboard shows: a range of months, and optionally a team, a salesperson and
    a pipeline (all pipelines when none)."""

    first: Period
    last: Period
    team: Team | None = None
    owner: User | None = None
    pipeline: Pipeline | None = None

    @property
    def start(self) -> datetime.date:
        return self.first.start

    @property
    def end(self) -> datetime.date:
        return self.last.end

    @property
    def months(self) -> list[Period]:
        return months_between(self.first, self.last)

    def previous(self) -> DashboardFilters:
        """Return the same filters over the range of as many months just before."""
        length = len(self.months)
        return DashboardFilters(first=self.first.shifted(-length), last=self.first.shifted(-1),
                                team=self.team, owner=self.owner, pipeline=self.pipeline)

    @classmethod
    def last_months(cls, today: datetime.date, count: int = 12, **subject) -> DashboardFilters:
        """Return the filters of the `count` months up to the one of `today`."""
        last = period_of(PeriodKind.MONTH, today)
        return cls(first=last.shifted(1 - count), last=last, **subject)


class _Money:
    """Conversions of many (amount, currency, day) sums to the base currency, remembering
    the currencies that could not be converted."""

    def __init__(self, codes):
        self.converter = BaseConverter(codes)
        self.currency = self.converter.base.code
        self.unconverted: set[str] = set()

    def __call__(self, amount, code: str, day: datetime.date | None = None) -> Decimal:
        if amount is None:
            return ZERO
        try:
            return self.converter.to_base(amount, code, day)
        except (NoExchangeRateError, UnknownCurrencyError):
            self.unconverted.add(code)
            return ZERO


def dashboard_opportunities(*, viewer: User, filters: DashboardFilters) -> QuerySet[Opportunity]:
    """Return the opportunities the viewer may see, narrowed to the filters' subject and
    pipeline (not to the months: each figure picks its own dates)."""
    opportunities = restrict(Opportunity.objects.all(), viewer, "view").order_by()
    if filters.owner is not None:
        opportunities = opportunities.filter(owner=filters.owner)
    if filters.team is not None:
        opportunities = opportunities.filter(owner__team=filters.team)
    if filters.pipeline is not None:
        opportunities = opportunities.filter(pipeline=filters.pipeline)
    return opportunities


def _won_in(filters: DashboardFilters) -> Q:
    return Q(status=OpportunityStatus.WON, closed_on__gte=filters.start,
             closed_on__lte=filters.end)


def _closed_in(filters: DashboardFilters) -> Q:
    return Q(status__in=[OpportunityStatus.WON, OpportunityStatus.LOST],
             closed_on__gte=filters.start, closed_on__lte=filters.end)


# The days, with their fraction, from %(start)s to %(end)s (dates or times), per database.
DAYS_BETWEEN_SQL = {
    "sqlite": "(julianday(%(end)s) - julianday(%(start)s))",
    "postgresql": ("(EXTRACT(EPOCH FROM ((%(end)s)::timestamptz - (%(start)s)::timestamptz))"
                   " / 86400.0)"),
}


class DaysBetween(Func):
    """Return the days, with their fraction, from the second date or time to the first.

    Computed by the database itself: Django's own date subtraction calls a Python function per
    row on SQLite, which costs most of the time over a year of opportunities.
    """

    output_field = FloatField()

    def as_sql(self, compiler, connection, **extra):
        (end, end_params), (start, start_params) = (
            compiler.compile(expression) for expression in self.get_source_expressions())
        return (DAYS_BETWEEN_SQL[connection.vendor] % {"end": end, "start": start},
                (*end_params, *start_params))


def _cycle_expression() -> DaysBetween:
    """Return the days from creation (the day in the current time zone) to the close date."""
    return DaysBetween(F("closed_on"), TruncDate("created_at"))


def _days(days) -> Decimal | None:
    if days is None:
        return None
    return Decimal(str(days)).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def _rate(won: int, lost: int) -> Decimal | None:
    """Return won / (won + lost) as a percentage to one decimal, None without any closed."""
    if not won + lost:
        return None
    return (Decimal(won * 100) / (won + lost)).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def _average(total: Decimal, count: int, places: Decimal) -> Decimal | None:
    return (total / count).quantize(places, rounding=ROUND_HALF_UP) if count else None


# 1. The open pipeline per stage.

@dataclass
class FunnelStage:
    """The open opportunities in one stage: how many, and their amount in the base currency."""

    stage: Stage
    count: int = 0
    amount: Decimal = ZERO


@dataclass
class Funnel:
    """The open opportunities in each open stage of `pipeline`, as they stand today."""

    pipeline: Pipeline | None
    currency: str
    stages: list[FunnelStage]
    unconverted: set[str] = field(default_factory=set)

    @property
    def is_empty(self) -> bool:
        return not any(row.count for row in self.stages)


def dashboard_funnel(*, viewer: User, filters: DashboardFilters) -> Funnel:
    """Return, per open stage of the chosen pipeline (else the first), how many open
    opportunities are in it and their amount at today's rate.

    The funnel is the pipeline as it stands now; the range of months does not apply.
    """
    pipeline = filters.pipeline or pipeline_list().first()
    stages = [] if pipeline is None else [
        FunnelStage(stage=stage) for stage in pipeline.stages.all()
        if stage.kind == StageKind.OPEN]
    # By the open stages rather than the status: the board's covering index then answers.
    rows = [] if pipeline is None else list(
        dashboard_opportunities(viewer=viewer, filters=filters)
        .filter(pipeline=pipeline, stage__in=[row.stage.pk for row in stages])
        .values("stage_id", "currency").annotate(count=Count("id"), total=Sum("amount")))
    money = _Money({row["currency"] for row in rows})
    by_stage = {row.stage.pk: row for row in stages}
    for row in rows:
        figure = by_stage.get(row["stage_id"])
        if figure is not None:
            figure.count += row["count"]
            figure.amount += money(row["total"], row["currency"])
    return Funnel(pipeline=pipeline, currency=money.currency, stages=stages,
                  unconverted=money.unconverted)


# 2. Won revenue per month against quota.

@dataclass
class MonthRevenue:
    """One month's won opportunities (count, amount) and the subject's quota of the month."""

    month: Period
    won_count: int = 0
    won_amount: Decimal = ZERO
    quota: Decimal | None = None


@dataclass
class Revenue:
    """Won revenue per month of the range, with the subject's quota of each month."""

    currency: str
    months: list[MonthRevenue]
    unconverted: set[str] = field(default_factory=set)

    @property
    def won_amount(self) -> Decimal:
        return sum((month.won_amount for month in self.months), ZERO)

    @property
    def quota(self) -> Decimal | None:
        quotas = [month.quota for month in self.months if month.quota is not None]
        return sum(quotas, ZERO) if quotas else None

    @property
    def is_empty(self) -> bool:
        return not any(month.won_count or month.quota is not None for month in self.months)


def _subject_quota(book: QuotaBook, filters: DashboardFilters, month: Period) -> Decimal | None:
    if filters.owner is not None:
        return book.of_user(filters.owner.pk, month)
    if filters.team is not None:
        return book.of_team(filters.team.pk, month)
    return book.of_everyone(month)


def dashboard_revenue(*, viewer: User, filters: DashboardFilters) -> Revenue:
    """Return, per month of the range, the won opportunities closed in it (count, and amount
    at the rate of each close date) and the monthly quota of the subject: the salesperson,
    else the team (its own quota, else its members'), else everyone the viewer may see."""
    months = filters.months
    rows = list(dashboard_opportunities(viewer=viewer, filters=filters).filter(_won_in(filters))
                .values("closed_on", "currency").annotate(count=Count("id"), total=Sum("amount")))
    money = _Money({row["currency"] for row in rows})
    by_month = {month.start: MonthRevenue(month=month) for month in months}
    for row in rows:
        figure = by_month[row["closed_on"].replace(day=1)]
        figure.won_count += row["count"]
        figure.won_amount += money(row["total"], row["currency"], row["closed_on"])
    book = QuotaBook(viewer, months[0], more=tuple(months[1:]))
    for figure in by_month.values():
        figure.quota = _subject_quota(book, filters, figure.month)
    return Revenue(currency=money.currency, months=list(by_month.values()),
                   unconverted=money.unconverted)


# 3. Win rate.

@dataclass
class MonthWinRate:
    """How many opportunities closed in one month were won and lost."""

    month: Period
    won: int = 0
    lost: int = 0

    @property
    def rate(self) -> Decimal | None:
        return _rate(self.won, self.lost)


@dataclass
class WinRate:
    """Won / (won + lost) among the opportunities closed in the range, overall and per month."""

    months: list[MonthWinRate]

    @property
    def won(self) -> int:
        return sum(month.won for month in self.months)

    @property
    def lost(self) -> int:
        return sum(month.lost for month in self.months)

    @property
    def rate(self) -> Decimal | None:
        return _rate(self.won, self.lost)

    @property
    def is_empty(self) -> bool:
        return not self.won + self.lost


def dashboard_win_rate(*, viewer: User, filters: DashboardFilters) -> WinRate:
    """Return how many opportunities were won and lost per month of the range (by close
    date), and so the win rate overall and per month."""
    # Grouped by day, at most a few hundred rows, and bucketed here: truncating to the month
    # in SQL costs a Python call per opportunity on SQLite.
    rows = (dashboard_opportunities(viewer=viewer, filters=filters).filter(_closed_in(filters))
            .values("closed_on", "status").annotate(count=Count("id")))
    by_month = {month.start: MonthWinRate(month=month) for month in filters.months}
    for row in rows:
        figure = by_month[row["closed_on"].replace(day=1)]
        if row["status"] == OpportunityStatus.WON:
            figure.won += row["count"]
        else:
            figure.lost += row["count"]
    return WinRate(months=list(by_month.values()))


# 4. Average deal size and sales cycle, against the previous range.

@dataclass
class DealFigures:
    """Won opportunities of a range: how many, their total and average amount in the base
    currency, and their average sales cycle in days."""

    start: datetime.date
    end: datetime.date
    won_count: int = 0
    won_amount: Decimal = ZERO
    average_deal: Decimal | None = None
    average_cycle_days: Decimal | None = None


@dataclass
class Deals:
    """The deal figures of the range and of as many months just before it."""

    currency: str
    current: DealFigures
    previous: DealFigures
    unconverted: set[str] = field(default_factory=set)

    @property
    def is_empty(self) -> bool:
        return not self.current.won_count and not self.previous.won_count


def _deal_figures(viewer: User, filters: DashboardFilters) -> tuple[DealFigures, _Money]:
    won = dashboard_opportunities(viewer=viewer, filters=filters).filter(_won_in(filters))
    rows = list(won.values("closed_on", "currency").annotate(count=Count("id"),
                                                             total=Sum("amount")))
    money = _Money({row["currency"] for row in rows})
    figures = DealFigures(start=filters.start, end=filters.end)
    for row in rows:
        figures.won_count += row["count"]
        figures.won_amount += money(row["total"], row["currency"], row["closed_on"])
    figures.average_deal = _average(figures.won_amount, figures.won_count, money.converter.places)
    cycle = won.aggregate(cycle=Avg(_cycle_expression()))["cycle"]
    figures.average_cycle_days = _days(cycle)
    return figures, money


def dashboard_deals(*, viewer: User, filters: DashboardFilters) -> Deals:
    """Return the average deal size (won amount in the base currency ÷ won count) and the
    average sales cycle (days from creation to close of the won ones) of the range, and the
    same of the range of as many months just before it."""
    current, money = _deal_figures(viewer, filters)
    previous, earlier = _deal_figures(viewer, filters.previous())
    return Deals(currency=money.currency, current=current, previous=previous,
                 unconverted=money.unconverted | earlier.unconverted)


# 5. Time in stage.

@dataclass
class StageTime:
    """How many stays in one stage ended in the range, and their average length in days."""

    stage: Stage
    left_count: int
    average_days: Decimal | None


def dashboard_time_in_stage(*, viewer: User, filters: DashboardFilters) -> list[StageTime]:
    """Return, per stage, the average days spent in it by the opportunities that left it
    during the range: from the stage change that brought them in to the one that took them
    out (an opportunity that left a stage twice counts twice). Stages in pipeline order."""
    opportunities = dashboard_opportunities(viewer=viewer, filters=filters)
    start = timezone.make_aware(datetime.datetime.combine(filters.start, datetime.time.min))
    end = timezone.make_aware(datetime.datetime.combine(
        filters.end + datetime.timedelta(days=1), datetime.time.min))
    # Each change's predecessor comes from one ordered pass over the opportunities' histories
    # (a window), far cheaper than a correlated look-up per change. The window must see the
    # changes before the range too, so the range is applied outside it, in SQL the ORM cannot
    # express (an aggregate over a window); the inner query, with the viewer's restriction,
    # is the ORM's own.
    changes = (StageChange.objects.order_by()
               .filter(opportunity__in=opportunities.values("pk"), changed_at__lt=end)
               .annotate(entered_at=Window(Lag("changed_at"), partition_by=[F("opportunity_id")],
                                           order_by=[F("changed_at").asc(), F("id").asc()]))
               .values("from_stage_id", "changed_at", "entered_at"))
    inner, params = changes.query.sql_with_params()
    days = DAYS_BETWEEN_SQL[connection.vendor] % {"end": "changed_at", "start": "entered_at"}
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT from_stage_id, COUNT(*), AVG({days}) FROM ({inner}) stays "
            "WHERE from_stage_id IS NOT NULL AND entered_at IS NOT NULL AND changed_at >= %s "
            "GROUP BY from_stage_id",
            [*params, connection.ops.adapt_datetimefield_value(start)])
        rows = [{"from_stage": stage, "left": left, "spent": average}
                for stage, left, average in cursor.fetchall()]
    spent = {row["from_stage"]: row for row in rows}
    stages = Stage.objects.select_related("pipeline").order_by(
        "pipeline__position", "pipeline__name", "position", "id")
    if filters.pipeline is not None:
        stages = stages.filter(pipeline=filters.pipeline)
    else:
        stages = stages.filter(pk__in=list(spent))
    return [StageTime(stage=stage, left_count=spent[stage.pk]["left"] if stage.pk in spent
                      else 0,
                      average_days=_days(spent[stage.pk]["spent"]) if stage.pk in spent
                      else None)
            for stage in stages if stage.kind == StageKind.OPEN or stage.pk in spent]


# 6. Per salesperson.

@dataclass
class OwnerPerformance:
    """One salesperson's figures over the range (open pipeline: as it stands today)."""

    user: User
    won_count: int = 0
    won_amount: Decimal = ZERO
    lost_count: int = 0
    average_cycle_days: Decimal | None = None
    open_count: int = 0
    open_amount: Decimal = ZERO
    weighted_amount: Decimal = ZERO
    quota: Decimal | None = None
    average_deal: Decimal | None = None

    @property
    def win_rate(self) -> Decimal | None:
        return _rate(self.won_count, self.lost_count)

    @property
    def attainment(self) -> Decimal | None:
        """Return won amount as a percentage of the range's quota, None without a quota."""
        if not self.quota:
            return None
        return (self.won_amount * 100 / self.quota).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


@dataclass
class Performance:
    """One row per salesperson, biggest won amount first."""

    currency: str
    rows: list[OwnerPerformance]
    unconverted: set[str] = field(default_factory=set)

    @property
    def is_empty(self) -> bool:
        return not self.rows


def dashboard_performance(*, viewer: User, filters: DashboardFilters) -> Performance:
    """Return one row per salesperson the viewer may see who has an opportunity closed in
    the range, an open one or a quota in the range: won count and amount, win rate, average
    deal size and cycle, open and weighted pipeline (amount × probability ÷ 100, at today's
    rate) and attainment (won amount ÷ the sum of their monthly quotas of the range)."""
    opportunities = dashboard_opportunities(viewer=viewer, filters=filters)
    won = list(opportunities.filter(_won_in(filters))
               .values("owner_id", "closed_on", "currency")
               .annotate(count=Count("id"), total=Sum("amount")))
    lost = dict(opportunities.filter(_closed_in(filters), status=OpportunityStatus.LOST)
                .values("owner_id").annotate(count=Count("id")).values_list("owner_id", "count"))
    cycles = dict(opportunities.filter(_won_in(filters)).values("owner_id")
                  .annotate(cycle=Avg(_cycle_expression())).values_list("owner_id", "cycle"))
    weighted = ExpressionWrapper(F("amount") * F("probability"),
                                 output_field=DecimalField(max_digits=20, decimal_places=2))
    open_rows = list(opportunities.filter(status=OpportunityStatus.OPEN)
                     .values("owner_id", "currency")
                     .annotate(count=Count("id"), total=Sum("amount"),
                               weighted=Sum(weighted)))
    money = _Money({row["currency"] for row in won + open_rows})
    months = filters.months
    book = QuotaBook(viewer, months[0], more=tuple(months[1:]))

    figures: dict[int, OwnerPerformance] = {}
    users = forecast_users(viewer=viewer)
    if filters.owner is not None:
        users = users.filter(pk=filters.owner.pk)
    if filters.team is not None:
        users = users.filter(team=filters.team)
    wanted = ({row["owner_id"] for row in won + open_rows} | set(lost) | set(book.users))
    for user in users.filter(pk__in=[pk for pk in wanted if pk is not None]):
        figures[user.pk] = OwnerPerformance(user=user)
    for row in won:
        if (figure := figures.get(row["owner_id"])) is not None:
            figure.won_count += row["count"]
            figure.won_amount += money(row["total"], row["currency"], row["closed_on"])
    for row in open_rows:
        if (figure := figures.get(row["owner_id"])) is not None:
            figure.open_count += row["count"]
            figure.open_amount += money(row["total"], row["currency"])
            if row["weighted"] is not None:
                figure.weighted_amount += money(row["weighted"] / 100, row["currency"])
    for pk, figure in figures.items():
        figure.lost_count = lost.get(pk, 0)
        figure.average_cycle_days = _days(cycles.get(pk))
        figure.average_deal = _average(figure.won_amount, figure.won_count,
                                       money.converter.places)
        quotas = [quota for month in months if (quota := book.of_user(pk, month)) is not None]
        figure.quota = sum(quotas, ZERO) if quotas else None
    rows = sorted(figures.values(), key=lambda row: (-row.won_amount, str(row.user).casefold(),
                                                     row.user.pk))
    return Performance(currency=money.currency, rows=rows, unconverted=money.unconverted)


# Every figure at once, as plain data (the page's charts and the API read the same).

@dataclass
class Dashboard:
    """Every figure of the dashboard for one viewer and one set of filters."""

    filters: DashboardFilters
    funnel: Funnel
    revenue: Revenue
    win_rate: WinRate
    deals: Deals
    time_in_stage: list[StageTime]
    performance: Performance

    @property
    def currency(self) -> str:
        return self.revenue.currency

    @property
    def time_in_stage_is_empty(self) -> bool:
        return not any(row.left_count for row in self.time_in_stage)

    @property
    def unconverted(self) -> list[str]:
        return sorted(self.funnel.unconverted | self.revenue.unconverted
                      | self.deals.unconverted | self.performance.unconverted)


def sales_dashboard(*, viewer: User, filters: DashboardFilters) -> Dashboard:
    """Return every figure of the dashboard for the viewer and the filters.

    The figures read a year of opportunities and stage changes, so they are kept in the cache
    until an opportunity, a quota, a pipeline, a currency or a rate changes (or the day turns).
    """
    def compute(_opportunities) -> Dashboard:
        return Dashboard(
            filters=filters,
            funnel=dashboard_funnel(viewer=viewer, filters=filters),
            revenue=dashboard_revenue(viewer=viewer, filters=filters),
            win_rate=dashboard_win_rate(viewer=viewer, filters=filters),
            deals=dashboard_deals(viewer=viewer, filters=filters),
            time_in_stage=dashboard_time_in_stage(viewer=viewer, filters=filters),
            performance=dashboard_performance(viewer=viewer, filters=filters),
        )

    return cached_result(
        dashboard_opportunities(viewer=viewer, filters=filters), compute,
        name="sales-dashboard",
        depends_on=["sales.quota", RATES_GENERATION, PIPELINES_GENERATION],
        extra=[timezone.localdate(), str(filters.first), str(filters.last), get_language()],
    )


def _text(value) -> str | None:
    return None if value is None else str(value)


def _deal_data(figures: DealFigures) -> dict:
    return {"start": figures.start.isoformat(), "end": figures.end.isoformat(),
            "won_count": figures.won_count, "won_amount": _text(figures.won_amount),
            "average_deal": _text(figures.average_deal),
            "average_cycle_days": _text(figures.average_cycle_days)}


def dashboard_data(dashboard: Dashboard) -> dict:
    """Return the dashboard as plain data: amounts and ratios as decimal strings (null when
    undefined), months as `2026-11`, amounts in the base currency `currency`."""
    filters = dashboard.filters
    funnel, revenue, win_rate = dashboard.funnel, dashboard.revenue, dashboard.win_rate
    return {
        "currency": dashboard.currency,
        "unconverted": dashboard.unconverted,
        "from": filters.first.label,
        "to": filters.last.label,
        "team": filters.team.pk if filters.team else None,
        "owner": filters.owner.pk if filters.owner else None,
        "pipeline": filters.pipeline.pk if filters.pipeline else None,
        "funnel": {
            "pipeline": funnel.pipeline.pk if funnel.pipeline else None,
            "pipeline_name": funnel.pipeline.name if funnel.pipeline else None,
            "stages": [{"stage": row.stage.pk, "name": row.stage.name, "count": row.count,
                        "amount": _text(row.amount)} for row in funnel.stages],
        },
        "revenue": {
            "won_amount": _text(revenue.won_amount),
            "quota": _text(revenue.quota),
            "months": [{"month": row.month.label, "won_count": row.won_count,
                        "won_amount": _text(row.won_amount), "quota": _text(row.quota)}
                       for row in revenue.months],
        },
        "win_rate": {
            "won": win_rate.won, "lost": win_rate.lost, "rate": _text(win_rate.rate),
            "months": [{"month": row.month.label, "won": row.won, "lost": row.lost,
                        "rate": _text(row.rate)} for row in win_rate.months],
        },
        "deals": {"current": _deal_data(dashboard.deals.current),
                  "previous": _deal_data(dashboard.deals.previous)},
        "time_in_stage": [
            {"stage": row.stage.pk, "name": row.stage.name, "pipeline": row.stage.pipeline.name,
             "left_count": row.left_count, "average_days": _text(row.average_days)}
            for row in dashboard.time_in_stage],
        "salespeople": [
            {"user": row.user.pk, "name": str(row.user), "won_count": row.won_count,
             "won_amount": _text(row.won_amount), "lost_count": row.lost_count,
             "win_rate": _text(row.win_rate), "average_deal": _text(row.average_deal),
             "average_cycle_days": _text(row.average_cycle_days),
             "open_count": row.open_count, "open_amount": _text(row.open_amount),
             "weighted_amount": _text(row.weighted_amount), "quota": _text(row.quota),
             "attainment": _text(row.attainment)}
            for row in dashboard.performance.rows],
    }
