"""Figures of the BCG matrix of customers: the points of the scatter, the thresholds and, per
quadrant, how many customers and how much revenue."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from ..choices import BcgQuadrant
from ..models import AnalysisRun, CustomerResult

# The picture's growth axis: a customer that tripled its buying or more is drawn at the top,
# one that stopped at the bottom; the table keeps the true value.
GROWTH_SHOWN = (-1.0, 3.0)
# The share axis is logarithmic; smaller shares (and none) are drawn at its left edge.
SMALLEST_SHARE_SHOWN = 0.001
QUADRANT_NAMES = {
    BcgQuadrant.STAR: _("Stars"),
    BcgQuadrant.CASH_COW: _("Cash cows"),
    BcgQuadrant.QUESTION_MARK: _("Question marks"),
    BcgQuadrant.DOG: _("Dogs"),
}
QUADRANT_ADVICE = {
    BcgQuadrant.STAR: _("Growing, and we have a large share: invest to keep both."),
    BcgQuadrant.CASH_COW: _("A large share, little growth: serve them well and efficiently."),
    BcgQuadrant.QUESTION_MARK: _("Growing, but most of their buying goes elsewhere: win more "
                                 "of it or let go."),
    BcgQuadrant.DOG: _("Small share, no growth: serve at the lowest cost."),
}


@dataclass(frozen=True)
class BcgQuadrantRow:
    quadrant: str
    label: str
    advice: str
    customers: int
    revenue: Decimal


@dataclass(frozen=True)
class BcgFigures:
    """The matrix of the customers shown: thresholds of the run (company-wide), quadrants,
    points, and how many shares are estimated against the largest customer."""

    growth_threshold: float | None
    share_threshold: float | None
    quadrants: list[BcgQuadrantRow]
    points: list[dict]
    customers: int
    estimated: int
    growth_clipped: int
    without_growth: int
    at_edge: int

    def chart(self) -> dict:
        return {"kind": "bcg", "points": self.points,
                "growth_threshold": self.growth_threshold,
                "share_threshold": self.share_threshold,
                "growth_range": list(GROWTH_SHOWN), "smallest_share": SMALLEST_SHARE_SHOWN}


def clipped_growth(growth: float | None, revenue: Decimal) -> float:
    """Return growth inside the picture's range; a customer new in the period (no previous
    revenue) is drawn at the top."""
    low, high = GROWTH_SHOWN
    if growth is None:
        return high if revenue > 0 else low
    return min(max(growth, low), high)


def bcg_figures(*, run: AnalysisRun, results: QuerySet[CustomerResult]) -> BcgFigures:
    """Return the BCG matrix of `results`: one point per classified customer, the run's
    thresholds and each quadrant's customers and revenue."""
    summary = run.summary.get("bcg", {})
    classified = results.exclude(bcg_quadrant="")
    sums = {
        row["bcg_quadrant"]: row for row in classified.values("bcg_quadrant").annotate(
            customers=Count("pk"), revenue=Sum("revenue")).order_by()
    }
    quadrants = [
        BcgQuadrantRow(quadrant=value, label=str(QUADRANT_NAMES[value]),
                       advice=str(QUADRANT_ADVICE[value]),
                       customers=sums.get(value, {}).get("customers", 0),
                       revenue=sums.get(value, {}).get("revenue") or Decimal(0))
        for value in BcgQuadrant
    ]
    low, high = GROWTH_SHOWN
    points, clipped, without_growth, at_edge = [], 0, 0, 0
    for row in classified.order_by("-revenue", "account__name").values(
            "account_id", "account__name", "bcg_quadrant", "growth", "share_of_wallet",
            "share_estimated", "revenue"):
        growth = row["growth"]
        if growth is None:
            without_growth += 1
        elif not low <= growth <= high:
            clipped += 1
        share = row["share_of_wallet"] or 0.0
        at_edge += growth is None or not low <= growth <= high or share < SMALLEST_SHARE_SHOWN
        points.append({"id": row["account_id"], "name": row["account__name"],
                       "quadrant": row["bcg_quadrant"],
                       "x": share,
                       "y": clipped_growth(growth, row["revenue"]),
                       "growth": growth, "revenue": float(row["revenue"]),
                       "estimated": row["share_estimated"]})
    return BcgFigures(
        growth_threshold=summary.get("growth_threshold"),
        share_threshold=summary.get("share_threshold"), quadrants=quadrants, points=points,
        customers=len(points), estimated=sum(point["estimated"] for point in points),
        growth_clipped=clipped, without_growth=without_growth, at_edge=at_edge)
