"""Page-number pagination of every API list: `?page=N&page_size=M` (default 50, max 500)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.utils.functional import cached_property
from rest_framework import pagination


class CheapCountPaginator(Paginator):
    """A paginator whose COUNT drops ordering, joins for display and prefetches.

    Counting a 100k-row list must stay one plain `SELECT COUNT(*)` over the filtered table:
    `select_related` and `prefetch_related` only serve the rows of the page.
    """

    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        if hasattr(queryset, "query"):
            queryset = queryset.order_by().select_related(None).prefetch_related(None)
            return queryset.count()
        return len(queryset)


class PageNumberPagination(pagination.PageNumberPagination):
    """Return `{"count", "next", "previous", "results"}` pages of 50 rows (at most 500)."""

    django_paginator_class = CheapCountPaginator
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
