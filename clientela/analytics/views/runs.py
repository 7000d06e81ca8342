"""The analytics area's home: the latest run's headline figures, the runs, and starting one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ..models import AnalysisRun
from ..selectors.results import customer_results, latest_run, may_run_analytics
from ..selectors.summaries import overview_figures
from ..services import run_start
from .base import AnalyticsView


class OverviewView(AnalyticsView):
    """Headline figures of the latest run over the customers the viewer may see, and the runs."""

    measure = "overview"

    def get(self, request):
        run = latest_run()
        context = {
            **self.area_context(), "run": run,
            "runs": AnalysisRun.objects.select_related("created_by")[:20],
        }
        if run is not None:
            context["figures"] = overview_figures(
                run=run, results=customer_results(user=request.user, run=run))
        return render(request, "analytics/overview.html", context)

    def post(self, request):
        if not may_run_analytics(request.user):
            raise PermissionDenied
        run = run_start(user=request.user)
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
