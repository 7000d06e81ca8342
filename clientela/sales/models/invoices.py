"""Invoices and credit notes, their lines, the per-year number sequences and payments."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clientela.core.addresses import BillingAndShippingAddresses
from clientela.core.exceptions import ApplicationError
from clientela.core.models import Record

from ..choices import OPEN_STATUSES, InvoiceErrorCode, InvoiceKind, InvoiceStatus, PaymentMethod
from .documents import DocumentLine, DocumentTotals, money_field

# What may still change on an issued invoice: its payments' effect and its cancellation, and
# who in the company looks after it (assignment and custom fields are the CRM's notes about
# the invoice, not part of the document the customer holds).
CHANGEABLE_ONCE_ISSUED = frozenset({
    "status", "amount_paid", "paid_on", "cancelled_on", "owner", "team", "custom", "version",
    "updated_at", "updated_by", "deleted_at", "deleted_by",
})


class InvoiceSequence(models.Model):
    """The last number given to an invoice (or credit note) of a year.

    Issuing locks the year's row until its transaction ends, so numbers are given one at a
    time and a rolled-back issue gives its number back: no gaps, no duplicates.
    """

    kind = models.CharField(max_length=12, choices=InvoiceKind.choices)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "year"],
                                               name="one_invoice_sequence_per_kind_and_year")]

    def __str__(self) -> str:
        return f"{self.kind} {self.year}: {self.last_number}"


def invoice_number(kind: str, year: int, number: int) -> str:
    """Return how the `number`th invoice or credit note of `year` is printed."""
    prefix = "CN-" if kind == InvoiceKind.CREDIT_NOTE else ""
    return f"{prefix}{year}-{number:05d}"


class Invoice(DocumentTotals, BillingAndShippingAddresses, Record):
    """A bill for an account, from an order or entered by hand, and the payments against it.

    A draft has no number and can be edited or deleted. Issuing gives it the next number of
    its year; from then on the document is final: only payments move its status (partly paid,
    paid, overdue past the due date) and cancelling issues a credit note that takes it back.
    """

    kind = models.CharField(_("kind"), max_length=12, choices=InvoiceKind.choices,
                            default=InvoiceKind.INVOICE, editable=False)
    number = models.CharField(_("number"), max_length=20, unique=True, null=True, blank=True,
                              editable=False)
    subject = models.CharField(_("subject"), max_length=200)
    account = models.ForeignKey("accounts.Account", on_delete=models.PROTECT,
                                related_name="invoices", verbose_name=_("account"))
    contact = models.ForeignKey("contacts.Contact", on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="invoices", verbose_name=_("contact"))
    opportunity = models.ForeignKey("sales.Opportunity", on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="invoices",
                                    verbose_name=_("opportunity"))
    order = models.ForeignKey("sales.Order", on_delete=models.PROTECT, null=True, blank=True,
                              editable=False, related_name="invoices", verbose_name=_("order"))
    credited_invoice = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, editable=False,
        related_name="credit_notes", verbose_name=_("credited invoice"),
    )
    currency = models.ForeignKey(
        "sales.Currency", on_delete=models.PROTECT, blank=True, related_name="invoices",
        verbose_name=_("currency"),
        help_text=_("Left empty, the price book's, else the account's."),
    )
    price_book = models.ForeignKey(
        "sales.PriceBook", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="invoices", verbose_name=_("price book"),
        help_text=_("Left empty, the account's price book."),
    )
    invoice_date = models.DateField(_("invoice date"), default=timezone.localdate)
    due_date = models.DateField(
        _("due date"), null=True, blank=True,
        help_text=_("Left empty, the invoice date plus the usual payment term."),
    )
    status = models.CharField(_("status"), max_length=12, choices=InvoiceStatus.choices,
                              default=InvoiceStatus.DRAFT, editable=False)
    issued_on = models.DateField(_("issued on"), null=True, blank=True, editable=False)
    amount_paid = money_field(_("amount paid"), default=Decimal("0"), editable=False)
    paid_on = models.DateField(_("paid on"), null=True, blank=True, editable=False)
    cancelled_on = models.DateField(_("cancelled on"), null=True, blank=True, editable=False)
    terms = models.TextField(_("terms"), blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta(Record.Meta):
        abstract = False
        ordering = ["-invoice_date", "-id"]
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        indexes = [
            models.Index(fields=["-invoice_date", "-id"]),
            models.Index(fields=["owner", "deleted_at"]),
            models.Index(fields=["team", "deleted_at"]),
            models.Index(fields=["status", "due_date"]),
            models.Index(fields=["account", "invoice_date"]),
        ]
        constraints = [
            # An invoice is taken back once, even when two people cancel it at once.
            models.UniqueConstraint(fields=["credited_invoice"],
                                    name="one_credit_note_per_invoice"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.subject}" if self.number else self.subject

    def get_absolute_url(self) -> str:
        return reverse("sales:invoice", args=[self.pk])

    @property
    def balance_due(self) -> Decimal:
        """Return what the customer still owes (nothing on drafts, credit notes, cancelled)."""
        if self.kind != InvoiceKind.INVOICE or self.status not in OPEN_STATUSES:
            return Decimal("0")
        return self.total - self.amount_paid

    def is_past_due(self, today: datetime.date | None = None) -> bool:
        """Return whether money is still due after the due date."""
        today = today or timezone.localdate()
        return (self.kind == InvoiceKind.INVOICE and self.status in OPEN_STATUSES
                and self.due_date is not None and self.due_date < today)

    @property
    def effective_status(self) -> str:
        """Return the status, reading an open invoice past its due date as overdue (the daily
        run stores it)."""
        return InvoiceStatus.OVERDUE if self.is_past_due() else self.status

    def clean(self) -> None:
        """The due date defaults to the invoice date plus the payment term, and is not
        before it."""
        super().clean()
        if self.invoice_date and not self.due_date:
            self.due_date = self.invoice_date + datetime.timedelta(
                days=settings.INVOICE_PAYMENT_DAYS)
        if self.invoice_date and self.due_date and self.due_date < self.invoice_date:
            raise ValidationError({"due_date": InvoiceErrorCode.DUE_BEFORE_INVOICE.label})

    def save(self, *args, **kwargs) -> None:
        """Refuse to change an issued invoice's document on every path (pages, API, bulk
        edits, imports): only payments, cancellation and assignment move it."""
        if not self._state.adding:
            stored = type(self).all_objects.filter(pk=self.pk).first()
            if stored is not None and stored.status != InvoiceStatus.DRAFT:
                changed = [field.name for field in self._meta.concrete_fields
                           if field.name not in CHANGEABLE_ONCE_ISSUED
                           and getattr(stored, field.attname) != getattr(self, field.attname)]
                if changed:
                    raise ApplicationError(InvoiceErrorCode.ISSUED_IS_FINAL.label,
                                           code=InvoiceErrorCode.ISSUED_IS_FINAL,
                                           field=changed[0])
        super().save(*args, **kwargs)

    def soft_delete(self, user) -> None:
        """Move a draft to the recycle bin; an issued invoice keeps its number for good."""
        if Invoice.all_objects.filter(pk=self.pk).exclude(status=InvoiceStatus.DRAFT).exists():
            raise ApplicationError(InvoiceErrorCode.ISSUED_IS_FINAL.label,
                                   code=InvoiceErrorCode.ISSUED_IS_FINAL)
        super().soft_delete(user)


class InvoiceLine(DocumentLine):
    """A line of an invoice (negative quantities and amounts on a credit note)."""

    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines",
                                verbose_name=_("invoice"))

    class Meta(DocumentLine.Meta):
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")


class Payment(models.Model):
    """Money received against an issued invoice; a negative amount is a refund.

    Payments are never edited: a wrong one is reversed by a refund, so the trail stays.
    """

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="payments",
                                verbose_name=_("invoice"))
    paid_on = models.DateField(_("paid on"), default=timezone.localdate)
    amount = money_field(_("amount"))
    method = models.CharField(_("method"), max_length=15, choices=PaymentMethod.choices,
                              default=PaymentMethod.BANK_TRANSFER)
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+", editable=False,
                                   verbose_name=_("recorded by"))

    class Meta:
        ordering = ["paid_on", "id"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")

    def __str__(self) -> str:
        return f"{self.amount} {self.paid_on}"
