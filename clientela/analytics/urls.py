"""Pages of the analytics area."""

from django.urls import path

from .views import pareto, runs

app_name = "analytics"

urlpatterns = [
    path("", runs.OverviewView.as_view(), name="overview"),
    path("runs/<int:pk>/", runs.RunView.as_view(), name="run"),
    path("pareto/", pareto.ParetoPage.as_view(), name="pareto"),
]
