"""Choices of the sales app, kept per area."""

from .contracts import ContractErrorCode, ContractStatus
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
    "ClosePeriod",
    "ContractErrorCode",
    "ContractStatus",
    "ForecastCategory",
    "ForecastFigure",
    "LostReason",
    "OpportunityContactRole",
    "OpportunityErrorCode",
    "OpportunityStatus",
    "OrderErrorCode",
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
