"""Code-driven states of invoices and payments and the errors of invoices."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InvoiceKind(models.TextChoices):
    """An invoice asks the customer to pay; a credit note takes an issued invoice back."""

    INVOICE = "invoice", _("Invoice")
    CREDIT_NOTE = "credit_note", _("Credit note")


class InvoiceStatus(models.TextChoices):
    """Where an invoice stands: being written, issued and how far paid, or taken back."""

    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")
    PARTLY_PAID = "partly_paid", _("Partly paid")
    PAID = "paid", _("Paid")
    OVERDUE = "overdue", _("Overdue")
    CANCELLED = "cancelled", _("Cancelled")


# The statuses of an issued invoice still waiting for (some of) its money.
OPEN_STATUSES = (InvoiceStatus.ISSUED, InvoiceStatus.PARTLY_PAID, InvoiceStatus.OVERDUE)


class PaymentMethod(models.TextChoices):
    BANK_TRANSFER = "bank_transfer", _("Bank transfer")
    CARD = "card", _("Card")
    DIRECT_DEBIT = "direct_debit", _("Direct debit")
    CASH = "cash", _("Cash")
    CHEQUE = "cheque", _("Cheque")
    OTHER = "other", _("Other")


class InvoiceErrorCode(models.TextChoices):
    ISSUED_IS_FINAL = "issued_is_final", _(
        "An issued invoice cannot be changed; cancel it with a credit note instead.")
    NOT_DRAFT = "not_draft", _("Only a draft invoice can be issued.")
    NO_LINES = "no_lines", _("An invoice needs at least one line before it is issued.")
    DUE_BEFORE_INVOICE = "due_before_invoice", _(
        "The due date cannot be before the invoice date.")
    NOT_OPEN = "not_open", _("Payments are recorded only against an issued, unpaid invoice.")
    OVERPAID = "overpaid", _("The payment is more than the %(amount)s still due.")
    REFUND_TOO_LARGE = "refund_too_large", _(
        "A refund cannot be more than the %(amount)s paid so far.")
    ZERO_PAYMENT = "zero_payment", _("Enter an amount other than zero.")
    NOT_CANCELLABLE = "not_cancellable", _(
        "Only an issued invoice that is not a credit note can be cancelled.")
    HAS_PAYMENTS = "has_payments", _(
        "Refund the %(amount)s paid before cancelling the invoice.")
    ORDER_INVOICED = "order_invoiced", _("This order already has an invoice.")
