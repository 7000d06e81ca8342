"""Orders: what an account bought, from an accepted quote or entered by hand, with lines."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clientela.core.addresses import BillingAndShippingAddresses
from clientela.core.models import Record

from ..choices import OrderErrorCode, ShippingStatus
from .documents import DocumentLine, DocumentTotals


class Order(DocumentTotals, BillingAndShippingAddresses, Record):
    """A sale agreed with an account: its lines, where to bill and ship, and how far shipping
    has gone. An order made from a quote keeps the quote; a quote becomes one order at most."""

    subject = models.CharField(_("subject"), max_length=200)
    account = models.ForeignKey("accounts.Account", on_delete=models.PROTECT,
                                related_name="orders", verbose_name=_("account"))
    contact = models.ForeignKey("contacts.Contact", on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="orders", verbose_name=_("contact"))
    opportunity = models.ForeignKey("sales.Opportunity", on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="orders",
                                    verbose_name=_("opportunity"))
    quote = models.ForeignKey("sales.Quote", on_delete=models.PROTECT, null=True, blank=True,
                              editable=False, related_name="orders", verbose_name=_("quote"))
    currency = models.ForeignKey(
        "sales.Currency", on_delete=models.PROTECT, blank=True, related_name="orders",
        verbose_name=_("currency"),
        help_text=_("Left empty, the price book's, else the account's."),
    )
    price_book = models.ForeignKey(
        "sales.PriceBook", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="orders", verbose_name=_("price book"),
        help_text=_("Left empty, the account's price book."),
    )
    order_date = models.DateField(_("order date"), default=timezone.localdate)
    shipping_status = models.CharField(_("shipping status"), max_length=10,
                                       choices=ShippingStatus.choices,
                                       default=ShippingStatus.PENDING)
    shipped_on = models.DateField(_("shipped date"), null=True, blank=True,
                                  help_text=_("Left empty when shipped, today."))
    description = models.TextField(_("description"), blank=True)

    class Meta(Record.Meta):
        abstract = False
        ordering = ["-order_date", "-id"]
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        indexes = [
            models.Index(fields=["-order_date", "-id"]),
            models.Index(fields=["owner", "deleted_at"]),
            models.Index(fields=["team", "deleted_at"]),
            models.Index(fields=["shipping_status", "order_date"]),
        ]
        constraints = [
            # A quote becomes one order at most, even when two people convert it at once.
            models.UniqueConstraint(fields=["quote"], name="one_order_per_quote"),
        ]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("sales:order", args=[self.pk])

    def clean(self) -> None:
        """A shipped or delivered order has a shipped date (today unless given); a pending
        one has none."""
        super().clean()
        if self.shipping_status == ShippingStatus.PENDING and self.shipped_on:
            raise ValidationError({"shipped_on": OrderErrorCode.SHIPPED_ON_PENDING.label})
        if self.shipping_status != ShippingStatus.PENDING and not self.shipped_on:
            self.shipped_on = timezone.localdate()


class OrderLine(DocumentLine):
    """A line of an order."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines",
                              verbose_name=_("order"))

    class Meta(DocumentLine.Meta):
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")
