"""Reads of sales with logic, one module per area; the shared ones are imported from here."""

from .currencies import (
    BaseConverter,
    base_currency,
    convert,
    currency_list,
    exchange_rate_on,
    to_base,
)
from .pricing import UnitPrice, unit_price_for

__all__ = [
    "BaseConverter",
    "UnitPrice",
    "base_currency",
    "convert",
    "currency_list",
    "exchange_rate_on",
    "to_base",
    "unit_price_for",
]
