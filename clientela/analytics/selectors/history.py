"""The buying history the analytics read: one row per customer and day, in the base currency.

A purchase is an order (its lines' net amount after discounts, their cost at the time of the
order), unless its invoice was cancelled and not invoiced again. Credit notes that take back
part of a live invoice take revenue and cost back on their own date without being purchases
(a cancelled invoice's credit note is the cancellation, already left out with its order).
Sums are made in the database per account, day and currency, then converted at each day's
rate: a few rows per purchase, not per line.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import numpy as np
from django.db.models import DecimalField, Exists, F, OuterRef, Q, Sum, Value
from django.db.models.functions import Coalesce

from clientela.sales.choices import InvoiceKind, InvoiceStatus
from clientela.sales.exceptions import NoExchangeRateError, UnknownCurrencyError
from clientela.sales.models import Invoice, InvoiceLine, OrderLine
from clientela.sales.selectors import BaseConverter

EPOCH = datetime.date(1970, 1, 1)
ZERO = Value(0, output_field=DecimalField())
LIVE_INVOICE = ~Q(status__in=(InvoiceStatus.DRAFT, InvoiceStatus.CANCELLED))


def epoch_day(date: datetime.date) -> int:
    return (date - EPOCH).days


def from_epoch_day(day: int) -> datetime.date:
    return EPOCH + datetime.timedelta(days=int(day))


@dataclass(frozen=True)
class BuyingHistory:
    """Per (account, day) rows sorted by both: revenue, cost and discounts in the base currency;
    `is_purchase` is false for a day with credit notes only. `skipped` counts the rows left out
    for want of an exchange rate."""

    account: np.ndarray
    day: np.ndarray
    revenue: np.ndarray
    cost: np.ndarray
    discounts: np.ndarray
    is_purchase: np.ndarray
    skipped: int

    @property
    def margin(self) -> np.ndarray:
        return self.revenue - self.cost


def counted_order_lines(*, until: datetime.date, since: datetime.date | None = None):
    """Return the order lines that count as purchases up to `until` (and from `since`): of
    live orders whose invoice was not cancelled without being invoiced again."""
    cancelled = Invoice.objects.filter(order=OuterRef("order_id"),
                                       status=InvoiceStatus.CANCELLED)
    live = Invoice.objects.filter(LIVE_INVOICE, order=OuterRef("order_id"),
                                  kind=InvoiceKind.INVOICE)
    lines = OrderLine.objects.filter(order__deleted_at__isnull=True,
                                     order__order_date__lte=until)
    if since is not None:
        lines = lines.filter(order__order_date__gte=since)
    return lines.exclude(Exists(cancelled) & ~Exists(live))


def _order_lines(until: datetime.date):
    return counted_order_lines(until=until).values_list(
        "order__account_id", "order__order_date", "order__currency_id")


def _credit_lines(until: datetime.date):
    return (
        InvoiceLine.objects.filter(
            invoice__kind=InvoiceKind.CREDIT_NOTE,
            invoice__deleted_at__isnull=True, invoice__invoice_date__lte=until,
        ).exclude(invoice__status__in=(InvoiceStatus.DRAFT, InvoiceStatus.CANCELLED))
        .exclude(invoice__credited_invoice__status=InvoiceStatus.CANCELLED)
        .values_list("invoice__account_id", "invoice__invoice_date", "invoice__currency_id")
    )


def line_sums() -> dict:
    """Return the sums of document lines the analytics read: net revenue (after discounts),
    cost (unknown unit costs count as none) and discounts."""
    return {
        "revenue": Sum(F("line_subtotal") - F("line_discount")),
        "cost": Sum(Coalesce(F("unit_cost"), ZERO) * F("quantity"),
                    output_field=DecimalField()),
        "discounts": Sum("line_discount"),
    }


def _sums(lines):
    return lines.annotate(**line_sums()).order_by()


def buying_history(*, until: datetime.date) -> BuyingHistory:
    """Return every account's purchases and credit notes up to `until` (inclusive)."""
    rows = [(*row, True) for row in _sums(_order_lines(until))]
    rows += [(*row, False) for row in _sums(_credit_lines(until))]
    converter = BaseConverter({row[2] for row in rows})
    rates: dict = {}
    kept, skipped = [], 0
    for account, day, currency, revenue, cost, discounts, is_purchase in rows:
        key = (currency, day)
        if key not in rates:
            try:
                rates[key] = float(converter.rate_on(currency, day))
            except (NoExchangeRateError, UnknownCurrencyError):
                rates[key] = None
        rate = rates[key]
        if rate is None:
            skipped += 1
            continue
        kept.append((account, epoch_day(day), float(revenue or 0) * rate,
                     float(cost or 0) * rate, float(discounts or 0) * rate, is_purchase))
    return _by_account_and_day(kept, skipped)


def _by_account_and_day(rows: list[tuple], skipped: int) -> BuyingHistory:
    """Sum the rows of each account's day (currencies, orders and credit notes together)."""
    if not rows:
        empty = np.zeros(0)
        return BuyingHistory(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), empty,
                             empty, empty, np.zeros(0, dtype=bool), skipped)
    account, day, revenue, cost, discounts, is_purchase = (np.array(column)
                                                            for column in zip(*rows, strict=True))
    order = np.lexsort((day, account))
    account, day = account[order].astype(np.int64), day[order].astype(np.int64)
    starts = np.flatnonzero(np.concatenate(
        ([True], (account[1:] != account[:-1]) | (day[1:] != day[:-1]))))
    return BuyingHistory(
        account=account[starts],
        day=day[starts],
        revenue=np.add.reduceat(revenue[order], starts),
        cost=np.add.reduceat(cost[order], starts),
        discounts=np.add.reduceat(discounts[order], starts),
        is_purchase=np.logical_or.reduceat(is_purchase[order].astype(bool), starts),
        skipped=skipped,
    )
