"""The Pareto / ABC page: the curve, the headline and the customers in rank order."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ..selectors.summaries import pareto_figures
from .base import ACCOUNT, MeasurePage, ResultColumn


class ParetoPage(MeasurePage):
    measure = "pareto"
    title = _("Pareto / ABC")
    template_name = "analytics/pareto.html"
    ordering = "pareto_rank"
    columns = (
        ResultColumn("pareto_rank", _("Rank")),
        ACCOUNT,
        ResultColumn("pareto_class", _("Class"), "text"),
        ResultColumn("revenue", _("Revenue"), "money"),
        ResultColumn("margin", _("Margin"), "money"),
        ResultColumn("cumulative_share", _("Cumulative share"), "share"),
        ResultColumn("purchases", _("Purchases")),
        ResultColumn("customer_class", _("Customer type"), "text"),
        ResultColumn("region", _("Region"), "text"),
    )

    def measure_context(self, run, results, filters):
        figures = pareto_figures(run=run, results=results)
        return {"figures": figures,
                "chart": {"kind": "pareto", "curve": figures.curve,
                          "cutoff": figures.cutoffs[0],
                          "headline": [figures.customer_share, figures.value_share]}}
