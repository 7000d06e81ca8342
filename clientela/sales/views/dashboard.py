"""The sales dashboard: the open pipeline, won revenue against quota, win rate, deal size,
sales cycle, time in stage and each salesperson's performance, drawn with Chart.js."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View

from clientela.core import views as generic

from ..forms.dashboard import DashboardForm
from ..models import Opportunity
from ..selectors.dashboard import dashboard_data, sales_dashboard
from ..selectors.forecasts import forecast_teams, forecast_users
from ..selectors.opportunities import pipeline_list

# The headers of the performance table after the salesperson's name, in column order.
PERFORMANCE_COLUMNS = (
    _("Won"), _("Won revenue"), _("Win rate"), _("Average deal"), _("Average cycle (days)"),
    _("Open pipeline"), _("Weighted pipeline"), _("Quota"), _("Attainment"),
)
# The words the charts draw, translated here since the script has no catalogue.
CHART_LABELS = {
    "amount": _("Amount"), "opportunities": _("Opportunities"), "won": _("Won revenue"),
    "quota": _("Quota"), "win_rate": _("Win rate (%)"), "days": _("Average days"),
    "open": _("Open pipeline"), "weighted": _("Weighted pipeline"),
}


class DashboardView(generic.RecordViewMixin, View):
    """The dashboard of the chosen months, team, salesperson and pipeline."""

    queryset = Opportunity.objects.all()
    template_name = "sales/dashboard.html"

    def get(self, request):
        self.require("view")
        user = request.user
        form = DashboardForm(
            request.GET or None,
            users=forecast_users(viewer=user).order_by("first_name", "last_name", "username"),
            teams=forecast_teams(viewer=user).order_by("name"),
            pipelines=pipeline_list().order_by("position", "name"),
            today=timezone.localdate(),
        )
        dashboard = sales_dashboard(viewer=user, filters=form.filters())
        context = {**self.base_context(), "form": form, "dashboard": dashboard,
                   "data": dashboard_data(dashboard), "performance_columns": PERFORMANCE_COLUMNS,
                   "chart_labels": {key: str(label) for key, label in CHART_LABELS.items()}}
        return render(request, self.template_name, context)


dashboard_page = DashboardView.as_view()
