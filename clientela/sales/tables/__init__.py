"""Tables of the sales app, kept per area."""

from .contracts import ContractTable
from .invoices import InvoiceTable
from .opportunities import OpportunityTable
from .orders import OrderTable
from .products import PriceBookTable, ProductTable
from .quotas import QuotaTable
from .quotes import QuoteTable

__all__ = [
    "ContractTable",
    "InvoiceTable",
    "OpportunityTable",
    "OrderTable",
    "PriceBookTable",
    "ProductTable",
    "QuotaTable",
    "QuoteTable",
]
