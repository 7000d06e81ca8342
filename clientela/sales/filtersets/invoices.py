"""Filters of the invoice lists (pages and API)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from clientela.core.filtersets import RecordFilterSet

from ..choices import InvoiceStatus
from ..models import Invoice
from ..selectors.invoices import invoices_in_status


class InvoiceFilterSet(RecordFilterSet):
    """Filter invoices by status (open ones past due are overdue), kind, account, dates and
    amounts."""

    status = django_filters.ChoiceFilter(choices=InvoiceStatus.choices, label=_("Status"),
                                         method="filter_status")
    invoice_date__gte = django_filters.DateFilter(
        field_name="invoice_date", lookup_expr="gte", label=_("Invoiced from"),
        widget=forms.DateInput(attrs={"type": "date"}))
    invoice_date__lte = django_filters.DateFilter(
        field_name="invoice_date", lookup_expr="lte", label=_("Invoiced until"),
        widget=forms.DateInput(attrs={"type": "date"}))
    due_date__lte = django_filters.DateFilter(
        field_name="due_date", lookup_expr="lte", label=_("Due by"),
        widget=forms.DateInput(attrs={"type": "date"}))

    class Meta(RecordFilterSet.Meta):
        model = Invoice
        fields = [
            "number", "kind", "subject", "account", "contact", "opportunity", "order",
            "credited_invoice", "currency", "price_book", "invoice_date", "due_date", "status",
            "issued_on", "paid_on", "cancelled_on", "terms", "description", "billing_city",
            "billing_country", "subtotal", "discount_total", "tax_total", "total",
            "amount_paid",
        ]

    def filter_status(self, queryset, name, value):
        return invoices_in_status(queryset, value) if value else queryset
