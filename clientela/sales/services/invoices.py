"""Writes of invoices: saving drafts, issuing with the year's next number, invoicing an
order, recording payments, cancelling with a credit note, and the daily overdue run."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clientela.core.exceptions import ApplicationError, PermissionDeniedError, StaleVersionError
from clientela.core.permissions import can, restrict
from clientela.users.models import User

from ..choices import (
    OPEN_STATUSES,
    DocumentKind,
    InvoiceErrorCode,
    InvoiceKind,
    InvoiceStatus,
    PaymentMethod,
)
from ..models import Invoice, InvoiceLine, InvoiceSequence, Order, Payment
from ..models.invoices import invoice_number
from ..money import decimal_places, format_money
from ..selectors.invoices import order_live_invoice
from .documents import MONEY_DIGITS, document_save, parse_decimal
from .orders import ADDRESS_FIELDS, LINE_COPY_FIELDS
from .pdf import PrintedDocument, print_date, register_printed_document

# The line amounts that change sign on a credit note.
SIGNED_LINE_FIELDS = ("quantity", "discount_amount", "line_subtotal", "line_discount",
                      "line_tax", "line_total")
TOTAL_FIELDS = ("subtotal", "discount_total", "tax_total", "total")


class OrderAlreadyInvoicedError(ApplicationError):
    """The order already has an invoice that is not cancelled."""

    status_code = 409

    def __init__(self, invoice: Invoice):
        super().__init__(InvoiceErrorCode.ORDER_INVOICED.label,
                         code=InvoiceErrorCode.ORDER_INVOICED, extra={"invoice": invoice.pk})


def _refuse(code: InvoiceErrorCode, *, field: str | None = None, **values) -> ApplicationError:
    return ApplicationError(str(code.label) % values if values else code.label, code=code,
                            field=field)


def invoice_save(
    *,
    invoice: Invoice,
    user: User | None,
    lines: Sequence[Mapping[str, Any]] | None = None,
    expected_version: int | None = None,
) -> Invoice:
    """Save a new or edited draft invoice with its lines (replaced as a whole); return it.

    A new invoice without addresses takes its account's; currency, price book, pricing and
    totals follow every sales document (`document_save`); the due date defaults to the
    invoice date plus INVOICE_PAYMENT_DAYS. An issued invoice is refused (ApplicationError),
    bad input raises ValidationError naming the field, a stale `expected_version`
    StaleVersionError; nothing is written then.
    """
    with transaction.atomic():
        if invoice.pk is not None:
            status = Invoice.all_objects.filter(pk=invoice.pk).values_list(
                "status", flat=True).first()
            if status not in (None, InvoiceStatus.DRAFT):
                raise _refuse(InvoiceErrorCode.ISSUED_IS_FINAL)
        elif invoice.account_id and not any(getattr(invoice, name) for name in ADDRESS_FIELDS):
            for name in ADDRESS_FIELDS:
                setattr(invoice, name, getattr(invoice.account, name))
        return document_save(document=invoice, line_model=InvoiceLine, parent_field="invoice",
                             user=user, lines=lines, expected_version=expected_version)


def next_invoice_number(kind: str, year: int) -> str:
    """Return the next number of `kind` in `year`, holding the year's sequence locked until
    the caller's transaction ends (call it inside one)."""
    InvoiceSequence.objects.get_or_create(kind=kind, year=year)
    sequence = InvoiceSequence.objects.select_for_update().get(kind=kind, year=year)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return invoice_number(kind, year, sequence.last_number)


def _lock(invoice: Invoice, user: User, version: int | None) -> Invoice:
    """Return the stored invoice locked for update, once the user may edit it."""
    if not restrict(Invoice.objects.filter(pk=invoice.pk), user, "edit").exists():
        raise PermissionDeniedError(_("Your role does not allow changing this invoice."))
    stored = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if version is not None and int(version) != stored.version:
        raise StaleVersionError(current=stored)
    return stored


def _settle(invoice: Invoice, today: datetime.date, paid_on: datetime.date | None) -> None:
    """Set an issued invoice's status from what was paid and the due date."""
    if invoice.amount_paid >= invoice.total:
        invoice.status = InvoiceStatus.PAID
        invoice.paid_on = paid_on or today
        return
    invoice.paid_on = None
    if invoice.due_date is not None and invoice.due_date < today:
        invoice.status = InvoiceStatus.OVERDUE
    elif invoice.amount_paid > 0:
        invoice.status = InvoiceStatus.PARTLY_PAID
    else:
        invoice.status = InvoiceStatus.ISSUED


def invoice_issue(*, user: User | None, invoice: Invoice, version: int | None = None,
                  today: datetime.date | None = None) -> Invoice:
    """Issue a draft invoice with at least one line and return it.

    It gets the next number of its invoice date's year, under a lock, so concurrent issues
    never share or skip a number. From then on the invoice is final. Raises
    PermissionDeniedError, StaleVersionError or ApplicationError (not a draft, no lines);
    nothing is written then.
    """
    today = today or timezone.localdate()
    with transaction.atomic():
        stored = _lock(invoice, user, version)
        if stored.status != InvoiceStatus.DRAFT:
            raise _refuse(InvoiceErrorCode.NOT_DRAFT, field="status")
        if not stored.lines.exists():
            raise _refuse(InvoiceErrorCode.NO_LINES, field="lines")
        stored.number = next_invoice_number(stored.kind, stored.invoice_date.year)
        stored.issued_on = today
        _settle(stored, today, stored.invoice_date)
        stored.stamp(user)
        stored.save(update_fields=["number", "issued_on", "status", "paid_on"])
    return stored


