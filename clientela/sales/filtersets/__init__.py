"""Filtersets of the sales app, kept per area."""

from .contracts import ContractFilterSet
from .invoices import InvoiceFilterSet
from .opportunities import OpportunityFilterSet
from .orders import OrderFilterSet
from .products import PriceBookFilterSet, ProductFilterSet
from .quotas import QuotaFilterSet
from .quotes import QuoteFilterSet

__all__ = [
    "ContractFilterSet",
    "InvoiceFilterSet",
    "OpportunityFilterSet",
    "OrderFilterSet",
    "PriceBookFilterSet",
    "ProductFilterSet",
    "QuotaFilterSet",
    "QuoteFilterSet",
]
