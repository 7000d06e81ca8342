"""Every viewset of the analytics API; each module registers its own."""

from . import attractiveness, measures, portfolios  # noqa: F401
