"""The URL patterns of a record module's generic pages, declared once for every module."""

from __future__ import annotations

from types import ModuleType

from django.urls import URLPattern, path

# (path, view class suffix, URL name suffix) of the pages every record module has.
RECORD_PAGES = (
    ("", "ListView", "_list"),
    ("add/", "EditView", "_add"),
    ("bulk-edit/", "BulkEditView", "_bulk_edit"),
    ("bulk-delete/", "BulkDeleteView", "_bulk_delete"),
    ("export/", "ExportView", "_export"),
    ("<int:pk>/", "View", ""),
    ("<int:pk>/edit/", "EditView", "_edit"),
    ("<int:pk>/delete/", "DeleteView", "_delete"),
    ("<int:pk>/history/", "HistoryView", "_history"),
)


def record_patterns(name: str, views: ModuleType, prefix: str,
                    extra: list[URLPattern] | tuple = ()) -> list[URLPattern]:
    """Return the patterns of a record module's generic pages, then `extra` ones.

    The views are `<prefix>ListView`, `<prefix>EditView`, ... of `views`; the URL names are
    `<name>_list`, `<name>_add`, ..., `<name>` for the detail page, as `record_url` expects.
    Include the result under the module's slug. `extra` patterns come before the per-record
    ones so a fixed path such as `board/` is not read as a record id.
    """
    pages = [(route, getattr(views, f"{prefix}{view}"), f"{name}{suffix}")
             for route, view, suffix in RECORD_PAGES]
    listing = [path(route, view.as_view(), name=url_name)
               for route, view, url_name in pages if not route.startswith("<")]
    records = [path(route, view.as_view(), name=url_name)
               for route, view, url_name in pages if route.startswith("<")]
    return [*listing, *extra, *records]
