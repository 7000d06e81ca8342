"""Pages of the analytics area (under /analytics/) and of the analytics records."""

from django.urls import include, path

from .views import bcg, customers, loyalty, pareto, runs

app_name = "analytics"

area_patterns = [
    path("", runs.OverviewView.as_view(), name="overview"),
    path("runs/<int:pk>/", runs.RunView.as_view(), name="run"),
    path("pareto/", pareto.ParetoPage.as_view(), name="pareto"),
    path("bcg/", bcg.BcgPage.as_view(), name="bcg"),
    path("loyalty/", loyalty.LoyaltyPage.as_view(), name="loyalty"),
    path("customers/", customers.CustomersPage.as_view(), name="customers"),
]

urlpatterns = [
    path("analytics/", include(area_patterns)),
]
