"""Choices of the sales app, kept per area."""

from .contracts import ContractErrorCode, ContractStatus
from .documents import DocumentErrorCode, DocumentKind
from .invoices import (
    OPEN_STATUSES,
    InvoiceErrorCode,
    InvoiceKind,
    InvoiceStatus,
    PaymentMethod,
)
from .opportunities import (
    ClosePeriod,
    LostReason,
    OpportunityContactRole,
    OpportunityErrorCode,
    OpportunityStatus,
    PipelineErrorCode,
    StageKind,
)
from .orders import OrderErrorCode, ShippingStatus
from .products import PriceSource, ProductUnit, SalesErrorCode
from .quotas import ForecastCategory, ForecastFigure, PeriodKind, QuotaErrorCode
from .quotes import QuoteErrorCode, QuoteStatus

__all__ = [
    "OPEN_STATUSES",
    "ClosePeriod",
    "ContractErrorCode",
    "ContractStatus",
    "InvoiceErrorCode",
    "InvoiceKind",
    "InvoiceStatus",
    "DocumentErrorCode",
    "DocumentKind",
    "ForecastCategory",
    "ForecastFigure",
    "LostReason",
    "OpportunityContactRole",
    "OpportunityErrorCode",
    "OpportunityStatus",
    "OrderErrorCode",
    "PaymentMethod",
    "PeriodKind",
    "PipelineErrorCode",
    "PriceSource",
    "ProductUnit",
    "QuotaErrorCode",
    "QuoteErrorCode",
    "QuoteStatus",
    "SalesErrorCode",
    "ShippingStatus",
    "StageKind",
]