def order_invoice(*, order: Order, user: User, issue: bool = False) -> Invoice:
    """Make the invoice of an order and return it (issued when `issue`).

    The invoice copies the order's account, contact, opportunity, currency, price book,
    addresses, lines (prices, discounts, taxes and costs as ordered) and totals; it belongs to
    the user. Needs the create grant of invoices (PermissionDeniedError) and an order the user
    may see; an order with an invoice that is not cancelled is OrderAlreadyInvoicedError (409).
    Nothing is written when refused.
    """
    with transaction.atomic():
        if not can(user, "invoices", "create"):
            raise PermissionDeniedError(_("Your role does not allow creating invoices."))
        if not restrict(Order.objects.filter(pk=order.pk), user, "view").exists():
            raise PermissionDeniedError(_("You may not see this order."))
        stored = Order.objects.select_for_update().get(pk=order.pk)
        existing = order_live_invoice(stored)
        if existing is not None:
            raise OrderAlreadyInvoicedError(existing)
        invoice = Invoice(
            subject=stored.subject, account_id=stored.account_id, contact_id=stored.contact_id,
            opportunity_id=stored.opportunity_id, order=stored, currency_id=stored.currency_id,
            price_book_id=stored.price_book_id,
            **{name: getattr(stored, name) for name in (*ADDRESS_FIELDS, *TOTAL_FIELDS)},
        )
        invoice.stamp(user)
        invoice.full_clean()
        invoice.save()
        InvoiceLine.objects.bulk_create(
            InvoiceLine(invoice=invoice, **{name: getattr(line, name)
                                            for name in LINE_COPY_FIELDS})
            for line in stored.lines.all()
        )
        if issue:
            invoice = invoice_issue(user=user, invoice=invoice)
    return invoice


def _amount(value: Any, currency: str) -> Decimal:
    """Return a payment amount in the currency's decimals; raise ValidationError on `amount`."""
    places = decimal_places(currency)
    try:
        amount = parse_decimal(value, MONEY_DIGITS)
    except ValueError:
        amount = Decimal("NaN")
    if amount is None or not amount.is_finite() or (
            amount != amount.quantize(Decimal(1).scaleb(-places))):
        raise ValidationError({"amount": _(
            "Enter an amount with at most %(places)d decimals.") % {"places": places}})
    return amount


def payment_record(
    *,
    user: User,
    invoice: Invoice,
    amount: Any,
    paid_on: datetime.date | None = None,
    method: str = PaymentMethod.BANK_TRANSFER,
    reference: str = "",
    note: str = "",
    version: int | None = None,
    today: datetime.date | None = None,
) -> Payment:
    """Record money received (or refunded, a negative amount) against an issued invoice.

    The invoice's amount paid and status follow: partly paid, paid (dated by the payment that
    completed it), overdue past the due date. A payment needs an open invoice and at most the
    balance due; a refund at most what was paid. Needs the edit grant of the invoice. Raises
    ValidationError naming the field, PermissionDeniedError, StaleVersionError or
    ApplicationError; nothing is written then.
    """
    today = today or timezone.localdate()
    with transaction.atomic():
        stored = _lock(invoice, user, version)
        amount = _amount(amount, stored.currency_id)
        payment = Payment(invoice=stored, amount=amount, paid_on=paid_on or today,
                          method=method, reference=reference or "", note=note or "",
                          created_by=user if getattr(user, "is_authenticated", False) else None)
        payment.full_clean(exclude=["invoice"])
        if amount == 0:
            raise _refuse(InvoiceErrorCode.ZERO_PAYMENT, field="amount")
        refundable = (*OPEN_STATUSES, InvoiceStatus.PAID)
        if stored.kind != InvoiceKind.INVOICE or stored.status not in (
                OPEN_STATUSES if amount > 0 else refundable):
            raise _refuse(InvoiceErrorCode.NOT_OPEN, field="invoice")
        if amount > stored.total - stored.amount_paid:
            raise _refuse(InvoiceErrorCode.OVERPAID, field="amount", amount=format_money(
                stored.total - stored.amount_paid, stored.currency_id))
        if -amount > stored.amount_paid:
            raise _refuse(InvoiceErrorCode.REFUND_TOO_LARGE, field="amount",
                          amount=format_money(stored.amount_paid, stored.currency_id))
        payment.save()
        stored.amount_paid += amount
        _settle(stored, today, payment.paid_on)
        stored.stamp(user)
        stored.save(update_fields=["amount_paid", "status", "paid_on"])
    return payment


