"""Page-number pagination of every API list: `?page=N&page_size=M` (default 50, max 500)."""

from __future__ import annotations

from rest_framework import pagination

from clientela.core.counting import RecordPaginator


class PageNumberPagination(pagination.PageNumberPagination):
    """Return `{"count", "next", "previous", "results"}` pages of 50 rows (at most 500)."""

    django_paginator_class = RecordPaginator
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
