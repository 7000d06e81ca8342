"""Winer's satisfaction × loyalty matrix: how satisfied customers say they are against how
loyally they buy."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from clientela.core.permissions import can

from ..choices import LoyaltyQuadrant
from ..selectors.loyalty import loyalty_figures
from .base import ACCOUNT, MeasurePage, ResultColumn
from .bcg import LabelColumn


class LoyaltyPage(MeasurePage):
    measure = "loyalty"
    title = _("Satisfaction × loyalty")
    template_name = "analytics/loyalty.html"
    ordering = "-loyalty"
    columns = (
        ACCOUNT,
        LabelColumn("loyalty_quadrant", _("Quadrant")),
        ResultColumn("satisfaction", _("Satisfaction")),
        LabelColumn("satisfaction_level", _("Level")),
        ResultColumn("loyalty", _("Loyalty")),
        ResultColumn("p_alive", _("P(alive)"), "share"),
        ResultColumn("purchases", _("Purchases")),
    )

    def chosen_quadrant(self) -> str:
        quadrant = self.request.GET.get("quadrant", "")
        return quadrant if quadrant in LoyaltyQuadrant.values else ""

    def table_results(self, results):
        quadrant = self.chosen_quadrant()
        return results.filter(loyalty_quadrant=quadrant) if quadrant else results

    def measure_context(self, run, results, filters):
        figures = loyalty_figures(results=results)
        query = self.request.GET.copy()
        for name in ("quadrant", "page", "format"):
            query.pop(name, None)
        quadrant = self.chosen_quadrant()
        user = self.request.user
        return {"figures": figures, "chart": figures.chart(), "quadrant": quadrant,
                "may_import_accounts": can(user, "accounts", "import"),
                "may_import_contacts": can(user, "contacts", "import"),
                "quadrant_label": LoyaltyQuadrant(quadrant).label if quadrant else "",
                "quadrant_query": query.urlencode()}
