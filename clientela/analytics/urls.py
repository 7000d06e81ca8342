"""Pages of the analytics area (under /analytics/) and of the analytics records."""

from django.urls import include, path

from .views import bcg, clv, customers, loyalty, pareto, profitability, rfm, runs

app_name = "analytics"

area_patterns = [
    path("", runs.OverviewView.as_view(), name="overview"),
    path("runs/<int:pk>/", runs.RunView.as_view(), name="run"),
    path("pareto/", pareto.ParetoPage.as_view(), name="pareto"),
    path("rfm/", rfm.RfmPage.as_view(), name="rfm"),
    path("clv/", clv.ClvPage.as_view(), name="clv"),
    path("profitability/", profitability.ProfitabilityPage.as_view(), name="profitability"),
    path("bcg/", bcg.BcgPage.as_view(), name="bcg"),
    path("loyalty/", loyalty.LoyaltyPage.as_view(), name="loyalty"),
    path("customers/", customers.CustomersPage.as_view(), name="customers"),
]

urlpatterns = [
    path("analytics/", include(area_patterns)),
]
