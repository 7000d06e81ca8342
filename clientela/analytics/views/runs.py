"""The analytics area's home: the latest run's headline figures, the runs, and starting one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from ..forms import RunStartForm
from ..models import AnalysisRun, AnalyticsSettings
from ..selectors.results import customer_results, latest_run, may_run_analytics
from ..selectors.summaries import overview_figures
from ..services import run_start
from .base import AnalyticsView


class OverviewView(AnalyticsView):
    """Headline figures of the latest run over the customers the viewer may see, and the runs."""

    measure = "overview"

    def get(self, request, form: RunStartForm | None = None, status: int = 200):
        run = latest_run()
        context = {
            **self.area_context(), "run": run,
            "runs": AnalysisRun.objects.select_related("created_by")[:20],
            "run_form": form or self.run_form(),
        }
        if run is not None:
            context["figures"] = overview_figures(
                run=run, results=customer_results(user=request.user, run=run))
        return render(request, "analytics/overview.html", context, status=status)

    def run_form(self, data=None) -> RunStartForm:
        return RunStartForm(data, today=timezone.localdate(),
                            period_months=AnalyticsSettings.load().period_months)

    def post(self, request):
        if not may_run_analytics(request.user):
            raise PermissionDenied
        # The first run's button sends no choice: today, over the settings' period.
        chosen = "as_of" in request.POST
        form = self.run_form(request.POST if chosen else None)
        if chosen and not form.is_valid():
            return self.get(request, form=form, status=400)
        data = form.cleaned_data if chosen else {}
        run = run_start(user=request.user, as_of=data.get("as_of"),
                        period_months=data.get("period_months"))
        messages.success(request, _("The analysis started; this page follows its progress."))
        return redirect("analytics:run", pk=run.pk)


class RunView(AnalyticsView):
    """One run's progress (polled while it runs), its parameters and its outcome."""

    measure = "overview"

    def get(self, request, pk: int):
        run = get_object_or_404(AnalysisRun.objects.select_related("created_by"), pk=pk)
        template = ("analytics/_run_progress.html" if request.htmx
                    else "analytics/run.html")
        return render(request, template, {**self.area_context(), "run": run})
