"""The sales forecast of a period: quota, closed won, commit, best case and weighted pipeline,
for a salesperson, a team or everyone the viewer may see, with one row per salesperson.

Every figure counts only the opportunities and quotas the viewer may see (`restrict`), and is
summed in SQL per owner, currency and date, then converted to the base currency in bulk.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, QuerySet, Sum

from clientela.core.permissions import ALL, NONE, TEAM, restrict, scope
from clientela.users.models import Team, User

from ..choices import ForecastCategory, PeriodKind
from ..exceptions import NoExchangeRateError, UnknownCurrencyError
from ..forecasting import (
    Period,
    closed_won_q,
    forecast_category_expression,
    open_in_period_q,
)
from ..models import Currency, Opportunity, Quota
from .currencies import BaseConverter

ZERO = Decimal(0)
PERCENT_PLACES = Decimal("0.1")
BEST_CASE_CATEGORIES = frozenset({ForecastCategory.BEST_CASE, ForecastCategory.COMMIT})


@dataclass
class ForecastFigures:
    """The figures of one salesperson, or of the whole subject, in the base currency.

    `commit` and `best_case` include `closed_won`; `quota` is None when there is none.
    """

    quota: Decimal | None = None
    closed_won: Decimal = ZERO
    commit: Decimal = ZERO
    best_case: Decimal = ZERO
    weighted_pipeline: Decimal = ZERO

    @property
    def gap(self) -> Decimal | None:
        """Return what is left to win to reach the quota (negative once beyond it)."""
        return None if self.quota is None else self.quota - self.closed_won

    @property
    def attainment(self) -> Decimal | None:
        """Return closed won as a percentage of the quota, to one decimal (None without one)."""
        if not self.quota:
            return None
        return (self.closed_won * 100 / self.quota).quantize(PERCENT_PLACES,
                                                             rounding=ROUND_HALF_UP)

    @property
    def attainment_bar(self) -> int:
        """Return the attainment capped to 0–100, for a progress bar's width."""
        return max(0, min(100, int(self.attainment or 0)))

    def add(self, other: ForecastFigures) -> None:
        self.closed_won += other.closed_won
        self.commit += other.commit
        self.best_case += other.best_case
        self.weighted_pipeline += other.weighted_pipeline


@dataclass
class ForecastRow:
    """One salesperson's figures."""

    user: User
    figures: ForecastFigures


@dataclass
class Forecast:
    """A forecast of one period for a salesperson (`user`), a `team`, or everyone (neither)."""

    period: Period
    currency: str
    totals: ForecastFigures
    rows: list[ForecastRow]
    user: User | None = None
    team: Team | None = None
    base: Currency | None = None
    # Currencies with amounts left out of the figures: no exchange rate that early.
    unconverted: set[str] = field(default_factory=set)

    @property
    def is_empty(self) -> bool:
        """Return whether nothing at all is counted: no quota and no opportunity."""
        totals = self.totals
        return totals.quota is None and not any(
            (totals.closed_won, totals.best_case, totals.weighted_pipeline)
        ) and not any(row.figures.quota is not None for row in self.rows)


def forecast_users(*, viewer: User) -> QuerySet[User]:
    """Return the active salespeople whose forecast the viewer may ask for.

    Those whose opportunities the viewer's opportunity view scope reaches: everyone with
    *all*; with *team*, the viewer's team; with *own* or *team*, the viewer and everyone
    reporting to them.
    """
    reach = scope(viewer, "opportunities", "view")
    users = User.objects.filter(is_active=True)
    if reach == ALL:
        return users
    if reach == NONE:
        return users.none()
    condition = Q(pk=viewer.pk)
    if viewer.subordinate_ids:
        condition |= Q(pk__in=viewer.subordinate_ids)
    if reach == TEAM and viewer.team_id:
        condition |= Q(team_id=viewer.team_id)
    return users.filter(condition)


def forecast_teams(*, viewer: User) -> QuerySet[Team]:
    """Return the teams whose forecast the viewer may ask for: every team with an *all*
    opportunity view scope, else the teams of the salespeople they may see."""
    if scope(viewer, "opportunities", "view") == ALL:
        return Team.objects.all()
    return Team.objects.filter(
        pk__in=forecast_users(viewer=viewer).exclude(team=None).values("team_id"))


