"""The arithmetic of document lines and totals, shared by quotes, orders and invoices.

Each line's amounts are rounded half up to the currency's decimal places; a document's totals
are the sums of its rounded line amounts, so a printed document always adds up.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple, Protocol

HUNDRED = Decimal(100)
ZERO = Decimal(0)


class LineAmounts(NamedTuple):
    """A line's subtotal (quantity × unit price), discount, tax and total, all rounded."""

    subtotal: Decimal
    discount: Decimal
    tax: Decimal
    total: Decimal


class PricedLine(Protocol):
    quantity: Decimal
    unit_price: Decimal
    discount_percent: Decimal | None
    discount_amount: Decimal | None
    tax_rate: Decimal


def round_money(amount: Decimal, places: int) -> Decimal:
    """Return `amount` rounded half up to `places` decimals."""
    return amount.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def line_amounts(line: PricedLine, places: int) -> LineAmounts:
    """Return the rounded amounts of one line in a currency of `places` decimals.

    The subtotal is quantity × unit price; the discount is a percentage of the subtotal or an
    amount off it; tax is the tax rate applied to the subtotal after the discount.
    """
    subtotal = round_money(line.quantity * line.unit_price, places)
    if line.discount_percent is not None:
        discount = round_money(subtotal * line.discount_percent / HUNDRED, places)
    else:
        discount = round_money(line.discount_amount or ZERO, places)
    tax = round_money((subtotal - discount) * (line.tax_rate or ZERO) / HUNDRED, places)
    return LineAmounts(subtotal, discount, tax, subtotal - discount + tax)


def document_totals(lines: Iterable[LineAmounts], places: int) -> LineAmounts:
    """Return a document's subtotal, discount, tax and total: the sums of its lines' amounts."""
    zero = round_money(ZERO, places)
    totals = [zero, zero, zero, zero]
    for amounts in lines:
        totals = [total + amount for total, amount in zip(totals, amounts, strict=True)]
    return LineAmounts(*totals)
