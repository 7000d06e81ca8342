"""The administrators' pages of pipelines: each edited with its stages as rows."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from clientela.core.exceptions import ApplicationError
from clientela.core.forms.formsets import add_row_errors
from clientela.users.auth import admin_required

from ..forms.pipelines import PipelineForm, StageFormSet, stage_rows
from ..models import Opportunity, Pipeline
from ..selectors.opportunities import pipeline_list as pipelines_with_stages
from ..services.pipelines import pipeline_delete as delete_pipeline
from ..services.pipelines import pipeline_save


@admin_required
def pipeline_list(request: HttpRequest) -> HttpResponse:
    """List the pipelines with their stages."""
    return render(request, "sales/pipeline_list.html",
                  {"pipelines": pipelines_with_stages(), "section": "pipelines"})


@admin_required
@require_http_methods(["GET", "POST"])
def pipeline_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Create or edit a pipeline and its stages (add, rename, reorder, delete), all or nothing."""
    pipeline = get_object_or_404(Pipeline, pk=pk) if pk else Pipeline()
    data = request.POST if request.method == "POST" else None
    form = PipelineForm(data, instance=pipeline)
    counts = dict(
        Opportunity.objects.filter(pipeline_id=pipeline.pk).order_by().values_list("stage_id")
        .annotate(number=Count("id"))
    ) if pipeline.pk else {}
    # Posted rows are read as they are: compared with the stored stages, an unchanged row
    # would count as empty and be dropped.
    formset = StageFormSet(data, prefix="stages", initial=[
        {"stage_id": stage.pk, "name": stage.name, "probability": stage.probability,
         "kind": stage.kind, "position": stage.position}
        for stage in pipeline.stages.order_by("position", "id")
    ] if pipeline.pk and data is None else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid() and formset.is_valid():
            try:
                pipeline_save(pipeline=form.save(commit=False), stages=stage_rows(formset))
            except ValidationError as error:
                add_row_errors(form, [formset], error)
            except ApplicationError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The pipeline %(pipeline)s was saved.") % {
                    "pipeline": pipeline})
                return redirect("sales:pipeline_list")
    return render(request, "sales/pipeline_form.html", {
        "form": form, "formset": formset, "pipeline": pipeline, "counts": counts,
        "title": _("Stages"),
    }, status=status)


@admin_required
@require_http_methods(["GET", "POST"])
def pipeline_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, then delete a pipeline that has no opportunities."""
    pipeline = get_object_or_404(Pipeline, pk=pk)
    error = None
    if request.method == "POST":
        try:
            delete_pipeline(pipeline=pipeline)
        except ApplicationError as refused:
            error = refused.message
        else:
            messages.success(request, _("The pipeline %(pipeline)s was deleted.") % {
                "pipeline": pipeline.name})
            return redirect("sales:pipeline_list")
    return render(request, "users/confirm_delete.html", {
        "object": pipeline, "cancel_url": "sales:pipeline_list", "error": error,
        "consequence": _("Its stages are deleted with it."),
    }, status=400 if error else 200)
