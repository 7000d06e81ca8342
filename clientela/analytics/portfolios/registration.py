"""Portfolios' place in the platform: a record module in the Analytics group."""

from django.utils.translation import gettext_lazy as _


def register_portfolios() -> None:
    """Declare portfolios as a module, so the platform gives them pages, API, search and
    permissions."""
    from clientela.core.registry import register_module

    from ..models import Portfolio

    register_module(
        Portfolio, slug="portfolios", label=_("Portfolios"), group=_("Analytics"),
        icon="bi-diagram-3", order=61, search_fields=("name", "code", "description"),
    )
