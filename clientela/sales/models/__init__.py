"""The sales models, one module per area; import them from here."""

from .contracts import Contract, ContractDocument
from .currencies import Currency, ExchangeRate
from .opportunities import Opportunity, OpportunityContact, StageChange, base_currency_code
from .orders import Order, OrderLine
from .pipelines import Pipeline, Stage
from .products import PriceBook, PriceBookEntry, Product, ProductCategory
from .quotas import Quota
from .quotes import Quote, QuoteLine

__all__ = [
    "Contract",
    "ContractDocument",
    "Currency",
    "ExchangeRate",
    "Opportunity",
    "OpportunityContact",
    "Order",
    "OrderLine",
    "Pipeline",
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
