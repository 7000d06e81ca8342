"""The rules of quotas and forecasts that models, selectors, filters and forms share: what a
period is (a month `2026-11` or a quarter `2026-Q4`) and which forecast category an open
opportunity falls in when its owner has not chosen one."""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from django.db.models import Case, CharField, Q, Value, When
from django.db.models.functions import Coalesce, NullIf

from .choices import ForecastCategory, ForecastFigure, PeriodKind

# The default category of an open opportunity: the first threshold its probability reaches.
# Owners override it per opportunity; this table is the one place the default is decided.
CATEGORY_THRESHOLDS: tuple[tuple[int, str], ...] = (
    (80, ForecastCategory.COMMIT),
    (50, ForecastCategory.BEST_CASE),
)
CATEGORY_BELOW_THRESHOLDS = ForecastCategory.PIPELINE

# The years a period may be asked for: enough for any plan, far from the calendar's ends.
YEARS = range(1900, 9000)
PERIOD_PATTERN = re.compile(r"^(?P<year>\d{4})-(?:(?P<month>\d{1,2})|[Qq](?P<quarter>[1-4]))$")


def forecast_category_for(probability: int | None, chosen: str = "") -> str:
    """Return the forecast category: the one chosen, else the one the probability reaches."""
    if chosen:
        return chosen
    for threshold, category in CATEGORY_THRESHOLDS:
        if (probability or 0) >= threshold:
            return category
    return CATEGORY_BELOW_THRESHOLDS


def forecast_category_expression() -> Coalesce:
    """Return `forecast_category_for` as an SQL expression over an opportunity's fields."""
    derived = Case(
        *(When(probability__gte=threshold, then=Value(category))
          for threshold, category in CATEGORY_THRESHOLDS),
        default=Value(CATEGORY_BELOW_THRESHOLDS), output_field=CharField(),
    )
    return Coalesce(NullIf("forecast_category", Value("")), derived, output_field=CharField())


def forecast_category_q(categories) -> Q:
    """Return a filter on the opportunities whose effective category is one of `categories`."""
    categories = set(categories)
    chosen = Q(forecast_category__in=categories)
    derived = Q(pk__in=[])
    lower = None
    for threshold, category in CATEGORY_THRESHOLDS:
        band = Q(probability__gte=threshold)
        if lower is not None:
            band &= Q(probability__lt=lower)
        if category in categories:
            derived |= band
        lower = threshold
    if CATEGORY_BELOW_THRESHOLDS in categories:
        derived |= Q(probability__lt=lower) | Q(probability__isnull=True)
    return chosen | (Q(forecast_category="") & derived)


@dataclass(frozen=True)
class Period:
    """A month or a quarter: its kind, first and last day, and its label (`2026-Q4`)."""

    kind: str
    start: datetime.date
    end: datetime.date

    @property
    def label(self) -> str:
        if self.kind == PeriodKind.QUARTER:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return f"{self.start.year}-{self.start.month:02d}"

    def __str__(self) -> str:
        return self.label

    @property
    def months(self) -> list[Period]:
        """Return the months the period is made of (itself for a month)."""
        if self.kind == PeriodKind.MONTH:
            return [self]
        return [period_of(PeriodKind.MONTH, self.start.replace(month=self.start.month + offset))
                for offset in range(3)]

    def shifted(self, steps: int) -> Period:
        """Return the period `steps` periods of the same kind later (earlier when negative)."""
        length = 3 if self.kind == PeriodKind.QUARTER else 1
        index = self.start.year * 12 + self.start.month - 1 + steps * length
        return period_of(self.kind, datetime.date(index // 12, index % 12 + 1, 1))


def is_period_start(kind: str, day: datetime.date) -> bool:
    """Return whether `day` is the first day of a period of `kind`."""
    if day.day != 1:
        return False
    return kind != PeriodKind.QUARTER or day.month in (1, 4, 7, 10)


def period_of(kind: str, day: datetime.date) -> Period:
    """Return the period of `kind` that contains `day`."""
    if kind == PeriodKind.QUARTER:
        start = datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
        last_month = start.month + 2
    else:
        start = day.replace(day=1)
        last_month = start.month
    end = datetime.date(start.year, last_month, calendar.monthrange(start.year, last_month)[1])
    return Period(kind=kind, start=start, end=end)


def parse_period(text: str) -> Period:
    """Return the period `2026-11` (a month) or `2026-Q4` (a quarter) names.

    Raise ValueError for anything else.
    """
    match = PERIOD_PATTERN.match((text or "").strip())
    if match is None:
        raise ValueError(text)
    year = int(match["year"])
    if year not in YEARS:
        raise ValueError(text)
    if match["quarter"]:
        return period_of(PeriodKind.QUARTER,
                         datetime.date(year, 3 * (int(match["quarter"]) - 1) + 1, 1))
    month = int(match["month"])
    if not 1 <= month <= 12:
        raise ValueError(text)
    return period_of(PeriodKind.MONTH, datetime.date(year, month, 1))


def closed_won_q(period: Period) -> Q:
    """Return the filter of the opportunities won with a close date in `period`."""
    return Q(status="won", closed_on__gte=period.start, closed_on__lte=period.end)


def open_in_period_q(period: Period) -> Q:
    """Return the filter of the open opportunities expected to close in `period`."""
    return Q(status="open", expected_close_date__gte=period.start,
             expected_close_date__lte=period.end)


def forecast_figure_q(figure: str | None, period: Period) -> Q:
    """Return the filter of exactly the opportunities behind one figure of a forecast.

    Closed won: won in the period. Weighted pipeline: open and expected in the period. Commit:
    closed won and the open ones in commit. Best case: closed won and the open ones in best
    case or commit. No figure: everything the forecast of the period counts.
    """
    if figure == ForecastFigure.CLOSED_WON:
        return closed_won_q(period)
    if figure == ForecastFigure.PIPELINE:
        return open_in_period_q(period)
    if figure == ForecastFigure.COMMIT:
        return closed_won_q(period) | (open_in_period_q(period)
                                       & forecast_category_q([ForecastCategory.COMMIT]))
    if figure == ForecastFigure.BEST_CASE:
        return closed_won_q(period) | (open_in_period_q(period) & forecast_category_q(
            [ForecastCategory.BEST_CASE, ForecastCategory.COMMIT]))
    return closed_won_q(period) | open_in_period_q(period)
