"""Generic record views every module declares its pages from, and the platform's own pages."""

from .base import RecordViewMixin, record_url, safe_return_url
from .bulk import BulkDeleteView, BulkEditView
from .home import home
from .lists import ObjectExportView, ObjectListView
from .objects import (
    Action,
    ObjectDeleteView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectView,
    RelatedList,
    add_validation_error,
)

__all__ = [
    "Action",
    "BulkDeleteView",
    "BulkEditView",
    "ObjectDeleteView",
    "ObjectEditView",
    "ObjectExportView",
    "ObjectHistoryView",
    "ObjectListView",
    "ObjectView",
    "RecordViewMixin",
    "RelatedList",
    "add_validation_error",
    "home",
    "record_url",
    "safe_return_url",
]
