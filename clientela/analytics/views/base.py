"""What every analytics page shares: the viewer's permission, the run shown, the filters, the
sortable table of customers behind the chart and its CSV/XLSX download.

A method's page declares its columns, its default order and the figures of its chart
(`measure_context`); the rest is here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F, QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View

from clientela.accounts.choices import CustomerClass, Industry
from clientela.core.permissions import can
from clientela.core.views.downloads import spreadsheet_safe, table_download
from clientela.sales.selectors import base_currency

from ..forms import ResultFilterForm
from ..models import AnalysisRun, CustomerResult, Portfolio
from ..selectors.results import (
    ResultFilters,
    customer_results,
    may_export_analytics,
    may_run_analytics,
    may_view_analytics,
    run_or_latest,
)

PAGE_SIZE = 50
# The account attributes a result keeps as stored values, read by their choices' labels.
SNAPSHOT_LABELS = {"customer_class": dict(CustomerClass.choices),
                   "industry": dict(Industry.choices)}
EXPORT_FORMATS = ("csv", "xlsx")


@dataclass(frozen=True)
class Tab:
    measure: str
    label: str
    url_name: str


# The analytics area's pages, in the order of its tabs.
TABS = (
    Tab("overview", _("Overview"), "analytics:overview"),
    Tab("pareto", _("Pareto / ABC"), "analytics:pareto"),
    Tab("rfm", _("RFM"), "analytics:rfm"),
    Tab("clv", _("Lifetime value"), "analytics:clv"),
    Tab("profitability", _("Profitability"), "analytics:profitability"),
    Tab("bcg", _("BCG matrix"), "analytics:bcg"),
    Tab("loyalty", _("Satisfaction × loyalty"), "analytics:loyalty"),
    Tab("customers", _("Customers"), "analytics:customers"),
    Tab("attractiveness", _("Attractiveness"), "analytics:attractiveness"),
    Tab("portfolios", _("Portfolios"), "analytics:portfolio_tree"),
)


@dataclass(frozen=True)
class ResultColumn:
    """A column of a page's customer table: a result's attribute, how it reads, and the
    database field it sorts by (None: not sortable)."""

    key: str
    label: str
    kind: str = "number"  # text, money, number, percent, share, score, choice, date
    sort: str | None = ""

    @property
    def order_field(self) -> str | None:
        return self.key if self.sort == "" else self.sort

    def value(self, result: CustomerResult):
        if self.key == "account":
            return result.account.name
        if self.kind == "choice":
            return str(getattr(result, f"get_{self.key}_display")())
        value = getattr(result, self.key)
        if self.key in SNAPSHOT_LABELS:
            return str(SNAPSHOT_LABELS[self.key].get(value, value))
        return value


ACCOUNT = ResultColumn("account", _("Customer"), "text", sort="account__name")


def filter_portfolios(user):
    """Return the portfolios the viewer may narrow a page to, or None without access."""
    if not can(user, "portfolios", "access"):
        return None
    return Portfolio.objects.restrict(user, "view").filter(is_active=True).order_by("code")


def analytics_users():
    return get_user_model().objects.filter(is_active=True).order_by(
        "first_name", "last_name", "username")


class AnalyticsView(LoginRequiredMixin, View):
    """An analytics page: open to users whose role grants access to the analytics."""

    measure = ""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not may_view_analytics(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def area_context(self) -> dict:
        return {"tabs": TABS, "measure": self.measure,
                "may_run": may_run_analytics(self.request.user),
                "may_export": may_export_analytics(self.request.user),
                "currency": base_currency().code}


class MeasurePage(AnalyticsView):
    """The page of one method over a run's customers, filtered and sortable."""

    title = ""
    template_name = ""
    columns: tuple[ResultColumn, ...] = ()
    ordering = "-revenue"

    def get(self, request):
        run = run_or_latest(request.GET.get("run"))
        form = ResultFilterForm(request.GET or None, run=run, users=analytics_users(),
                                portfolios=filter_portfolios(request.user))
        context = {**self.area_context(), "title": self.title, "form": form, "run": run}
        if run is None:
            return render(request, self.template_name, context)
        filters = form.filters()
        results = customer_results(user=request.user, run=run, filters=filters)
        file_format = request.GET.get("format")
        if file_format in EXPORT_FORMATS:
            if not may_export_analytics(request.user):
                raise PermissionDenied
            return self.export(run, results, file_format)
        context.update(self.measure_context(run, results, filters))
        context.update(self.table(results))
        return render(request, self.template_name, context)

    def measure_context(self, run: AnalysisRun, results: QuerySet[CustomerResult],
                        filters: ResultFilters) -> dict:
        """Return the figures and chart data of the method; pages override this."""
        return {}

    def table_results(self, results: QuerySet[CustomerResult]) -> QuerySet[CustomerResult]:
        """Return the rows of the table (all the run's customers by default)."""
        return results

    def sorted_results(self, results: QuerySet[CustomerResult]) -> tuple[QuerySet, str]:
        requested = self.request.GET.get("sort", "")
        fields = {column.key: column.order_field for column in self.columns
                  if column.order_field}
        key = requested.removeprefix("-")
        if key not in fields:
            requested, key = self.ordering, self.ordering.removeprefix("-")
            fields.setdefault(key, key)
        field = F(fields[key])
        order = field.desc(nulls_last=True) if requested.startswith("-") else field.asc(
            nulls_last=True)
        return results.order_by(order, "account__name", "pk"), requested

    def table(self, results: QuerySet[CustomerResult]) -> dict:
        rows, sort = self.sorted_results(self.table_results(results))
        page = Paginator(rows, PAGE_SIZE).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("sort", None)
        return {
            "columns": self.columns, "sort": sort, "page": page,
            "rows": [(result, [(column, column.value(result)) for column in self.columns])
                     for result in page.object_list],
            "query": query.urlencode(),
            "export_query": query.urlencode(),
        }

    def export(self, run: AnalysisRun, results: QuerySet[CustomerResult],
               file_format: str) -> HttpResponse:
        """Download every row of the table (not only the page) with its raw values."""
        rows, _sort = self.sorted_results(self.table_results(results))
        header = [str(column.label) for column in self.columns]

        def cells(result):
            for column in self.columns:
                value = column.value(result)
                if value is None:
                    yield ""
                elif isinstance(value, str):
                    yield spreadsheet_safe(value)
                elif hasattr(value, "isoformat"):
                    yield value.isoformat()
                else:
                    yield value if file_format == "xlsx" else str(value)

        body = (list(cells(result)) for result in rows.iterator(chunk_size=2000))
        name = f"{self.measure}-{run.as_of:%Y-%m-%d}"
        return table_download(name, header, body, file_format)


def run_url(run: AnalysisRun) -> str:
    return reverse("analytics:run", args=[run.pk])
