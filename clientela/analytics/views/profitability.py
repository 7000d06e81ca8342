"""The profitability page: each customer's revenue, costs and net profit, the whale curve,
and each product's margins with their own download."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from clientela.core.views.downloads import spreadsheet_safe, table_download

from ..selectors.profitability import (
    product_profitability,
    profitability_figures,
    with_margin_share,
)
from .base import ACCOUNT, MeasurePage, ResultColumn

PRODUCT_COLUMNS = (
    ResultColumn("product_name", _("Product"), "text"),
    ResultColumn("quantity", _("Units")),
    ResultColumn("revenue", _("Revenue"), "money"),
    ResultColumn("cost", _("Cost"), "money"),
    ResultColumn("margin", _("Margin"), "money"),
    ResultColumn("unit_margin", _("Margin per unit"), "money"),
    ResultColumn("margin_share", _("Margin %"), "share"),
    ResultColumn("customers", _("Customers")),
)


class ProfitabilityPage(MeasurePage):
    measure = "profitability"
    title = _("Profitability")
    template_name = "analytics/profitability.html"
    ordering = "-net_profit"
    columns = (
        ACCOUNT,
        ResultColumn("revenue", _("Revenue"), "money"),
        ResultColumn("cost", _("Cost"), "money"),
        ResultColumn("margin", _("Margin"), "money"),
        ResultColumn("margin_share", _("Margin %"), "share"),
        ResultColumn("discounts", _("Discounts"), "money"),
        ResultColumn("cost_to_serve", _("Cost to serve"), "money"),
        ResultColumn("net_profit", _("Net profit"), "money"),
    )

    def measure_context(self, run, results, filters):
        figures = profitability_figures(results=results)
        products = product_profitability(user=self.request.user, run=run)
        return {"figures": figures, "chart": figures.chart,
                "products": None if products is None else [
                    [(column, column.value(row)) for column in PRODUCT_COLUMNS]
                    for row in products],
                "product_columns": PRODUCT_COLUMNS}

    def table_results(self, results):
        return with_margin_share(results)

    def export(self, run, results, file_format):
        if self.request.GET.get("table") != "products":
            return super().export(run, results, file_format)
        products = product_profitability(user=self.request.user, run=run)
        if products is None:
            raise PermissionDenied
        header = [str(column.label) for column in PRODUCT_COLUMNS]

        def cells(row):
            for column in PRODUCT_COLUMNS:
                value = column.value(row)
                if value is None:
                    yield ""
                elif isinstance(value, str):
                    yield spreadsheet_safe(value)
                else:
                    yield value if file_format == "xlsx" else str(value)

        body = (list(cells(row)) for row in products)
        return table_download(f"products-{run.as_of:%Y-%m-%d}", header, body, file_format)
