"""Generic forms of the record pages: edit, bulk edit, saved views."""

from .records import (
    BulkEditForm,
    RecordForm,
    SavedViewForm,
    custom_form_field,
)

__all__ = ["BulkEditForm", "RecordForm", "SavedViewForm", "custom_form_field"]
