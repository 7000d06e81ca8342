"""The forecast page: a period's quota, closed won, commit, best case and weighted pipeline,
per salesperson, each figure linking to the opportunities behind it."""

from __future__ import annotations

from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views import View

from clientela.core import views as generic
from clientela.core.permissions import can

from ..choices import ForecastFigure
from ..forms.forecasts import ForecastForm
from ..models import Opportunity
from ..selectors.forecasts import forecast_teams, forecast_users, sales_forecast

FIGURES = (
    ("closed_won", ForecastFigure.CLOSED_WON),
    ("commit", ForecastFigure.COMMIT),
    ("best_case", ForecastFigure.BEST_CASE),
    ("weighted_pipeline", ForecastFigure.PIPELINE),
)


def drill_down_links(period, *, user=None, team=None) -> dict[str, str]:
    """Return, per figure, the opportunity list filtered to the opportunities behind it."""
    base = reverse("sales:opportunity_list")
    subject = {"owner": user.pk} if user is not None else (
        {"owner_team": team.pk} if team is not None else {})
    return {
        name: f"{base}?" + urlencode({"forecast_period": period.label, "forecast_figure": figure,
                                      **subject})
        for name, figure in FIGURES
    }


class ForecastView(generic.RecordViewMixin, View):
    """The forecast of the chosen period and subject; htmx asks only for the results."""

    queryset = Opportunity.objects.all()
    template_name = "sales/forecast.html"

    def get(self, request):
        self.require("view")
        user = request.user
        form = ForecastForm(request.GET or None, user=user,
                            users=forecast_users(viewer=user).order_by("first_name", "last_name",
                                                                       "username"),
                            teams=forecast_teams(viewer=user).order_by("name"),
                            today=timezone.localdate())
        period, subject_user, team, _everyone = form.choice()
        forecast = sales_forecast(viewer=user, period=period, user=subject_user, team=team)
        rows = [{"row": row, "links": drill_down_links(period, user=row.user)}
                for row in forecast.rows]
        context = {
            **self.base_context(), "form": form, "forecast": forecast, "rows": rows,
            "links": drill_down_links(period, user=subject_user, team=team),
            "quota_url": reverse("sales:quota_list") if can(user, "quotas", "access") else None,
            "previous": period.shifted(-1), "next": period.shifted(1),
            "subject_value": form["subject"].value() or f"user:{user.pk}",
        }
        template = self.template_name
        if request.htmx and not request.htmx.boosted:
            template += "#results"
        return render(request, template, context)


forecast_page = ForecastView.as_view()
