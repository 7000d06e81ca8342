"""Figures of the lifetime value page: the distribution of the customers' values, the top
customers, the models' fit and its holdout check, and the cumulative share of the value."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
from django.db.models import Case, F, FloatField, QuerySet, Sum, When, Window
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from ..measures import MIN_REPEAT_BUYERS
from ..models import AnalysisRun, CustomerResult

BINS = 12
TOP = 15


@dataclass(frozen=True)
class HistogramBin:
    start: float
    end: float
    customers: int


@dataclass(frozen=True)
class TopCustomer:
    account_id: int
    name: str
    value: Decimal


@dataclass(frozen=True)
class HoldoutCheck:
    """The models fitted on the history before `calibration_end` and their forecast of the
    repeat purchases up to `holdout_end`, against what the customers did."""

    calibration_end: datetime.date
    holdout_end: datetime.date
    weeks: float
    predicted: float
    actual: float
    by_frequency: list[dict]

    @property
    def error(self) -> float | None:
        """Return the forecast's relative error on the total (0.05 = 5 % too many)."""
        return (self.predicted - self.actual) / self.actual if self.actual else None

    @property
    def error_size(self) -> float | None:
        return None if self.error is None else abs(self.error)


@dataclass(frozen=True)
class ClvFigures:
    value_field: str  # "clv" when the models were fitted, else "clv_simple"
    skipped_reason: str  # why the models were not fitted ("" when they were)
    customers: int  # the customers shown who have a value
    total: Decimal
    histogram: list[HistogramBin]
    top: list[TopCustomer]
    bgnbd: dict = field(default_factory=dict)
    gamma_gamma: dict = field(default_factory=dict)
    horizon_months: int = 0
    discount_rate: float = 0.0
    expected_lifetime_years: float = 0.0
    holdout: HoldoutCheck | None = None

    @property
    def models_fitted(self) -> bool:
        return self.value_field == "clv"

    @property
    def chart(self) -> dict:
        chart = {"kind": "clv",
                 "histogram": [[item.start, item.end, item.customers]
                               for item in self.histogram],
                 "top": [[item.name, float(item.value)] for item in self.top]}
        if self.holdout:
            chart["holdout"] = [[row["frequency"], row["predicted"], row["actual"]]
                                for row in self.holdout.by_frequency]
        return chart


def skipped_reason(clv_summary: dict) -> str:
    reason = clv_summary.get("skipped", "")
    if not reason:
        return ""
    if reason == "too few repeat buyers":
        return _("Only %(buyers)s customers bought more than once; the purchase and spend "
                 "models need at least %(minimum)s to say more than chance.") % {
            "buyers": clv_summary.get("repeat_buyers", 0), "minimum": MIN_REPEAT_BUYERS}
    if reason == "no purchases":
        return _("No customer bought anything up to the run's date.")
    return reason


def histogram(values: np.ndarray, bins: int = BINS) -> list[HistogramBin]:
    """Return the customers per bin of equal width between the smallest and largest value."""
    if values.size == 0:
        return []
    counts, edges = np.histogram(values, bins=bins if np.ptp(values) > 0 else 1)
    return [HistogramBin(start=float(edges[i]), end=float(edges[i + 1]),
                         customers=int(counts[i])) for i in range(counts.size)]


def clv_figures(*, run: AnalysisRun, results: QuerySet[CustomerResult]) -> ClvFigures:
    """Read the run's models and holdout check, and the values of the customers shown."""
    summary = run.summary.get("clv", {})
    reason = skipped_reason(summary)
    value_field = "clv_simple" if reason else "clv"
    valued = results.exclude(**{f"{value_field}__isnull": True})
    values = np.array([float(value) for value in valued.values_list(value_field, flat=True)])
    top = [TopCustomer(account_id=row.account_id, name=row.account.name,
                       value=getattr(row, value_field))
           for row in valued.order_by(F(value_field).desc(), "account__name")[:TOP]]
    holdout = summary.get("holdout") if not reason else None
    parameters = run.parameters
    return ClvFigures(
        value_field=value_field, skipped_reason=reason, customers=int(values.size),
        total=valued.aggregate(total=Sum(value_field))["total"] or Decimal(0),
        histogram=histogram(values), top=top,
        bgnbd=summary.get("bgnbd", {}), gamma_gamma=summary.get("gamma_gamma", {}),
        horizon_months=summary.get("horizon_months", parameters.get("horizon_months", 0)),
        discount_rate=parameters.get("annual_discount_rate", 0.0),
        expected_lifetime_years=parameters.get("expected_lifetime_years", 0.0),
        holdout=HoldoutCheck(
            calibration_end=datetime.date.fromisoformat(holdout["calibration_end"]),
            holdout_end=datetime.date.fromisoformat(holdout["holdout_end"]),
            weeks=holdout["weeks"], predicted=holdout["predicted_repeat_purchases"],
            actual=holdout["actual_repeat_purchases"],
            by_frequency=holdout["by_frequency"]) if holdout else None,
    )


def with_cumulative_share(results: QuerySet[CustomerResult], *,
                          value_field: str) -> QuerySet[CustomerResult]:
    """Annotate `clv_share`: the share of the shown customers' total value brought by the
    customer and every customer valued above it (the CLV ranking's cumulative share)."""
    total = results.aggregate(total=Sum(value_field))["total"]
    if not total or total <= 0:
        return results.annotate(clv_share=Cast(None, FloatField()))
    running = Window(Sum(value_field), order_by=[
        F(value_field).desc(nulls_last=True), F("account__name").asc(), F("pk").asc()])
    return results.annotate(clv_share=Case(
        When(**{f"{value_field}__isnull": True}, then=None),
        default=Cast(running, FloatField()) / float(total), output_field=FloatField()))
