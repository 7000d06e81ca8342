"""Reads of invoices: which are in a status, reading open ones past their due date as
overdue."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from clientela.core.permissions import can, restrict

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


def order_live_invoice(order: Order) -> Invoice | None:
    """Return the order's invoice that is not cancelled, if any: an order has one at most."""
    return (Invoice.objects.filter(order=order, kind=InvoiceKind.INVOICE)
            .exclude(status=InvoiceStatus.CANCELLED).first())


def order_invoicing(user, order: Order) -> dict:
    """Return what the order page shows about invoicing: the order's invoice when the user
    may see it (`invoice`), and whether the user may make one (`may_invoice`: there is none
    and the role may create invoices)."""
    invoice = order_live_invoice(order)
    visible = invoice is not None and restrict(
        Invoice.objects.filter(pk=invoice.pk), user, "view").exists()
    return {"invoice": invoice if visible else None,
            "may_invoice": invoice is None and can(user, "invoices", "create")}


def credit_note_of(user, invoice: Invoice) -> Invoice | None:
    """Return the credit note that takes `invoice` back, when the user may see it."""
    return restrict(Invoice.objects.filter(credited_invoice=invoice), user, "view").first()
