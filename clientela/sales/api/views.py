"""Every viewset of the sales API; each area's module registers its own."""

from . import (
    contracts,
    currencies,
    dashboard,
    forecasts,
    invoices,
    opportunities,
    orders,
    pipelines,
    products,
    quotas,
    quotes,
)

__all__ = [
    "contracts", "currencies", "dashboard", "forecasts", "invoices", "opportunities", "orders",
    "pipelines", "products", "quotas", "quotes",
]
