"""The latest classes and values of accounts and contacts as their API records show them."""

from __future__ import annotations

from decimal import Decimal

from ..models import CustomerResult
from .results import latest_run, may_view_analytics, visible_accounts

RECORD_FIELDS = ("pareto_class", "rfm_segment", "bcg_quadrant", "loyalty_quadrant", "is_key",
                 "attractiveness", "revenue", "margin", "clv", "p_alive")


def _latest_results(user, account_ids: set[int]) -> dict[int, dict]:
    if not account_ids or not may_view_analytics(user):
        return {}
    run = latest_run()
    if run is None:
        return {}
    rows = CustomerResult.objects.filter(
        run=run, account_id__in=account_ids, account__in=visible_accounts(user).values("pk"),
    ).values("account_id", *RECORD_FIELDS)
    return {
        row.pop("account_id"): {
            "run": run.pk, "as_of": run.as_of.isoformat(),
            **{name: str(value) if isinstance(value, Decimal) else value
               for name, value in row.items()},
        }
        for row in rows
    }


def account_analytics(user, accounts: list) -> dict[int, dict]:
    """Return {account id: its latest run's classes and values} for the analytics' viewers."""
    return _latest_results(user, {account.pk for account in accounts})


def contact_analytics(user, contacts: list) -> dict[int, dict]:
    """Return {contact id: its primary account's latest classes and values}."""
    by_account = _latest_results(user, {contact.account_id for contact in contacts
                                        if contact.account_id})
    return {contact.pk: by_account[contact.account_id] for contact in contacts
            if contact.account_id in by_account}
