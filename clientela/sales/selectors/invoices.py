"""Reads of invoices: which are in a status, reading open ones past their due date as
overdue."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from clientela.core.permissions import can

from ..choices import InvoiceKind, InvoiceStatus
from ..models import Invoice, Order


def invoices_in_status(queryset: QuerySet, status: str,
                       today: datetime.date | None = None) -> QuerySet:
    """Return the invoices of `queryset` in `status`, where an issued or partly paid invoice
    past its due date is overdue already (before the daily run marks it so)."""
    today = today or timezone.localdate()
    past = Q(kind=InvoiceKind.INVOICE, due_date__lt=today,
             status__in=(InvoiceStatus.ISSUED, InvoiceStatus.PARTLY_PAID))
    if status == InvoiceStatus.OVERDUE:
        return queryset.filter(Q(status=InvoiceStatus.OVERDUE) | past)
    if status in (InvoiceStatus.ISSUED, InvoiceStatus.PARTLY_PAID):
        return queryset.filter(status=status).exclude(past)
    return queryset.filter(status=status)


def order_invoicing(user, order: Order) -> dict:
    """Return the order's invoice that is not cancelled (`invoice`), and whether the user may
    make one (`may_invoice`)."""
    invoice = (Invoice.objects.filter(order=order, kind=InvoiceKind.INVOICE)
               .exclude(status=InvoiceStatus.CANCELLED).first())
    return {"invoice": invoice,
            "may_invoice": invoice is None and can(user, "invoices", "create")}
