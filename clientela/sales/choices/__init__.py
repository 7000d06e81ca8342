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
    "LostReason",
    "OpportunityContactRole",
    "OpportunityErrorCode",
    "OpportunityStatus",
    "OrderErrorCode",
    "PaymentMethod",
    "PipelineErrorCode",
    "PriceSource",
    "ProductUnit",
    "QuoteErrorCode",
    "QuoteStatus",
    "SalesErrorCode",
    "ShippingStatus",
    "StageKind",
]
