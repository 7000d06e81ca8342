"""The administrators' analytics pages: the run parameters, and the attractiveness criteria."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from clientela.users.auth import admin_required

from ..forms_attractiveness import AnalyticsSettingsForm, CriterionForm
from ..models import AnalyticsSettings, AttractivenessCriterion
from ..services_attractiveness import (
    analytics_settings_update,
    criterion_delete,
    criterion_save,
)


@admin_required
@require_http_methods(["GET", "POST"])
def settings_edit(request: HttpRequest) -> HttpResponse:
    """Edit the parameters every run uses."""
    stored = AnalyticsSettings.load()
    form = AnalyticsSettingsForm(request.POST or None, instance=stored)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                analytics_settings_update(user=request.user, changes=form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The analytics settings were saved; the next run "
                                            "uses them."))
                return redirect("analytics:settings")
    return render(request, "analytics/settings.html",
                  {"form": form, "section": "analytics_settings"}, status=status)


@admin_required
def criterion_list(request: HttpRequest) -> HttpResponse:
    """List the attractiveness criteria with their weights and how many accounts are scored."""
    criteria = AttractivenessCriterion.objects.annotate(scored=Count("scores")).order_by(
        "position", "id")
    total = sum(criterion.weight for criterion in criteria if criterion.is_active)
    return render(request, "analytics/criterion_list.html", {
        "criteria": criteria, "total_weight": total, "section": "attractiveness_criteria"})


@admin_required
@require_http_methods(["GET", "POST"])
def criterion_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Create or edit an attractiveness criterion."""
    criterion = get_object_or_404(AttractivenessCriterion, pk=pk) if pk else (
        AttractivenessCriterion())
    form = CriterionForm(request.POST or None, instance=criterion)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                criterion_save(user=request.user, criterion=form.save(commit=False))
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The criterion %(name)s was saved.") % {
                    "name": criterion.name})
                return redirect("analytics:criterion_list")
    return render(request, "analytics/criterion_form.html", {
        "form": form, "criterion": criterion, "section": "attractiveness_criteria"},
        status=status)


@admin_required
@require_http_methods(["GET", "POST"])
def criterion_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, then delete a criterion and the scores given on it."""
    criterion = get_object_or_404(AttractivenessCriterion, pk=pk)
    if request.method == "POST":
        criterion_delete(user=request.user, criterion=criterion)
        messages.success(request, _("The criterion %(name)s was deleted.") % {
            "name": criterion.name})
        return redirect("analytics:criterion_list")
    scored = criterion.scores.count()
    return render(request, "analytics/criterion_delete.html", {
        "criterion": criterion, "scored": scored, "section": "attractiveness_criteria"})
