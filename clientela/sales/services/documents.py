"""Writes shared by quotes, orders and invoices: checking and pricing the lines sent."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from clientela.core.models import ObjectChange, Record
from clientela.core.permissions import restrict

from ..documents import document_totals, line_amounts
from ..exceptions import NoExchangeRateError
from ..models import Currency, Product
from ..models.documents import DocumentLine
from ..money import decimal_places
from ..selectors import base_currency, convert, unit_price_for

# The decimal columns of a line: (decimal places, digits before the point).
QUANTITY_DIGITS = (4, 10)
MONEY_DIGITS = (4, 14)
PERCENT_DIGITS = (2, 3)


def parse_decimal(value: Any, digits: tuple[int, int]) -> Decimal | None:
    """Return `value` as a Decimal that fits the column, None when empty; raise ValueError."""
    if value is None or value == "":
        return None
    if isinstance(value, float | bool):
        raise ValueError
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation as error:
        raise ValueError from error
    places, whole = digits
    if not number.is_finite() or abs(number) >= Decimal(10) ** whole or (
        number != number.quantize(Decimal(1).scaleb(-places))
    ):
        raise ValueError
    return number


def _product_id(value: Any) -> int | None:
    if isinstance(value, Product):
        return value.pk
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


def build_lines(
    line_model: type[DocumentLine],
    items: Sequence[Mapping[str, Any]],
    *,
    user,
    account,
    currency: str,
    places: int,
    price_book=None,
    on_date: datetime.date | None = None,
) -> list[DocumentLine]:
    """Return unsaved lines for `items` ({product, description, quantity, unit_price,
    discount_percent, discount_amount, tax_rate}), priced and with their amounts computed.

    A line without a unit price takes the product's from `unit_price_for`, without a tax rate
    the product's, without a description the product's name; its unit cost is the product's
    cost in the document's currency. Raise ValidationError naming each bad value
    (`lines[1].quantity`); products are those the user may see.
    """
    errors: dict[str, list[str]] = {}
    ids = {_product_id(item.get("product")) for item in items} - {None, -1}
    products = {product.pk: product for product in
                restrict(Product.objects.filter(pk__in=ids), user, "view")}

    def refuse(key: str, message: str) -> None:
        errors.setdefault(key, []).append(message)

    lines = []
    for index, item in enumerate(items):
        key = f"lines[{index}]"
        product_id = _product_id(item.get("product"))
        product = products.get(product_id) if product_id is not None else None
        if product_id is not None and product is None:
            refuse(f"{key}.product", _("Choose a product you may see."))
        description = str(item.get("description") or "").strip()
        if product_id is None and not description:
            refuse(f"{key}.description", _("Describe the item or choose a product."))
        values: dict[str, Decimal | None] = {}
        for name, digits in (("quantity", QUANTITY_DIGITS), ("unit_price", MONEY_DIGITS),
                             ("discount_percent", PERCENT_DIGITS),
                             ("discount_amount", MONEY_DIGITS), ("tax_rate", PERCENT_DIGITS)):
            try:
                values[name] = parse_decimal(item.get(name), digits)
            except ValueError:
                values[name] = None
                refuse(f"{key}.{name}", _("Enter a number with at most %(places)d decimals "
                                          "and %(whole)d digits before the point.")
                       % {"places": digits[0], "whole": digits[1]})
        quantity = values["quantity"]
        if quantity is None and f"{key}.quantity" not in errors:
            refuse(f"{key}.quantity", _("Enter a quantity."))
        elif quantity is not None and quantity <= 0:
            refuse(f"{key}.quantity", _("Enter a quantity greater than zero."))
        for name in ("unit_price", "discount_amount"):
            if values[name] is not None and values[name] < 0:
                refuse(f"{key}.{name}", _("Enter an amount of 0 or more."))
        for name in ("discount_percent", "tax_rate"):
            if values[name] is not None and not 0 <= values[name] <= 100:
                refuse(f"{key}.{name}", _("Enter a percentage from 0 to 100."))
        if values["discount_percent"] is not None and values["discount_amount"] is not None:
            refuse(f"{key}.discount_amount",
                   _("Give the discount as a percentage or as an amount, not both."))
        unit_price = values["unit_price"]
        unit_cost = None
        if product is not None:
            if unit_price is None and f"{key}.unit_price" not in errors:
                try:
                    unit_price = unit_price_for(product, account, currency, on_date,
                                                price_book=price_book).price
                except NoExchangeRateError as error:
                    refuse(f"{key}.unit_price", error.message)
            if product.cost is not None:
                try:
                    unit_cost = convert(product.cost, product.currency_id, currency, on_date)
                except NoExchangeRateError:
                    # Without a rate the cost stays unknown; the line can still be sold.
                    unit_cost = None
        elif unit_price is None and f"{key}.unit_price" not in errors:
            refuse(f"{key}.unit_price", _("Enter a unit price."))
        tax_rate = values["tax_rate"]
        if tax_rate is None:
            tax_rate = product.tax_rate if product is not None else Decimal("0")
        line = line_model(
            position=index, product=product,
            description=description or (product.name if product is not None else ""),
            quantity=quantity, unit_price=unit_price,
            discount_percent=values["discount_percent"],
            discount_amount=values["discount_amount"], tax_rate=tax_rate, unit_cost=unit_cost,
        )
        if not any(name.startswith(f"{key}.") for name in errors):
            amounts = line_amounts(line, places)
            if amounts.discount > amounts.subtotal:
                refuse(f"{key}.discount_amount",
                       _("The discount cannot be more than the line's subtotal."))
            line.set_amounts(amounts)
        lines.append(line)
    if errors:
        raise ValidationError(errors)
    return lines


def lines_as_items(lines: Sequence[DocumentLine]) -> list[dict[str, Any]]:
    """Return stored lines as the items `build_lines` takes, to price them again."""
    return [
        {"product": line.product, "description": line.description, "quantity": line.quantity,
         "unit_price": line.unit_price, "discount_percent": line.discount_percent,
         "discount_amount": line.discount_amount, "tax_rate": line.tax_rate}
        for line in lines
    ]


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}"


def line_summary(line: DocumentLine) -> str:
    """Return how a line reads in a document's history (numbers without trailing zeros, so a
    stored line and the same line priced again read alike)."""
    discount = (f" -{_number(line.discount_percent)}%" if line.discount_percent is not None
                else f" -{_number(line.discount_amount)}" if line.discount_amount is not None
                else "")
    return (f"{line.description}: {_number(line.quantity)} × {_number(line.unit_price)}"
            f"{discount} +{_number(line.tax_rate)}% = {_number(line.line_total)}")


def totals_of(lines: Sequence[DocumentLine], places: int):
    """Return the totals of `lines` (computed amounts already set)."""
    return document_totals((line.amounts for line in lines), places)


def default_currency(document) -> str:
    """Return the currency a document without one is in: its price book's, else its
    account's when that is active, else the base currency."""
    if document.price_book_id:
        return document.price_book.currency_id
    account = document.account if document.account_id else None
    if account is not None and Currency.objects.filter(pk=account.currency,
                                                       is_active=True).exists():
        return account.currency
    return base_currency().code


