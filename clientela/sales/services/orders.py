"""Writes of orders: saving with lines, and turning an accepted quote into an order."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from clientela.core.exceptions import ApplicationError, PermissionDeniedError
from clientela.core.permissions import can, restrict
from clientela.users.models import User

from ..choices import OrderErrorCode, QuoteStatus
from ..models import Order, OrderLine, Quote
from .documents import document_save

ADDRESS_FIELDS = tuple(f"{kind}_{part}" for kind in ("billing", "shipping")
                       for part in ("street", "city", "region", "postal_code", "country"))
LINE_COPY_FIELDS = ("position", "product_id", "description", "quantity", "unit_price",
                    "discount_percent", "discount_amount", "tax_rate", "unit_cost",
                    "line_subtotal", "line_discount", "line_tax", "line_total")


class QuoteAlreadyConvertedError(ApplicationError):
    """The quote already became an order (possibly one now in the recycle bin)."""

    status_code = 409

    def __init__(self, order: Order):
        super().__init__(OrderErrorCode.ALREADY_CONVERTED.label,
                         code=OrderErrorCode.ALREADY_CONVERTED, extra={"order": order.pk})


def _take_account_addresses(order: Order) -> None:
    """Fill an order without any address with its account's billing and shipping addresses."""
    if order.account_id and not any(getattr(order, name) for name in ADDRESS_FIELDS):
        for name in ADDRESS_FIELDS:
            setattr(order, name, getattr(order.account, name))


def order_save(
    *,
    order: Order,
    user: User | None,
    lines: Sequence[Mapping[str, Any]] | None = None,
    expected_version: int | None = None,
) -> Order:
    """Save a new or edited order with its lines (replaced as a whole) and return it.

    A new order without addresses takes its account's; currency, price book, pricing and
    totals follow the rules of every sales document (`document_save`). Bad input raises
    ValidationError naming the field, a stale `expected_version` StaleVersionError; nothing
    is written then.
    """
    with transaction.atomic():
        if order.pk is None:
            _take_account_addresses(order)
        return document_save(document=order, line_model=OrderLine, parent_field="order",
                             user=user, lines=lines, expected_version=expected_version)


def quote_convert_to_order(*, quote: Quote, user: User) -> Order:
    """Make the order of an accepted quote and return it.

    The order copies the quote's account, contact, opportunity, currency, price book, lines
    (prices, discounts, taxes and costs as accepted) and totals, and the account's addresses;
    it belongs to the user. Needs the create grant of orders (PermissionDeniedError); a quote
    not accepted is an ApplicationError, one already converted QuoteAlreadyConvertedError
    (409); nothing is written then.
    """
    with transaction.atomic():
        if not can(user, "orders", "create"):
            raise PermissionDeniedError(_("Your role does not allow creating orders."))
        if not restrict(Quote.objects.filter(pk=quote.pk), user, "view").exists():
            raise PermissionDeniedError(_("You may not see this quote."))
        stored = Quote.objects.select_for_update().select_related("account").get(pk=quote.pk)
        if stored.status != QuoteStatus.ACCEPTED:
            raise ApplicationError(OrderErrorCode.QUOTE_NOT_ACCEPTED.label,
                                   code=OrderErrorCode.QUOTE_NOT_ACCEPTED, field="status")
        existing = Order.all_objects.filter(quote=stored).first()
        if existing is not None:
            raise QuoteAlreadyConvertedError(existing)
        order = Order(
            subject=stored.subject, account=stored.account, contact_id=stored.contact_id,
            opportunity_id=stored.opportunity_id, quote=stored,
            currency_id=stored.currency_id, price_book_id=stored.price_book_id,
            subtotal=stored.subtotal, discount_total=stored.discount_total,
            tax_total=stored.tax_total, total=stored.total,
        )
        _take_account_addresses(order)
        order.stamp(user)
        order.full_clean()
        order.save()
        OrderLine.objects.bulk_create(
            OrderLine(order=order, **{name: getattr(line, name) for name in LINE_COPY_FIELDS})
            for line in stored.lines.all()
        )
    return order
