"""Figures of the RFM page: the R × FM heat map, the segments with what to do about each,
and the selection of customers a click on either makes."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from ..choices import RfmSegment
from ..measures import SEGMENTS
from ..methods.rfm import SEGMENT_GRID
from ..models import CustomerResult

SCORES = (1, 2, 3, 4, 5)

# What a company does with the customers of each segment.
SEGMENT_ACTIONS = {
    RfmSegment.CHAMPIONS: _("Reward them, ask for referrals, offer new products first."),
    RfmSegment.LOYAL: _("Upsell higher-value products and keep in regular touch."),
    RfmSegment.POTENTIAL_LOYALISTS: _("Offer a loyalty programme and related products."),
    RfmSegment.NEW: _("Onboard them well and build the relationship early."),
    RfmSegment.PROMISING: _("Make them know the range: trials, demos, a second offer."),
    RfmSegment.NEED_ATTENTION: _("Make a limited-time offer based on what they bought."),
    RfmSegment.ABOUT_TO_SLEEP: _("Reactivate them with useful content and a discount."),
    RfmSegment.AT_RISK: _("Call them personally, renew, find out what changed."),
    RfmSegment.CANNOT_LOSE: _("Win them back now: a manager's visit, a renewal offer."),
    RfmSegment.HIBERNATING: _("Offer other relevant products at a special price."),
    RfmSegment.LOST: _("Try one reach-out campaign; otherwise spend no more effort."),
}


@dataclass(frozen=True)
class RfmSelection:
    """The customers a click on the page picked: a segment, or a heat map cell (R, FM) or
    row or column; a value outside its range is ignored."""

    segment: str = ""
    r: int | None = None
    fm: int | None = None

    @classmethod
    def from_query(cls, query) -> RfmSelection:
        def score(name: str) -> int | None:
            text = query.get(name, "")
            return int(text) if text.isdigit() and int(text) in SCORES else None

        segment = query.get("segment", "")
        return cls(segment=segment if segment in RfmSegment.values else "",
                   r=score("r"), fm=score("fm"))

    def __bool__(self) -> bool:
        return bool(self.segment or self.r or self.fm)

    @property
    def description(self) -> str:
        """Return what the selection keeps, as a sentence."""
        parts = []
        if self.segment:
            parts.append(_("of the segment %(segment)s") % {
                "segment": RfmSegment(self.segment).label})
        if self.r and self.fm:
            parts.append(_("in the cell R %(r)s, FM %(fm)s") % {"r": self.r, "fm": self.fm})
        elif self.r:
            parts.append(_("with R %(r)s") % {"r": self.r})
        elif self.fm:
            parts.append(_("with FM %(fm)s") % {"fm": self.fm})
        return _("Showing only the customers %(which)s.") % {
            "which": str(_(" and ")).join(str(part) for part in parts)}

    def apply(self, results: QuerySet[CustomerResult]) -> QuerySet[CustomerResult]:
        if self.segment:
            results = results.filter(rfm_segment=self.segment)
        if self.r:
            results = results.filter(r_score=self.r)
        if self.fm:
            # FM = round((F + M) / 2), halves up, as the segments are read from it.
            results = results.alias(fm_sum=F("f_score") + F("m_score")).filter(
                fm_sum__in=(2 * self.fm - 1, 2 * self.fm))
        return results


def fm_score(f: int, m: int) -> int:
    return (f + m + 1) // 2


@dataclass(frozen=True)
class HeatCell:
    r: int
    fm: int
    segment: str
    customers: int
    revenue: Decimal
    shade: int  # 0–5: how many customers, against the fullest cell

    @property
    def segment_label(self) -> str:
        return str(RfmSegment(self.segment).label)

    @property
    def opacity(self) -> int:
        """Return the cell's colour strength as a Bootstrap opacity step (0: no colour)."""
        return (0, 10, 25, 50, 75, 100)[self.shade]


@dataclass(frozen=True)
class SegmentRow:
    segment: str
    label: str
    action: str
    customers: int
    revenue: Decimal
    revenue_share: float
    cells: list[tuple[int, int]]  # the (R, FM) cells of the grid that make the segment


@dataclass(frozen=True)
class RfmFigures:
    customers: int  # the customers shown who bought (and so have scores)
    without_purchase: int
    revenue: Decimal
    grid: list[tuple[int, list[HeatCell]]]  # rows R = 5 … 1, cells FM = 1 … 5
    segments: list[SegmentRow]

    @property
    def chart(self) -> dict:
        return {"kind": "rfm",
                "segments": [{"segment": row.segment, "label": row.label,
                              "customers": row.customers} for row in self.segments]}


def segment_of(r: int, fm: int) -> str:
    return str(SEGMENTS[SEGMENT_GRID[5 - r][fm - 1]])


def rfm_figures(*, results: QuerySet[CustomerResult]) -> RfmFigures:
    """Count the customers shown and sum their revenue per heat map cell and per segment."""
    counts: dict[tuple[int, int], int] = {}
    revenues: dict[tuple[int, int], Decimal] = {}
    scored = results.filter(r_score__isnull=False, f_score__isnull=False,
                            m_score__isnull=False)
    for row in scored.values("r_score", "f_score", "m_score").annotate(
            customers=Count("pk"), revenue=Sum("revenue")).order_by():
        key = (row["r_score"], fm_score(row["f_score"], row["m_score"]))
        counts[key] = counts.get(key, 0) + row["customers"]
        revenues[key] = revenues.get(key, Decimal(0)) + (row["revenue"] or Decimal(0))
    fullest = max(counts.values(), default=0)
    grid = [
        (r, [HeatCell(r=r, fm=fm, segment=segment_of(r, fm), customers=counts.get((r, fm), 0),
                      revenue=revenues.get((r, fm), Decimal(0)),
                      shade=-(-5 * counts.get((r, fm), 0) // fullest) if fullest else 0)
             for fm in SCORES])
        for r in reversed(SCORES)
    ]
    # Segments are counted as stored, so that a segment's count is what a click on it shows.
    stored = {row["rfm_segment"]: row for row in scored.values("rfm_segment").annotate(
        customers=Count("pk"), revenue=Sum("revenue")).order_by()}
    total_revenue = sum((row["revenue"] or Decimal(0) for row in stored.values()), Decimal(0))
    segments = []
    for segment in RfmSegment:
        row = stored.get(segment.value, {})
        revenue = row.get("revenue") or Decimal(0)
        segments.append(SegmentRow(
            segment=segment.value, label=str(segment.label),
            action=str(SEGMENT_ACTIONS[segment]), customers=row.get("customers", 0),
            revenue=revenue,
            revenue_share=float(revenue / total_revenue) if total_revenue else 0.0,
            cells=[(cell.r, cell.fm) for _r, cells in grid for cell in cells
                   if cell.segment == segment.value]))
    buying = sum(counts.values())
    return RfmFigures(customers=buying, without_purchase=results.count() - buying,
                      revenue=total_revenue, grid=grid, segments=segments)
