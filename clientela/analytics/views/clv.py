"""The lifetime value page: the distribution of the values and the top customers, the fit of
the purchase and spend models with their holdout check, and the customers by value."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ..selectors.clv import clv_figures, with_cumulative_share
from ..selectors.results import run_or_latest
from .base import ACCOUNT, MeasurePage, ResultColumn

CUMULATIVE_SHARE = ResultColumn("clv_share", _("Cumulative share"), "share")
MODEL_COLUMNS = (
    ACCOUNT,
    ResultColumn("clv", _("Lifetime value"), "money"),
    ResultColumn("clv_simple", _("Simple value"), "money"),
    ResultColumn("expected_purchases", _("Expected purchases")),
    ResultColumn("p_alive", _("P(alive)"), "share"),
    ResultColumn("expected_spend", _("Spend per purchase"), "money"),
    ResultColumn("revenue", _("Revenue"), "money"),
    ResultColumn("margin", _("Margin"), "money"),
    CUMULATIVE_SHARE,
)
# When the models could not be fitted only the simple value exists.
SIMPLE_COLUMNS = (
    ACCOUNT,
    ResultColumn("clv_simple", _("Simple value"), "money"),
    ResultColumn("revenue", _("Revenue"), "money"),
    ResultColumn("margin", _("Margin"), "money"),
    CUMULATIVE_SHARE,
)


class ClvPage(MeasurePage):
    measure = "clv"
    title = _("Lifetime value")
    template_name = "analytics/clv.html"
    models_fitted = True

    def get(self, request):
        run = run_or_latest(request.GET.get("run"))
        self.models_fitted = run is None or not run.summary.get("clv", {}).get("skipped")
        return super().get(request)

    @property
    def value_field(self) -> str:
        return "clv" if self.models_fitted else "clv_simple"

    @property
    def columns(self):
        return MODEL_COLUMNS if self.models_fitted else SIMPLE_COLUMNS

    @property
    def ordering(self) -> str:
        return f"-{self.value_field}"

    def measure_context(self, run, results, filters):
        figures = clv_figures(run=run, results=results)
        return {"figures": figures, "chart": figures.chart}

    def table_results(self, results):
        return with_cumulative_share(results, value_field=self.value_field)
