"""Where apps declare their API viewsets; `clientela.core.api.urls` routes what is here."""

from __future__ import annotations

from dataclasses import dataclass

from rest_framework.viewsets import ViewSetMixin


@dataclass(frozen=True)
class Route:
    """One collection of the API: `/api/v1/<prefix>/`."""

    prefix: str
    viewset: type[ViewSetMixin]
    basename: str


_routes: dict[str, Route] = {}


def register_viewset(prefix: str, viewset: type[ViewSetMixin], *, basename: str | None = None
                     ) -> type[ViewSetMixin]:
    """Route `viewset` at `/api/v1/<prefix>/` (URL names `api:<basename>-list|-detail`).

    Return the viewset, so this also works as a class decorator's body. A prefix is
    registered once; registering the same viewset again is harmless.
    """
    existing = _routes.get(prefix)
    if existing is not None and existing.viewset is not viewset:
        raise ValueError(f"API prefix {prefix!r} is already registered.")
    _routes[prefix] = Route(prefix=prefix, viewset=viewset, basename=basename or prefix)
    return viewset


def routes() -> list[Route]:
    """Return every registered route, by prefix."""
    return sorted(_routes.values(), key=lambda route: route.prefix)
