"""Writes of sales beyond plain CRUD, one module per area; import them from here."""

from .currencies import currency_delete, currency_make_base, currency_save
from .products import price_book_set_entries, product_category_delete

__all__ = [
    "currency_delete",
    "currency_make_base",
    "currency_save",
    "price_book_set_entries",
    "product_category_delete",
]
