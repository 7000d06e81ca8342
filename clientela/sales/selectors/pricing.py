"""The pricing rule: what one unit of a product costs a customer, in one place.

Quotes and orders ask `unit_price_for`; nothing else decides a price.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from ..choices import PriceSource
from ..models import Currency, PriceBook, PriceBookEntry, Product
from .currencies import convert

if TYPE_CHECKING:
    from clientela.accounts.models import Account


class UnitPrice(NamedTuple):
    """A unit price, the currency it is in and where it came from."""

    price: Decimal
    currency: str
    source: PriceSource


def _book_price(product: Product, books) -> Decimal | None:
    entry = (
        PriceBookEntry.objects.filter(product=product, price_book__in=books)
        .order_by("price_book__name", "price_book_id").values_list("unit_price", flat=True)
        .first()
    )
    return entry


def _account_book(account: Account | None) -> PriceBook | None:
    if account is None or not account.price_book_id:
        return None
    return PriceBook.objects.filter(pk=account.price_book_id, is_active=True).first()


def unit_price_for(product: Product, account: Account | None = None,
                   currency: str | Currency | None = None,
                   on_date: datetime.date | None = None,
                   price_book: PriceBook | None = None) -> UnitPrice:
    """Return the unit price of `product` for `account` in `currency` on `on_date`.

    `price_book`, when given (a quote's own book), takes the place of the account's default.

    The currency, when not given, is that of the account's default price book, else the
    account's own currency when it is an active currency, else the product's. Then, the first
    that has the product:
    1. the account's default price book (active, in that currency);
    2. an active price book for the account's customer segment in that currency;
    3. an active price book in that currency with no segment;
    4. the product's list price converted to the currency at the rate of `on_date`
       (rounded half up to the currency's decimal places).
    Among several books of one step, the first by name wins. Books in the recycle bin never
    count.
    """
    own_book = price_book if price_book is not None and price_book.is_active and (
        price_book.deleted_at is None) else _account_book(account)
    if currency is None:
        if own_book is not None:
            currency = own_book.currency_id
        elif account is not None and Currency.objects.filter(pk=account.currency,
                                                             is_active=True).exists():
            currency = account.currency
        else:
            currency = product.currency_id
    code = currency.pk if isinstance(currency, Currency) else str(currency).upper()

    if own_book is not None and own_book.currency_id == code:
        price = _book_price(product, [own_book])
        if price is not None:
            return UnitPrice(price, code, PriceSource.ACCOUNT_PRICE_BOOK)
    books = PriceBook.objects.filter(currency_id=code, is_active=True)
    segment = getattr(account, "customer_class", "")
    if segment:
        price = _book_price(product, books.filter(segment=segment))
        if price is not None:
            return UnitPrice(price, code, PriceSource.SEGMENT_PRICE_BOOK)
    price = _book_price(product, books.filter(segment=""))
    if price is not None:
        return UnitPrice(price, code, PriceSource.GENERAL_PRICE_BOOK)
    return UnitPrice(convert(product.list_price, product.currency_id, code, on_date), code,
                     PriceSource.LIST_PRICE)
