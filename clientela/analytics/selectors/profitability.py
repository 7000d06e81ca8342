"""Figures of the profitability page: the customers' totals, the whale curve of net profit
and each product's margins."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import numpy as np
from django.db.models import Case, F, FloatField, QuerySet, Sum, When
from django.db.models.functions import Cast

from ..models import AnalysisRun, CustomerResult, ProductResult
from .results import may_view_company_figures, product_results

CURVE_POINTS = 200
TOTALS = ("revenue", "cost", "margin", "discounts", "cost_to_serve", "net_profit")


@dataclass(frozen=True)
class ProfitabilityFigures:
    customers: int
    totals: dict[str, Decimal]
    curve: list[tuple[float, float]]  # (share of customers, cumulative share of net profit)
    peak: tuple[float, float]  # the curve's highest point
    unprofitable: int  # customers with a net loss

    @property
    def peak_customers(self) -> float:
        return round(100 * self.peak[0], 1)

    @property
    def peak_profit(self) -> float:
        return round(100 * self.peak[1], 1)

    @property
    def chart(self) -> dict:
        return {"kind": "profitability", "curve": self.curve, "peak": list(self.peak)}


def whale_curve(net_profits: np.ndarray,
                points: int = CURVE_POINTS) -> tuple[list[tuple[float, float]], tuple]:
    """Return the whale curve (customers ranked by net profit, most profitable first: share
    of customers against cumulative net profit as a share of the total) thinned to about
    `points` points, and its peak; empty when the total is not a profit."""
    total = float(net_profits.sum())
    if net_profits.size == 0 or total <= 0:
        return [], (0.0, 0.0)
    cumulative = np.cumsum(np.sort(net_profits)[::-1]) / total
    shares = np.arange(1, net_profits.size + 1) / net_profits.size
    top = int(np.argmax(cumulative))
    kept = np.unique(np.concatenate([
        np.linspace(0, net_profits.size - 1, min(points, net_profits.size)).round().astype(int),
        [top]]))
    curve = [(0.0, 0.0)] + [(round(float(shares[i]), 4), round(float(cumulative[i]), 4))
                            for i in kept]
    return curve, (float(shares[top]), float(cumulative[top]))


def profitability_figures(*, results: QuerySet[CustomerResult]) -> ProfitabilityFigures:
    """Sum the customers shown and draw their whale curve."""
    totals = results.aggregate(**{name: Sum(name) for name in TOTALS})
    net_profits = np.array([float(value) for value in
                            results.values_list("net_profit", flat=True)])
    curve, peak = whale_curve(net_profits)
    return ProfitabilityFigures(
        customers=int(net_profits.size),
        totals={name: totals[name] or Decimal(0) for name in TOTALS},
        curve=curve, peak=peak, unprofitable=int((net_profits < 0).sum()))


def margin_share(field: str = "margin"):
    """Return the margin as a share of the revenue (None without revenue)."""
    return Case(When(revenue__gt=0,
                     then=Cast(F(field), FloatField()) / Cast(F("revenue"), FloatField())),
                default=None, output_field=FloatField())


def with_margin_share(results: QuerySet[CustomerResult]) -> QuerySet[CustomerResult]:
    return results.annotate(margin_share=margin_share())


def product_profitability(*, user, run: AnalysisRun) -> QuerySet[ProductResult] | None:
    """Return the run's products with their margin share, most margin first; None when the
    viewer may not see every customer."""
    if not may_view_company_figures(user):
        return None
    return product_results(run=run).annotate(product_name=F("product__name"),
                                             margin_share=margin_share())
