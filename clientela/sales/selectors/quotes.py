"""Reads of quotes: which quotes are in a status, reading past-validity ones as expired."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from ..choices import QuoteStatus


def quotes_in_status(queryset: QuerySet, status: str,
                     today: datetime.date | None = None) -> QuerySet:
    """Return the quotes of `queryset` in `status`, where a sent quote whose valid-until date
    has passed is expired already (before the schedule marks it so)."""
    today = today or timezone.localdate()
    past = Q(status=QuoteStatus.SENT, valid_until__lt=today)
    if status == QuoteStatus.EXPIRED:
        return queryset.filter(Q(status=QuoteStatus.EXPIRED) | past)
    if status == QuoteStatus.SENT:
        return queryset.filter(status=QuoteStatus.SENT).exclude(past)
    return queryset.filter(status=status)
