"""The administrators' pages of currencies with their exchange rates."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from clientela.core.exceptions import ApplicationError
from clientela.core.views import add_validation_error
from clientela.users.auth import admin_required

from .. import selectors, services
from ..forms.currencies import CurrencyForm, ExchangeRateForm
from ..models import Currency, ExchangeRate


def _refused(form, error: ApplicationError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


@admin_required
def currency_list(request: HttpRequest) -> HttpResponse:
    """List the currencies, base first, with each one's latest exchange rate."""
    return render(request, "sales/currency_list.html",
                  {"currencies": selectors.currency_list(), "section": "currencies"})


@admin_required
@require_http_methods(["GET", "POST"])
def currency_edit(request: HttpRequest, code: str | None = None) -> HttpResponse:
    """Create or edit a currency; marking it base re-expresses the rates against it."""
    currency = get_object_or_404(Currency, pk=code) if code else Currency()
    form = CurrencyForm(request.POST or None, instance=currency)
    if request.method == "POST" and form.is_valid():
        try:
            services.currency_save(currency=form.save(commit=False))
        except ValidationError as error:
            add_validation_error(form, error)
        except ApplicationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The currency %(code)s was saved.") % {
                "code": currency.code})
            return redirect("sales:currency_list")
    return render(request, "sales/currency_form.html",
                  {"form": form, "currency": currency, "section": "currencies"},
                  status=400 if form.is_bound else 200)


@admin_required
@require_http_methods(["GET", "POST"])
def currency_delete(request: HttpRequest, code: str) -> HttpResponse:
    """Confirm, then delete a currency nothing is priced in (and its rates)."""
    currency = get_object_or_404(Currency, pk=code)
    error = None
    if request.method == "POST":
        try:
            services.currency_delete(currency=currency)
        except ApplicationError as refused:
            error = refused.message
        else:
            messages.success(request, _("The currency %(code)s was deleted.") % {"code": code})
            return redirect("sales:currency_list")
    return render(
        request, "users/confirm_delete.html",
        {"object": currency, "cancel_url": "sales:currency_list", "error": error,
         "consequence": _("Its exchange rates are deleted with it.")},
        status=400 if error else 200,
    )


def _rate_currency(code: str) -> Currency:
    currency = get_object_or_404(Currency, pk=code)
    if currency.is_base:
        # The base is worth 1 by definition; it has no rates to list or edit.
        raise Http404
    return currency


@admin_required
@require_http_methods(["GET", "POST"])
def exchange_rates(request: HttpRequest, code: str, pk: int | None = None) -> HttpResponse:
    """List a currency's rates, newest first, with a form to add one or change the one at `pk`."""
    currency = _rate_currency(code)
    rate = get_object_or_404(ExchangeRate, pk=pk, currency=currency) if pk else ExchangeRate()
    form = ExchangeRateForm(request.POST or None, instance=rate, currency=currency)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The rate of %(code)s on %(date)s was saved.") % {
            "code": code, "date": form.instance.date.isoformat()})
        return redirect("sales:exchange_rates", code=code)
    return render(
        request, "sales/exchange_rates.html",
        {"currency": currency, "base": selectors.base_currency(), "form": form, "edited": rate,
         "rates": currency.rates.order_by("-date")[:500], "section": "currencies"},
        status=400 if form.is_bound else 200,
    )


@admin_required
@require_http_methods(["POST"])
def exchange_rate_delete(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """Delete one rate of a currency."""
    rate = get_object_or_404(ExchangeRate, pk=pk, currency=_rate_currency(code))
    rate.delete()
    messages.success(request, _("The rate of %(code)s on %(date)s was deleted.") % {
        "code": code, "date": rate.date.isoformat()})
    return redirect("sales:exchange_rates", code=code)
