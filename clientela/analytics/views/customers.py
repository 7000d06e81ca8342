"""Every customer of a run with all its classes and values, filtered by class and sortable by
every column: the list behind the other pages."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ..choices import BcgQuadrant, LoyaltyQuadrant, ParetoClass, RfmSegment
from ..selectors.customers import ClassFilters
from .base import ACCOUNT, MeasurePage, ResultColumn
from .bcg import FlagColumn, LabelColumn


class CustomersPage(MeasurePage):
    measure = "customers"
    title = _("Customers")
    template_name = "analytics/customers.html"
    ordering = "-revenue"
    columns = (
        ACCOUNT,
        ResultColumn("pareto_class", _("ABC class"), "text"),
        LabelColumn("rfm_segment", _("RFM segment")),
        LabelColumn("bcg_quadrant", _("BCG quadrant")),
        LabelColumn("loyalty_quadrant", _("Loyalty quadrant")),
        FlagColumn("is_key", _("Key account"), "text"),
        ResultColumn("revenue", _("Revenue"), "money"),
        ResultColumn("margin", _("Margin"), "money"),
        ResultColumn("clv", _("CLV"), "money"),
        ResultColumn("attractiveness", _("Attractiveness")),
        ResultColumn("customer_class", _("Customer type"), "text"),
        ResultColumn("region", _("Region"), "text"),
    )

    def class_filters(self) -> ClassFilters:
        return ClassFilters.from_query(self.request.GET)

    def table_results(self, results):
        return self.class_filters().apply(results)

    def measure_context(self, run, results, filters):
        chosen = self.class_filters()
        choices = [
            ("pareto_class", _("ABC class"), ParetoClass.choices, chosen.pareto_class),
            ("rfm_segment", _("RFM segment"), RfmSegment.choices, chosen.rfm_segment),
            ("bcg_quadrant", _("BCG quadrant"), BcgQuadrant.choices, chosen.bcg_quadrant),
            ("loyalty_quadrant", _("Loyalty quadrant"), LoyaltyQuadrant.choices,
             chosen.loyalty_quadrant),
            ("is_key", _("Key account"), [("1", _("Yes")), ("0", _("No"))],
             "" if chosen.is_key is None else ("1" if chosen.is_key else "0")),
        ]
        return {"class_filters": choices, "class_filters_chosen": not chosen.is_empty}
