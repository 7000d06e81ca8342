"""Pages of the analytics area (under /analytics/) and of the analytics records."""

from django.urls import include, path

from .portfolios.urls import portfolio_patterns
from .views import pareto, runs

app_name = "analytics"

area_patterns = [
    path("", runs.OverviewView.as_view(), name="overview"),
    path("runs/<int:pk>/", runs.RunView.as_view(), name="run"),
    path("pareto/", pareto.ParetoPage.as_view(), name="pareto"),
]

urlpatterns = [
    path("analytics/", include(area_patterns)),
    path("portfolios/", include(portfolio_patterns)),
]
