"""Pages of the analytics area (under /analytics/) and of the analytics records."""

from django.urls import include, path

from .views import attractiveness, pareto, runs, settings

app_name = "analytics"

area_patterns = [
    path("", runs.OverviewView.as_view(), name="overview"),
    path("runs/<int:pk>/", runs.RunView.as_view(), name="run"),
    path("pareto/", pareto.ParetoPage.as_view(), name="pareto"),
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
]
