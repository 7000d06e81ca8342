"""The search pages: full results at /search/?q= and the suggestions under the nav box."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .api import query_error_message
from .selectors import MAX_LIMIT, search_groups, search_results

SUGGESTION_LIMIT = 8


@require_GET
@login_required
def search_page(request: HttpRequest) -> HttpResponse:
    """Render the records matching `q`, grouped by module, or why nothing was searched."""
    query = request.GET.get("q", "").strip()
    error = query_error_message(query) if query else None
    results = [] if error or not query else search_results(
        user=request.user, query=query, limit=MAX_LIMIT
    )
    return render(request, "search/results.html", {
        "query": query,
        "error": error,
        "groups": search_groups(results),
        "count": len(results),
        "limit": MAX_LIMIT,
    })


@require_GET
@login_required
def search_suggest(request: HttpRequest) -> HttpResponse:
    """Render the dropdown of best matches for the nav box; empty while `q` is too short."""
    query = request.GET.get("q", "").strip()
    results = [] if not query or query_error_message(query) else search_results(
        user=request.user, query=query, limit=SUGGESTION_LIMIT
    )
    return render(request, "search/suggest.html", {"query": query, "results": results})
