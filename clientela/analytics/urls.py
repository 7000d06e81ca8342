"""Pages of the analytics area (under /analytics/) and of the analytics records."""

from django.urls import include, path

from .portfolios.urls import portfolio_patterns
from .views import (
    attractiveness,
    bcg,
    clv,
    customers,
    loyalty,
    pareto,
    profitability,
    rfm,
    runs,
    settings,
)

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
    path("attractiveness/", attractiveness.AttractivenessPage.as_view(), name="attractiveness"),
    path("accounts/<int:pk>/attractiveness/", attractiveness.AccountAttractivenessView.as_view(),
         name="account_attractiveness"),
    path("settings/", settings.settings_edit, name="settings"),
    path("criteria/", settings.criterion_list, name="criterion_list"),
    path("criteria/new/", settings.criterion_edit, name="criterion_create"),
    path("criteria/<int:pk>/", settings.criterion_edit, name="criterion_edit"),
    path("criteria/<int:pk>/delete/", settings.criterion_remove, name="criterion_delete"),
]

urlpatterns = [
    path("analytics/", include(area_patterns)),
    path("portfolios/", include(portfolio_patterns)),
]
