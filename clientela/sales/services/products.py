"""Writes of the catalogue: a price book's entries, deleting a category."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from clientela.core.exceptions import ApplicationError
from clientela.core.models import ObjectChange
from clientela.core.permissions import restrict

from ..choices import SalesErrorCode
from ..models import PriceBook, PriceBookEntry, Product, ProductCategory

PRICE_LIMIT = Decimal("1E16")


def clean_entries(entries: Sequence[Mapping[str, Any]], user) -> list[dict[str, Any]]:
    """Return the entries as {product (id), unit_price (Decimal)}, or raise naming the item.

    Every product must be one the user may see, listed once; every price a number ≥ 0 with at
    most two decimals.
    """
    errors: dict[str, list[str]] = {}
    visible = set(
        restrict(Product.objects.all(), user, "view")
        .filter(pk__in=[_product_id(item.get("product")) for item in entries])
        .values_list("pk", flat=True)
    )
    cleaned: list[dict[str, Any]] = []
    seen: set[int] = set()
    for index, item in enumerate(entries):
        key = f"entries[{index}]"
        product = _product_id(item.get("product"))
        if product is None or product not in visible:
            errors.setdefault(f"{key}.product", []).append(_("Choose a product you may see."))
        elif product in seen:
            errors.setdefault(f"{key}.product", []).append(
                _("This product is listed twice; a book has one price per product.")
            )
        seen.add(product)
        price = item.get("unit_price")
        try:
            price = Decimal(str(price)) if price is not None and price != "" else None
        except InvalidOperation:
            price = None
        if price is None or not price.is_finite():
            errors.setdefault(f"{key}.unit_price", []).append(_("Enter a price."))
        elif price < 0:
            errors.setdefault(f"{key}.unit_price", []).append(_("Enter an amount of 0 or more."))
        elif price != price.quantize(Decimal("0.01")) or abs(price) >= PRICE_LIMIT:
            errors.setdefault(f"{key}.unit_price", []).append(
                _("Enter a price below 10^16 with at most two decimals.")
            )
        cleaned.append({"product": product, "unit_price": price})
    if errors:
        raise ValidationError(errors)
    return cleaned


def _product_id(value: Any) -> int | None:
    if isinstance(value, Product):
        return value.pk
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def price_book_set_entries(*, price_book: PriceBook, entries: Sequence[Mapping[str, Any]],
                           user) -> PriceBook:
    """Replace the book's prices with `entries` ({product, unit_price}); return the book.

    Prices of products the user may not see are kept as they are. The change is recorded in
    the book's history as `entries` (["SKU: price", …]). Invalid input raises a ValidationError
    naming the item (`entries[2].unit_price`) and writes nothing.
    """
    cleaned = clean_entries(entries, user)
    visible = restrict(Product.objects.all(), user, "view")
    with transaction.atomic():
        current = price_book.entries.filter(product__in=visible)
        before = sorted(f"{sku}: {price}" for sku, price in
                        current.values_list("product__sku", "unit_price"))
        current.delete()
        PriceBookEntry.objects.bulk_create(
            PriceBookEntry(price_book=price_book, product_id=item["product"],
                           unit_price=item["unit_price"])
            for item in cleaned
        )
        skus = dict(Product.all_objects.filter(pk__in=[item["product"] for item in cleaned])
                    .values_list("pk", "sku"))
        after = sorted(f"{skus[item['product']]}: {item['unit_price']}" for item in cleaned)
        if before != after and price_book.pk:
            ObjectChange.record(price_book, ObjectChange.Action.UPDATE, user,
                                {"entries": before}, {"entries": after})
    return price_book


def product_category_delete(*, category: ProductCategory) -> None:
    """Delete a category that has neither products nor subcategories."""
    if category.children.exists() or Product.all_objects.filter(category=category).exists():
        raise ApplicationError(
            _("The category still has products or subcategories; move them first."),
            code=SalesErrorCode.CATEGORY_IN_USE,
        )
    category.delete()