def invoice_cancel(*, user: User, invoice: Invoice, version: int | None = None,
                   reason: str = "", today: datetime.date | None = None) -> Invoice:
    """Cancel an issued invoice with nothing paid on it; return its credit note.

    The credit note is issued at once with the next credit-note number of the year: the same
    lines with negated quantities and amounts, so an invoice and its credit note add up to
    nothing in every report. A draft is deleted rather than cancelled; an invoice with money
    paid needs a refund first. Raises PermissionDeniedError, StaleVersionError or
    ApplicationError; nothing is written then.
    """
    today = today or timezone.localdate()
    with transaction.atomic():
        stored = _lock(invoice, user, version)
        if stored.kind != InvoiceKind.INVOICE or stored.status not in OPEN_STATUSES:
            raise _refuse(InvoiceErrorCode.NOT_CANCELLABLE, field="status")
        if stored.amount_paid != 0:
            raise _refuse(InvoiceErrorCode.HAS_PAYMENTS, field="amount_paid",
                          amount=format_money(stored.amount_paid, stored.currency_id))
        credit = Invoice(
            kind=InvoiceKind.CREDIT_NOTE, credited_invoice=stored,
            number=next_invoice_number(InvoiceKind.CREDIT_NOTE, today.year),
            subject=_("Credit note for %(number)s") % {"number": stored.number},
            account_id=stored.account_id, contact_id=stored.contact_id,
            opportunity_id=stored.opportunity_id, order_id=stored.order_id,
            currency_id=stored.currency_id, price_book_id=stored.price_book_id,
            invoice_date=today, due_date=today, status=InvoiceStatus.ISSUED, issued_on=today,
            description=reason or "",
            **{name: getattr(stored, name) for name in ADDRESS_FIELDS},
            **{name: -getattr(stored, name) for name in TOTAL_FIELDS},
        )
        credit.stamp(user)
        credit.save()
        credit_lines = []
        for line in stored.lines.all():
            values = {name: getattr(line, name) for name in LINE_COPY_FIELDS}
            for name in SIGNED_LINE_FIELDS:
                if values[name] is not None:
                    values[name] = -values[name]
            credit_lines.append(InvoiceLine(invoice=credit, **values))
        InvoiceLine.objects.bulk_create(credit_lines)
        stored.status = InvoiceStatus.CANCELLED
        stored.cancelled_on = today
        stored.stamp(user)
        stored.save(update_fields=["status", "cancelled_on"])
    return credit


def invoices_mark_overdue(*, today: datetime.date | None = None) -> int:
    """Mark every open invoice past its due date overdue; return how many.

    Each change is written to the invoice's history (by nobody: the schedule did it).
    """
    today = today or timezone.localdate()
    count = 0
    due = Invoice.objects.filter(kind=InvoiceKind.INVOICE, due_date__lt=today,
                                 status__in=(InvoiceStatus.ISSUED, InvoiceStatus.PARTLY_PAID))
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            stored = Invoice.objects.select_for_update().filter(
                pk=pk, status__in=(InvoiceStatus.ISSUED, InvoiceStatus.PARTLY_PAID)).first()
            if stored is None:
                continue
            stored.status = InvoiceStatus.OVERDUE
            stored.stamp(None)
            stored.save(update_fields=["status"])
            count += 1
    return count


def invoice_delete(*, user: User, invoice: Invoice) -> None:
    """Move a draft invoice to the recycle bin; an issued one is final (the model refuses it
    on every path)."""
    with transaction.atomic():
        invoice.soft_delete(user)


def _invoice_facts(invoice: Invoice) -> dict[str, Any]:
    """What an invoice's template prints beyond every document's fields; a draft prints its
    whole total as due, a credit note nothing."""
    currency = invoice.currency_id
    if invoice.kind == InvoiceKind.CREDIT_NOTE:
        due = Decimal("0")
    elif invoice.status == InvoiceStatus.DRAFT:
        due = invoice.total
    else:
        due = invoice.balance_due
    return {
        "kind_label": invoice.get_kind_display(),
        "date": print_date(invoice.invoice_date),
        "due_date": "" if invoice.kind == InvoiceKind.CREDIT_NOTE
        else print_date(invoice.due_date),
        "status": invoice.get_status_display(),
        "paid": format_money(invoice.amount_paid, currency) if invoice.amount_paid else "",
        "amount_due": format_money(due, currency),
        "is_due": due > 0,
        "terms": invoice.terms,
        "credited_invoice": invoice.credited_invoice.number if invoice.credited_invoice_id
        else "",
        "order": str(invoice.order) if invoice.order_id else "",
    }


register_printed_document(PrintedDocument(
    kind=DocumentKind.INVOICE,
    model=Invoice,
    number=lambda invoice: invoice.number or _("Draft %(id)s") % {"id": invoice.pk},
    facts=_invoice_facts,
    email_subject=gettext_lazy("Invoice %(number)s: %(subject)s"),
    email_message=gettext_lazy(
        "Dear %(contact)s,\n\nplease find attached our invoice %(number)s (%(subject)s) for "
        "%(total)s.\n\nKind regards,\n%(sender)s\n%(company)s"),
    related=("account", "contact", "currency", "owner", "credited_invoice", "order"),
))
