"""Filters the analytics add to the account and contact lists: the classes of the latest run.

`/accounts/?analytics__rfm_segment=at_risk` (page, API and export alike) keeps the accounts
that run put in that segment; a contact is filtered by its primary account. Only users with
the analytics grant get these filters, and only over the accounts whose analytics they see.
"""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from .choices import BcgQuadrant, LoyaltyQuadrant, ParetoClass, RfmSegment
from .models import CustomerResult
from .selectors.results import latest_run, may_view_analytics, visible_accounts

PREFIX = "analytics__"
CLASSES = {
    "pareto_class": (_("ABC class"), ParetoClass.choices),
    "rfm_segment": (_("RFM segment"), RfmSegment.choices),
    "bcg_quadrant": (_("BCG quadrant"), BcgQuadrant.choices),
    "loyalty_quadrant": (_("Satisfaction × loyalty"), LoyaltyQuadrant.choices),
}


def account_list_filters(user) -> dict[str, django_filters.Filter]:
    """Return the analytics filters of the account lists that `user` may use."""
    return _filters(user, account_field="pk")


def contact_list_filters(user) -> dict[str, django_filters.Filter]:
    """Return the analytics filters of the contact lists: by the primary account's classes."""
    return _filters(user, account_field="account")


def _filters(user, *, account_field: str) -> dict[str, django_filters.Filter]:
    if user is None or not may_view_analytics(user):
        return {}
    filters: dict[str, django_filters.Filter] = {
        f"{PREFIX}{name}": django_filters.ChoiceFilter(
            label=label, choices=choices,
            method=_classed(user, account_field, name))
        for name, (label, choices) in CLASSES.items()
    }
    filters[f"{PREFIX}is_key"] = django_filters.BooleanFilter(
        label=_("Key account"), method=_classed(user, account_field, "is_key"))
    return filters


def _classed(user, account_field: str, name: str):
    """Return a filter method keeping the records whose account the latest run classed so."""

    def method(queryset: QuerySet, _filter_name: str, value) -> QuerySet:
        if value in (None, ""):
            return queryset
        run = latest_run()
        if run is None:
            return queryset.none()
        accounts = CustomerResult.objects.filter(
            run=run, account__in=visible_accounts(user).values("pk"), **{name: value},
        ).values("account_id")
        return queryset.filter(**{f"{account_field}__in": accounts})

    return method
