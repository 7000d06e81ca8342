"""Portfolios' place in the platform: a record module in the Analytics group, and a section
of the account page listing the account's portfolios."""

from django.utils.translation import gettext_lazy as _


def register_portfolios() -> None:
    """Declare portfolios as a module, so the platform gives them pages, API, search and
    permissions."""
    from clientela.accounts.models import Account
    from clientela.core.registry import register_detail_panel, register_module

    from ..models import Portfolio

    register_module(
        Portfolio, slug="portfolios", label=_("Portfolios"), group=_("Analytics"),
        icon="bi-diagram-3", order=61, search_fields=("name", "code", "description"),
    )
    register_detail_panel("portfolios", Account,
                          template_name="analytics/_portfolio_account_panel.html",
                          context=account_panel, order=80)


def account_panel(request, account) -> dict | None:
    """Return the account page's portfolio section, or None for users who may not open
    portfolios."""
    from .selectors import account_portfolios

    memberships = account_portfolios(user=request.user, account=account)
    return None if memberships is None else {"memberships": memberships}
