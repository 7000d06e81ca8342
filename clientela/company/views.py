"""The administrators' page of the company details."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from clientela.users.auth import admin_required

from .forms import CompanyDetailsForm
from .models import CompanyDetails
from .selectors import company_logo_data_uri
from .services import company_details_save


@admin_required
@require_http_methods(["GET", "POST"])
def company_edit(request: HttpRequest) -> HttpResponse:
    """Show and save the company's details, which quotes and invoices print."""
    details = CompanyDetails.load()
    form = CompanyDetailsForm(request.POST or None, request.FILES or None, instance=details)
    if request.method == "POST" and form.is_valid():
        company_details_save(details=form.save(commit=False))
        messages.success(request, _("The company details were saved."))
        return redirect("company:company_edit")
    return render(request, "company/company_form.html",
                  {"form": form, "logo": company_logo_data_uri(CompanyDetails.load()),
                   "section": "company"},
                  status=400 if form.is_bound else 200)
