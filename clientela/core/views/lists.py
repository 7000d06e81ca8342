"""The generic list page (table, filters, columns, saved views, paging) and its export."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View

from clientela.core.counting import RecordPaginator
from clientela.core.forms import SavedViewForm
from clientela.core.forms.records import style_fields
from clientela.core.tables import Column, Table
from clientela.customization.models import SavedView
from clientela.customization.validation import definitions

from .base import RecordViewMixin, optional_url, record_url
from .downloads import spreadsheet_safe, table_download

__all__ = ["ObjectExportView", "ObjectListView"]

# Parameters of the page itself, as opposed to the filters.
PAGE_PARAMS = frozenset({"sort", "page", "page_size", "_view", "_panel"})


class ObjectListView(RecordViewMixin, View):
    """List the records the user may see, as a sortable, filterable, paged table.

    Attributes:
        filterset: the module's FilterSet class (django-filter); its form is the filter panel.
        table: the module's `Table` subclass.
        filter_fields: the filters shown in the side panel (any filter still works in the URL).
        page_sizes: the page sizes offered; the first is the default.
    """

    filterset = None
    filter_fields: tuple[str, ...] = ("q", "owner", "team")
    table: type[Table]
    template_name = "generic/object_list.html"
    page_sizes = (25, 50, 100, 250)

    def columns_key(self) -> str:
        return f"clientela:columns:{self.module.slug}"

    def make_table(self) -> Table:
        return self.table(self.module.slug, self.hidden_fields)

    def chosen_columns(self, table: Table) -> list[Column]:
        """Return the columns the user picked for this module, or the table's defaults."""
        return table.chosen(self.request.session.get(self.columns_key()))

    def filtered(self, queryset):
        """Return (filterset or None, the queryset narrowed by the request's filters)."""
        if self.filterset is None:
            return None, queryset
        data = self.request.GET.copy()
        hidden = self.hidden_fields
        for name in list(data):
            # A filter on a field the user may not see would reveal its values.
            base = name.removeprefix("custom__").split("__")[0]
            if name in PAGE_PARAMS or name == "format" or base in hidden:
                data.pop(name, None)
        filterset = self.filterset(data, queryset=queryset, request=self.request)
        return filterset, filterset.qs

    def sorted(self, queryset, table: Table):
        """Return (the sort parameter in effect, the queryset in that order)."""
        sort = self.request.GET.get("sort", "")
        keys = {table.sort_key(column) for column in table.available()} - {None}
        if sort.lstrip("-") in keys:
            return sort, queryset.order_by(sort, "pk")
        return "", queryset

    def list_queryset(self, action: str = "view"):
        """Return (table, columns, filterset, sort, records) for the request."""
        table = self.make_table()
        columns = self.chosen_columns(table)
        filterset, queryset = self.filtered(self.get_queryset(action))
        sort, queryset = self.sorted(queryset, table)
        return table, columns, filterset, sort, queryset

    def get(self, request):
        if view_id := request.GET.get("_view"):
            saved = get_object_or_404(
                SavedView, pk=view_id if view_id.isdigit() else 0, user=request.user,
                module=self.module.slug,
            )
            request.session[self.columns_key()] = saved.columns
            return HttpResponseRedirect(f"{request.path}?{saved.query}" if saved.query
                                        else request.path)
        if request.GET.get("_panel") == "filters":
            return self.filters_panel()
        table, columns, filterset, sort, queryset = self.list_queryset()
        page_size = request.GET.get("page_size", "")
        page_size = int(page_size) if page_size.isdigit() and int(page_size) in self.page_sizes \
            else self.page_sizes[0]
        page = RecordPaginator(queryset, page_size).get_page(request.GET.get("page"))
        context = {
            **self.base_context(),
            "table": table,
            "columns": columns,
            "column_choices": [
                (column, table.label(column), column in columns) for column in table.available()
            ],
            "headers": self.headers(table, columns, sort),
            "rows": table.rows(page.object_list, columns),
            "page": page,
            "page_size": page_size,
            "page_sizes": self.page_sizes,
            # The panel's form is fetched when the panel first opens: building and rendering
            # a few dozen filter fields costs a quarter of the list page.
            "has_filters": filterset is not None,
            "panel_query": urlencode([*self.request.GET.items(), ("_panel", "filters")]),
            "filtered": any(
                value for name, value in request.GET.items() if name not in PAGE_PARAMS
            ),
            "query": request.GET.urlencode(),
            "filter_query": self.filter_query(),
            "saved_views": SavedView.objects.filter(user=request.user, module=self.module.slug),
            "saved_view_form": SavedViewForm(),
            "may_edit": self.module_may("edit"),
            "may_delete": self.module_may("delete"),
            "may_export": self.module_may("export"),
            "bulk_edit_url": record_url(self.model, "bulk_edit"),
            "merge_url": optional_url(
                f"{self.model._meta.app_label}:{self.model._meta.model_name}_merge"
            ),
            "bulk_delete_url": record_url(self.model, "bulk_delete"),
            "export_url": record_url(self.model, "export"),
            "list_links": self.get_links(),
        }
        template = self.template_name
        if request.htmx and not request.htmx.boosted:
            template = f"{self.template_name}#record-table"
        return render(request, template, context)

    def get_links(self) -> list:
        """Return `Action`s shown beside the list's title (other views of the module); a hook."""
        return []

    def filters_panel(self):
        """Answer the filter panel's form alone, filled in from the request's filters."""
        filterset, _queryset = self.filtered(self.get_queryset("view"))
        return render(self.request, "generic/_filter_panel.html", {
            **self.base_context(), "filter_form": self.filter_panel(filterset),
        })

    def filter_panel(self, filterset) -> list | None:
        """Return the bound fields of the side panel: the declared filters, custom fields and
        the filters other apps added."""
        if filterset is None:
            return None
        form = filterset.form
        style_fields(form)
        names = [*self.filter_fields,
                 *(f"custom__{definition.name}" for definition in definitions(self.module.slug)),
                 *filterset.added_filters]
        hidden = self.hidden_fields
        return [form[name] for name in names
                if name in form.fields and name.removeprefix("custom__") not in hidden]

    def module_may(self, action: str) -> bool:
        from clientela.core.permissions import can

        return can(self.request.user, self.module.slug, action)

    def filter_query(self) -> str:
        """Return the request's filters (and sort) as a query string, without paging."""
        pairs = [
            (name, value)
            for name, values in self.request.GET.lists()
            for value in values
            if name not in {"page", "_view", "_panel"} and value != ""
        ]
        return urlencode(pairs)

    def headers(self, table: Table, columns: list[Column], sort: str) -> list[dict]:
        """Return each header's label and, when sortable, the link that sorts by it."""
        params = self.request.GET.copy()
        params.pop("page", None)
        headers = []
        for column in columns:
            key = table.sort_key(column)
            header = {"column": column, "label": table.label(column), "url": None,
                      "direction": None}
            if key:
                direction = "asc" if sort == key else "desc" if sort == f"-{key}" else None
                params["sort"] = f"-{key}" if direction == "asc" else key
                header.update(url=f"?{params.urlencode()}", direction=direction)
            headers.append(header)
        return headers

    def post(self, request):
        """Change the columns, or save / delete a named view of this list."""
        action = request.POST.get("action")
        query = request.POST.get("query", "")
        table = self.make_table()
        if action == "columns":
            names = [name for name in request.POST.getlist("columns")
                     if name in {column.name for column in table.available()}]
            request.session[self.columns_key()] = names
        elif action == "save_view":
            form = SavedViewForm(request.POST)
            if form.is_valid():
                SavedView.objects.update_or_create(
                    user=request.user, module=self.module.slug, name=form.cleaned_data["name"],
                    defaults={
                        "query": query[:2000],
                        "columns": [column.name for column in self.chosen_columns(table)],
                    },
                )
                messages.success(request, _("View “%(name)s” saved.") % form.cleaned_data)
            else:
                messages.error(request, _("Give the view a name of at most 100 characters."))
        elif action == "delete_view":
            SavedView.objects.filter(
                pk=request.POST.get("view") or 0, user=request.user, module=self.module.slug
            ).delete()
            messages.success(request, _("View deleted."))
        return HttpResponseRedirect(f"{request.path}?{query}" if query else request.path)


class ObjectExportView(ObjectListView):
    """Download the current filtered list as CSV or XLSX: visible records, visible columns."""

    permission_action = "export"

    def get(self, request):
        self.require("export")
        table, columns, _filterset, _sort, queryset = self.list_queryset("export")
        header = [table.label(column) for column in columns]
        rows = (
            [spreadsheet_safe(table.cell(record, column, links=False).text)
             for column in columns]
            for record in queryset.iterator(chunk_size=500)
        )
        name = slugify(str(self.module.label)) or self.module.slug
        return table_download(name, header, rows, request.GET.get("format", "csv"))
