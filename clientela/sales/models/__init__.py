"""The sales models, one module per area; import them from here."""

from .contracts import Contract, ContractDocument
from .currencies import Currency, ExchangeRate
from .invoices import Invoice, InvoiceLine, InvoiceSequence, Payment
from .opportunities import (
    Opportunity,
    OpportunityContact,
    OpportunityLine,
    StageChange,
    base_currency_code,
)
from .orders import Order, OrderLine
from .pipelines import Pipeline, Stage
from .products import PriceBook, PriceBookEntry, Product, ProductCategory
from .quotas import Quota
from .quotes import Quote, QuoteLine
from .templates import DocumentEmail, DocumentTemplate

__all__ = [
    "Contract",
    "ContractDocument",
    "Currency",
    "DocumentEmail",
    "DocumentTemplate",
    "ExchangeRate",
    "Invoice",
    "InvoiceLine",
    "InvoiceSequence",
    "Opportunity",
    "OpportunityContact",
    "OpportunityLine",
    "Order",
    "OrderLine",
    "Pipeline",
    "Payment",
    "PriceBook",
    "PriceBookEntry",
    "Product",
    "ProductCategory",
    "Quota",
    "Quote",
    "QuoteLine",
    "Stage",
    "StageChange",
    "base_currency_code",
]
