"""Global search: an index of every registered module, ranked and filtered per user."""

from __future__ import annotations

from collections.abc import Iterable


def index_bulk(model, ids: Iterable[int] | None = None) -> int:
    """Rebuild the search entries of `model`'s records (all when `ids` is None).

    Return how many entries were written. For code that writes records in bulk (demo data,
    imports, benchmarks): bulk writes send no `record_changed`, so they call this afterwards.
    """
    from .indexing import index_bulk as rebuild

    return rebuild(model, ids)
