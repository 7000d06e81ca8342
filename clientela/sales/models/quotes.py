"""Quotes: priced offers to an account, with their lines."""

from __future__ import annotations

import datetime

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clientela.core.exceptions import ApplicationError
from clientela.core.models import Record

from ..choices import QuoteErrorCode, QuoteStatus
from .documents import DocumentLine, DocumentTotals


class Quote(DocumentTotals, Record):
    """An offer of products at prices to an account, valid until a date.

    A draft is sent, then accepted or rejected; a sent quote past its valid-until date is
    expired. An accepted quote is final: nothing of it changes any more.
    """

    subject = models.CharField(_("subject"), max_length=200)
    account = models.ForeignKey("accounts.Account", on_delete=models.PROTECT,
                                related_name="quotes", verbose_name=_("account"))
    contact = models.ForeignKey("contacts.Contact", on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="quotes", verbose_name=_("contact"))
    opportunity = models.ForeignKey("sales.Opportunity", on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="quotes",
                                    verbose_name=_("opportunity"))
    currency = models.ForeignKey(
        "sales.Currency", on_delete=models.PROTECT, blank=True, related_name="quotes",
        verbose_name=_("currency"),
        help_text=_("Left empty, the price book's, else the account's."),
    )
    price_book = models.ForeignKey(
        "sales.PriceBook", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="quotes", verbose_name=_("price book"),
        help_text=_("Left empty, the account's price book."),
    )
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    terms = models.TextField(_("terms"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=QuoteStatus.choices,
                              default=QuoteStatus.DRAFT, editable=False)
    sent_on = models.DateField(_("sent on"), null=True, blank=True, editable=False)
    answered_on = models.DateField(_("answered on"), null=True, blank=True, editable=False)

    class Meta(Record.Meta):
        abstract = False
        ordering = ["-created_at", "-id"]
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        indexes = [
            models.Index(fields=["-created_at", "-id"]),
            models.Index(fields=["owner", "deleted_at"]),
            models.Index(fields=["team", "deleted_at"]),
            models.Index(fields=["status", "valid_until"]),
        ]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("sales:quote", args=[self.pk])

    def is_past_validity(self, today: datetime.date | None = None) -> bool:
        """Return whether a sent quote's valid-until date has passed (it is then expired)."""
        today = today or timezone.localdate()
        return (self.status == QuoteStatus.SENT and self.valid_until is not None
                and self.valid_until < today)

    def soft_delete(self, user) -> None:
        """Move the quote to the recycle bin, unless it is accepted: that one is final on
        every path (pages, API, bulk deletes)."""
        if Quote.all_objects.filter(pk=self.pk, status=QuoteStatus.ACCEPTED).exists():
            raise ApplicationError(QuoteErrorCode.ACCEPTED_IS_FINAL.label,
                                   code=QuoteErrorCode.ACCEPTED_IS_FINAL)
        super().soft_delete(user)

    @property
    def effective_status(self) -> str:
        """Return the status, reading a sent quote past its validity as expired."""
        return QuoteStatus.EXPIRED if self.is_past_validity() else self.status


class QuoteLine(DocumentLine):
    """A line of a quote."""

    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="lines",
                              verbose_name=_("quote"))

    class Meta(DocumentLine.Meta):
        verbose_name = _("quote line")
        verbose_name_plural = _("quote lines")
