"""The BCG matrix of customers: growth against our share of their business, by quadrant."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..choices import BcgQuadrant
from ..models import CustomerResult
from ..selectors.bcg import GROWTH_SHOWN, QUADRANT_NAMES, SMALLEST_SHARE_SHOWN, bcg_figures
from .base import ACCOUNT, MeasurePage, ResultColumn


@dataclass(frozen=True)
class LabelColumn(ResultColumn):
    """A class column read by its choice's label and aligned as text."""

    kind: str = "text"

    def value(self, result: CustomerResult):
        return getattr(result, f"get_{self.key}_display")()


@dataclass(frozen=True)
class FlagColumn(ResultColumn):
    """A yes/no column; `when_none` names the field whose emptiness leaves the cell empty."""

    when_none: str = ""

    def value(self, result: CustomerResult):
        if self.when_none and getattr(result, self.when_none) is None:
            return None
        return gettext("Yes") if getattr(result, self.key) else gettext("No")


class BcgPage(MeasurePage):
    measure = "bcg"
    title = _("BCG matrix")
    template_name = "analytics/bcg.html"
    ordering = "-revenue"
    columns = (
        ACCOUNT,
        LabelColumn("bcg_quadrant", _("Quadrant")),
        ResultColumn("revenue", _("Revenue"), "money"),
        ResultColumn("previous_revenue", _("Previous revenue"), "money"),
        ResultColumn("growth", _("Growth"), "share"),
        ResultColumn("share_of_wallet", _("Share"), "share"),
        FlagColumn("share_estimated", _("Share estimated?"), "text",
                   when_none="share_of_wallet"),
    )

    def chosen_quadrant(self) -> str:
        quadrant = self.request.GET.get("quadrant", "")
        return quadrant if quadrant in BcgQuadrant.values else ""

    def table_results(self, results):
        quadrant = self.chosen_quadrant()
        return results.filter(bcg_quadrant=quadrant) if quadrant else results

    def measure_context(self, run, results, filters):
        figures = bcg_figures(run=run, results=results)
        query = self.request.GET.copy()
        for name in ("quadrant", "page", "format"):
            query.pop(name, None)
        return {"figures": figures, "chart": figures.chart(),
                "quadrant": self.chosen_quadrant(),
                "quadrant_label": QUADRANT_NAMES.get(self.chosen_quadrant(), ""),
                "quadrant_query": query.urlencode(),
                "growth_shown": [round(100 * bound) for bound in GROWTH_SHOWN],
                "smallest_share_shown": 100 * SMALLEST_SHARE_SHOWN}