def document_save(
    *,
    document: Record,
    line_model: type[DocumentLine],
    parent_field: str,
    user,
    lines: Sequence[Mapping[str, Any]] | None = None,
    expected_version: int | None = None,
) -> Record:
    """Save a new or edited quote, order or invoice with its lines (replaced as a whole).

    A new document takes the account's price book; the currency defaults from the book, else
    the account. Lines left as None stay, priced again in the document's currency. The
    totals are the sums of the lines' rounded amounts; the lines' change is written into the
    history entry of the save. Bad input raises ValidationError naming the field
    (`lines[1].quantity`), a stale `expected_version` StaleVersionError; nothing is written
    then.
    """
    with transaction.atomic():
        existing: list[DocumentLine] = []
        if document.pk is not None:
            existing = list(line_model.objects.filter(**{f"{parent_field}_id": document.pk})
                            .select_related("product"))
        elif (document.account_id and not document.price_book_id
              and document.account.price_book_id):
            document.price_book_id = document.account.price_book_id
        if not document.currency_id:
            document.currency_id = default_currency(document)
        document.stamp(user, expected_version=expected_version)
        document.full_clean()
        places = decimal_places(document.currency_id)
        built = build_lines(
            line_model, lines if lines is not None else lines_as_items(existing), user=user,
            account=document.account, currency=document.currency_id, places=places,
            price_book=document.price_book if document.price_book_id else None,
        )
        document.set_totals(totals_of(built, places))
        creating = document.pk is None
        last_change = ObjectChange.last_pk()
        document.save()
        line_model.objects.filter(**{parent_field: document}).delete()
        for line in built:
            setattr(line, parent_field, document)
        line_model.objects.bulk_create(built)
        before = [line_summary(line) for line in existing]
        after = [line_summary(line) for line in built]
        if not creating:
            ObjectChange.record_related(document, user, "lines", before, after,
                                        since=last_change)
    return document


