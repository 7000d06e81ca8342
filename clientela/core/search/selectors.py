"""Reads of the global search: what a user finds for a query, best first."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from clientela.core import registry
from clientela.core.permissions import can, hidden_fields
from clientela.core.registry import Module

from .backends import Scope, get_backend
from .text import query_terms

DEFAULT_LIMIT = 20
MAX_LIMIT = 100


@dataclass(frozen=True)
class SearchResult:
    """One record found: its module, id, label and the page that shows it."""

    module: str
    id: int
    label: str
    url: str

    @property
    def module_info(self) -> Module:
        """Return the registered module, for its label and icon on pages."""
        return registry.get_module(self.module)


@dataclass(frozen=True)
class SearchGroup:
    """The results of one module, for pages that show them grouped."""

    module: Module
    results: list[SearchResult]


def record_url(module: Module, pk: int) -> str:
    """Return the path of a record's detail page (`<app>:<model>` by convention)."""
    try:
        return reverse(f"{module.app_label}:{module.model._meta.model_name}", args=[pk])
    except NoReverseMatch:
        return f"/{module.slug}/{pk}/"


def _visible_fields(user, module: Module) -> tuple[str, ...] | None:
    hidden = hidden_fields(user, module.slug)
    visible = tuple(
        path for path in module.search_fields
        if path not in hidden and path.split("__", 1)[0] not in hidden
    )
    return None if len(visible) == len(module.search_fields) else visible


def search_scopes(*, user) -> list[Scope]:
    """Return a scope for every searchable module the user may view, restricted to them."""
    return [
        Scope(
            slug=module.slug,
            records=module.model.objects.restrict(user, "view").order_by(),
            visible_fields=_visible_fields(user, module),
        )
        for module in registry.modules()
        if module.search_fields and can(user, module.slug, "view")
    ]


def search_results(*, user, query: str, limit: int = DEFAULT_LIMIT) -> list[SearchResult]:
    """Return the live records `user` may view that match every word of `query`, best first.

    Words match as prefixes of the words in the module's search fields (any substring for
    CJK text and phone digits); fields the user's role hides are never matched on.
    """
    terms = query_terms(query)
    if not terms or user is None or not user.is_authenticated:
        return []
    limit = max(1, min(int(limit), MAX_LIMIT))
    hits = get_backend().search(terms, search_scopes(user=user), limit)
    return [
        SearchResult(module=hit.module, id=hit.object_id, label=hit.label,
                     url=record_url(registry.get_module(hit.module), hit.object_id))
        for hit in hits
    ]


def search_groups(results: list[SearchResult]) -> list[SearchGroup]:
    """Return the results grouped by module, the module of the best result first."""
    grouped: dict[str, list[SearchResult]] = {}
    for result in results:
        grouped.setdefault(result.module, []).append(result)
    return [SearchGroup(module=registry.get_module(slug), results=items)
            for slug, items in grouped.items()]
