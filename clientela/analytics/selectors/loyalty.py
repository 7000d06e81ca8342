"""Figures of Winer's satisfaction × loyalty matrix: the points, the quadrants with what to do
with each, the satisfaction levels and how many customers have no survey answer."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from ..choices import LoyaltyQuadrant, SatisfactionLevel
from ..models import CustomerResult

# Both axes are split at the middle of their 0–100 scale.
MIDDLE = 50
QUADRANT_ADVICE = {
    LoyaltyQuadrant.LOYAL: _("Satisfied and loyal: keep them close, ask for referrals and "
                             "reward their loyalty."),
    LoyaltyQuadrant.CAPTIVE: _("Loyal although not satisfied, often for want of an "
                               "alternative: fix what displeases them before a competitor "
                               "does."),
    LoyaltyQuadrant.MERCENARY: _("Satisfied but not loyal, they follow price or "
                                 "convenience: give them reasons to come back."),
    LoyaltyQuadrant.TERRORIST: _("Neither satisfied nor loyal, and likely to speak badly of "
                                 "us: settle their complaints quickly or let them go."),
}
LEVEL_MEANING = {
    SatisfactionLevel.LOW: _("below what they expected"),
    SatisfactionLevel.NORMAL: _("as they expected"),
    SatisfactionLevel.HIGH: _("above what they expected"),
}


@dataclass(frozen=True)
class LoyaltyRow:
    value: str
    label: str
    meaning: str
    customers: int


@dataclass(frozen=True)
class LoyaltyFigures:
    """The matrix of the customers shown."""

    customers: int
    surveyed: int
    placed: int
    quadrants: list[LoyaltyRow]
    levels: list[LoyaltyRow]
    points: list[dict]

    @property
    def unsurveyed(self) -> int:
        return self.customers - self.surveyed

    @property
    def surveyed_without_purchases(self) -> int:
        return self.surveyed - self.placed

    def chart(self) -> dict:
        return {"kind": "loyalty", "points": self.points, "middle": MIDDLE}


def loyalty_figures(*, results: QuerySet[CustomerResult]) -> LoyaltyFigures:
    """Return the satisfaction × loyalty matrix of `results`: a point per customer placed in a
    quadrant (survey answers and purchases), counts per quadrant and per satisfaction level."""
    counts = results.aggregate(
        customers=Count("pk"), surveyed=Count("pk", filter=Q(satisfaction__isnull=False)),
        **{f"quadrant_{value}": Count("pk", filter=Q(loyalty_quadrant=value))
           for value in LoyaltyQuadrant},
        **{f"level_{value}": Count("pk", filter=Q(satisfaction_level=value))
           for value in SatisfactionLevel},
    )
    points = [
        {"id": row["account_id"], "name": row["account__name"], "x": row["satisfaction"],
         "y": row["loyalty"], "quadrant": row["loyalty_quadrant"]}
        for row in results.exclude(loyalty_quadrant="").order_by("account__name").values(
            "account_id", "account__name", "satisfaction", "loyalty", "loyalty_quadrant")
    ]
    return LoyaltyFigures(
        customers=counts["customers"], surveyed=counts["surveyed"], placed=len(points),
        quadrants=[LoyaltyRow(value, str(value.label), str(QUADRANT_ADVICE[value]),
                              counts[f"quadrant_{value}"]) for value in LoyaltyQuadrant],
        levels=[LoyaltyRow(value, str(value.label), str(LEVEL_MEANING[value]),
                           counts[f"level_{value}"]) for value in SatisfactionLevel],
        points=points)
