"""Every viewset of the analytics API; each module registers its own."""

from . import attractiveness  # noqa: F401
