"""Every analytics viewset, imported so `core/api/urls.py` finds them registered."""

from . import portfolios  # noqa: F401
