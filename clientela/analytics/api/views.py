"""The analytics endpoints of the API: each module registers its viewsets when imported."""

from . import measures  # noqa: F401
