"""Choices of the sales app, kept per area."""

from .contracts import ContractErrorCode, ContractStatus
from .documents import DocumentErrorCode, DocumentKind
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
    "ClosePeriod",
    "ContractErrorCode",
    "ContractStatus",
    "DocumentErrorCode",
    "DocumentKind",
    "LostReason",
    "OpportunityContactRole",
    "OpportunityErrorCode",
    "OpportunityStatus",
    "OrderErrorCode",
    "PipelineErrorCode",
    "PriceSource",
    "ProductUnit",
    "QuoteErrorCode",
    "QuoteStatus",
    "SalesErrorCode",
    "ShippingStatus",
    "StageKind",
]
