"""Every viewset of the sales API; each area's module registers its own."""

from . import (
    contracts,
    currencies,
    invoices,
    opportunities,
    orders,
    pipelines,
    products,
    quotes,
)

__all__ = [
    "contracts", "currencies", "invoices", "opportunities", "orders", "pipelines", "products",
    "quotes",
]
