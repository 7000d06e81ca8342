"""The analytics records' filters, where the platform looks for a module's filterset."""

from .portfolios.filtersets import PortfolioFilterSet

__all__ = ["PortfolioFilterSet"]
