"""The RFM page: the R × FM heat map, the segments and what to do with each, and the
customers of the segment or cell clicked."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ..selectors.rfm import SCORES, RfmSelection, rfm_figures
from .base import ACCOUNT, MeasurePage, ResultColumn


class RfmPage(MeasurePage):
    measure = "rfm"
    title = _("RFM")
    template_name = "analytics/rfm.html"
    ordering = "-monetary"
    columns = (
        ACCOUNT,
        ResultColumn("r_score", _("R")),
        ResultColumn("f_score", _("F")),
        ResultColumn("m_score", _("M")),
        ResultColumn("rfm_segment", _("Segment"), "choice"),
        ResultColumn("recency_days", _("Recency (days)")),
        ResultColumn("frequency", _("Frequency")),
        ResultColumn("monetary", _("Monetary"), "money"),
        ResultColumn("last_purchase", _("Last purchase"), "date"),
    )

    @property
    def selection(self) -> RfmSelection:
        return RfmSelection.from_query(self.request.GET)

    def measure_context(self, run, results, filters):
        figures = rfm_figures(results=results)
        query = self.request.GET.copy()
        for name in ("segment", "r", "fm", "page", "format"):
            query.pop(name, None)
        return {"figures": figures, "chart": figures.chart, "selection": self.selection,
                "scores": SCORES, "filter_query": query.urlencode()}

    def table_results(self, results):
        return self.selection.apply(results)
