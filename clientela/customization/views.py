"""The administrators' pages of customization: custom fields and the recycle bin."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from clientela.core import registry
from clientela.core.exceptions import ApplicationError
from clientela.users.auth import admin_required

from . import selectors, services
from .forms import CustomFieldForm
from .models import CustomField


@admin_required
def custom_field_list(request: HttpRequest) -> HttpResponse:
    """List the custom fields of every module, grouped by module."""
    fields = list(selectors.custom_field_list())
    groups = [
        (module, [field for field in fields if field.module == module.slug])
        for module in registry.modules()
    ]
    return render(request, "customization/custom_field_list.html", {"groups": groups})


@admin_required
@require_http_methods(["GET", "POST"])
def custom_field_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Create or edit a custom field, validated by the field's own rules."""
    field = get_object_or_404(CustomField, pk=pk) if pk else CustomField()
    initial = {"module": request.GET.get("module")} if not pk else None
    form = CustomFieldForm(request.POST or None, instance=field, initial=initial)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The custom field %(label)s was saved.") % {
            "label": field.label})
        return redirect("customization:custom_field_list")
    return render(
        request, "customization/custom_field_form.html", {"form": form, "field": field},
        status=400 if form.is_bound else 200,
    )


@admin_required
@require_http_methods(["GET", "POST"])
def custom_field_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, then delete a custom field and its values in every record."""
    field = get_object_or_404(CustomField, pk=pk)
    if request.method == "POST":
        changed = services.custom_field_delete(field=field, by=request.user)
        messages.success(
            request,
            ngettext(
                "The custom field %(label)s was deleted; %(count)d record lost its value.",
                "The custom field %(label)s was deleted; %(count)d records lost their value.",
                changed,
            ) % {"label": field.label, "count": changed},
        )
        return redirect("customization:custom_field_list")
    return render(request, "customization/custom_field_delete.html", {"field": field})


@admin_required
@require_http_methods(["GET", "POST"])
def recycle_bin(request: HttpRequest) -> HttpResponse:
    """List deleted records; restore the selected ones, or delete them for good once confirmed."""
    if request.method == "POST":
        action = request.POST.get("action")
        keys = request.POST.getlist("items")
        items = selectors.recycle_bin_items(user=request.user, keys=keys)
        if not items:
            messages.warning(request, _("Select at least one record."))
            return redirect("customization:recycle_bin")
        if action == "restore":
            count = services.recycle_bin_restore(
                records=[item.record for item in items], by=request.user
            )
            messages.success(request, ngettext(
                "%(count)d record was restored.", "%(count)d records were restored.", count
            ) % {"count": count})
            return redirect("customization:recycle_bin")
        if action == "purge":
            if request.POST.get("confirm") == "yes":
                return _purge(request, items)
            return render(
                request, "customization/recycle_bin_confirm.html",
                {"items": items, "everything": False},
            )
        messages.warning(request, _("Choose restore or delete."))
        return redirect("customization:recycle_bin")
    return render(
        request, "customization/recycle_bin.html",
        {"items": selectors.recycle_bin_items(user=request.user)},
    )


@admin_required
@require_http_methods(["GET", "POST"])
def recycle_bin_empty(request: HttpRequest) -> HttpResponse:
    """Confirm, then delete every record in the recycle bin for good."""
    items = selectors.recycle_bin_items(user=request.user)
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        return _purge(request, items)
    return render(
        request, "customization/recycle_bin_confirm.html", {"items": items, "everything": True}
    )


def _purge(request: HttpRequest, items: list) -> HttpResponse:
    try:
        count = services.recycle_bin_purge(records=[item.record for item in items])
    except ApplicationError as error:
        messages.warning(request, error.message)
    else:
        messages.success(request, ngettext(
            "%(count)d record was deleted for good.", "%(count)d records were deleted for good.",
            count,
        ) % {"count": count})
    return redirect("customization:recycle_bin")