class QuotaBook:
    """The visible quotas of one or more periods, answering the quota of a salesperson, a
    team or all in any of them.

    A subject's quota is its quota of the period's kind; for a quarter without one, the sum of
    its quotas of the quarter's months. A team without either has the sum of its members'.
    """

    def __init__(self, viewer: User, period: Period, *, more: tuple[Period, ...] = ()):
        wanted = Q(pk__in=[])
        for each in (period, *more):
            wanted |= Q(period_kind=each.kind, period_start=each.start)
            if each.kind == PeriodKind.QUARTER:
                wanted |= Q(period_kind=PeriodKind.MONTH,
                            period_start__in=[month.start for month in each.months])
        self.period = period
        self.users: dict[int, dict[str, Decimal]] = defaultdict(dict)
        self.teams: dict[int, dict[str, Decimal]] = defaultdict(dict)
        self.user_team: dict[int, int | None] = {}
        rows = restrict(Quota.objects.filter(wanted), viewer, "view").values_list(
            "user_id", "user__team_id", "sales_team_id", "period_kind", "period_start",
            "amount")
        for user_id, user_team_id, team_id, kind, start, amount in rows:
            key = f"{kind}:{start.isoformat()}"
            if user_id is not None:
                self.users[user_id][key] = amount
                self.user_team[user_id] = user_team_id
            else:
                self.teams[team_id][key] = amount

    def _pick(self, amounts: dict[str, Decimal], period: Period) -> Decimal | None:
        exact = amounts.get(f"{period.kind}:{period.start.isoformat()}")
        if exact is not None or period.kind == PeriodKind.MONTH:
            return exact
        months = [amounts[key] for month in period.months
                  if (key := f"{PeriodKind.MONTH}:{month.start.isoformat()}") in amounts]
        return sum(months, ZERO) if months else None

    def of_user(self, user_id: int, period: Period | None = None) -> Decimal | None:
        return self._pick(self.users.get(user_id, {}), period or self.period)

    def of_team(self, team_id: int, period: Period | None = None) -> Decimal | None:
        own = self._pick(self.teams.get(team_id, {}), period or self.period)
        if own is not None:
            return own
        members = [quota for user_id, member_team in self.user_team.items()
                   if member_team == team_id
                   and (quota := self.of_user(user_id, period)) is not None]
        return sum(members, ZERO) if members else None

    def of_everyone(self, period: Period | None = None) -> Decimal | None:
        teams = set(self.teams) | {team for team in self.user_team.values() if team is not None}
        parts = [quota for team_id in teams
                 if (quota := self.of_team(team_id, period)) is not None]
        parts += [quota for user_id, team_id in self.user_team.items()
                  if team_id is None and (quota := self.of_user(user_id, period)) is not None]
        return sum(parts, ZERO) if parts else None


def sales_forecast(*, viewer: User, period: Period, user: User | None = None,
                   team: Team | None = None) -> Forecast:
    """Return the forecast of `period` for `user`, `team`, or everyone the viewer may see.

    Closed won sums the won opportunities closed in the period, each converted at the rate
    of its close date; the open ones expected to close in the period (converted at the rate
    of their expected close date) make the weighted pipeline (amount × probability / 100),
    and with closed won the commit (category commit) and best case (best case or commit).
    The caller checks that the viewer may see `user` or `team` (`forecast_users`,
    `forecast_teams`).
    """
    opportunities = restrict(Opportunity.objects.all(), viewer, "view").order_by()
    if user is not None:
        opportunities = opportunities.filter(owner=user)
    elif team is not None:
        opportunities = opportunities.filter(owner__team=team)
    won = list(opportunities.filter(closed_won_q(period)).values(
        "owner_id", "currency", "closed_on").annotate(total=Sum("amount")))
    open_rows = list(
        opportunities.filter(open_in_period_q(period))
        .annotate(category=forecast_category_expression())
        .values("owner_id", "currency", "expected_close_date", "category", "probability")
        .annotate(total=Sum("amount"))
    )
    converter = BaseConverter({row["currency"] for row in won + open_rows})
    unconverted: set[str] = set()

    def in_base(amount, currency, day) -> Decimal:
        if amount is None:
            return ZERO
        try:
            return converter.to_base(amount, currency, day)
        except (NoExchangeRateError, UnknownCurrencyError):
            unconverted.add(currency)
            return ZERO

    by_owner: dict[int | None, ForecastFigures] = defaultdict(ForecastFigures)
    for row in won:
        amount = in_base(row["total"], row["currency"], row["closed_on"])
        figures = by_owner[row["owner_id"]]
        figures.closed_won += amount
        figures.commit += amount
        figures.best_case += amount
    for row in open_rows:
        figures = by_owner[row["owner_id"]]
        day = row["expected_close_date"]
        if row["total"] is not None:
            weighted = row["total"] * (row["probability"] or 0) / 100
            figures.weighted_pipeline += in_base(weighted, row["currency"], day)
        if row["category"] in BEST_CASE_CATEGORIES:
            amount = in_base(row["total"], row["currency"], day)
            figures.best_case += amount
            if row["category"] == ForecastCategory.COMMIT:
                figures.commit += amount

    quotas = QuotaBook(viewer, period)
    if user is not None:
        members = [user]
    elif team is not None:
        members = list(forecast_users(viewer=viewer).filter(team=team))
    else:
        shown = {owner for owner in by_owner if owner is not None} | set(quotas.users)
        members = list(forecast_users(viewer=viewer).filter(pk__in=shown))
    members.sort(key=lambda member: (str(member).casefold(), member.pk))
    rows = []
    for member in members:
        figures = ForecastFigures(quota=quotas.of_user(member.pk))
        figures.add(by_owner.get(member.pk, ForecastFigures()))
        rows.append(ForecastRow(user=member, figures=figures))

    if user is not None:
        quota = quotas.of_user(user.pk)
    elif team is not None:
        quota = quotas.of_team(team.pk)
    else:
        quota = quotas.of_everyone()
    totals = ForecastFigures(quota=quota)
    for figures in by_owner.values():
        totals.add(figures)
    return Forecast(period=period, currency=converter.base.code, totals=totals, rows=rows,
                    user=user, team=team, base=converter.base, unconverted=unconverted)
