"""Reads of stored runs: which run a page shows, and its results as the viewer may see them.

Every table, chart, export and API answer of the analytics reads customers through
`customer_results`, which keeps only the accounts the viewer may see: a rep's Pareto page is
the Pareto of the rep's own customers, ranked as they rank in the whole company.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from clientela.accounts.models import Account
from clientela.core.permissions import ALL, can, restrict, scope

from ..choices import RunStatus
from ..models import AnalysisRun, CustomerResult, ProductResult

MODULE = "analytics"


def may_view_analytics(user) -> bool:
    return can(user, MODULE, "access")


def may_run_analytics(user) -> bool:
    return can(user, MODULE, "create")


def may_export_analytics(user) -> bool:
    return can(user, MODULE, "export")


def may_view_company_figures(user) -> bool:
    """Whether figures over every customer (product profitability) are the viewer's to see:
    those who may see every account."""
    return may_view_analytics(user) and scope(user, "accounts", "view") == ALL


def finished_runs() -> QuerySet[AnalysisRun]:
    """Return the runs that succeeded, newest first."""
    return AnalysisRun.objects.filter(status=RunStatus.SUCCEEDED).order_by(
        "-as_of", "-finished_at", "-id")


def latest_run() -> AnalysisRun | None:
    """Return the newest run that succeeded, or None before the first one."""
    return finished_runs().first()


def run_or_latest(run_id) -> AnalysisRun | None:
    """Return the finished run with this id when there is one, else the latest."""
    if run_id:
        try:
            return finished_runs().get(pk=int(run_id))
        except (AnalysisRun.DoesNotExist, TypeError, ValueError):
            pass
    return latest_run()


@dataclass(frozen=True)
class ResultFilters:
    """The dimensions every analytics page can be narrowed by (empty: everyone)."""

    customer_class: str = ""
    region: str = ""
    industry: str = ""
    country: str = ""
    owner: int | None = None
    portfolio: int | None = None

    def apply(self, results: QuerySet[CustomerResult]) -> QuerySet[CustomerResult]:
        if self.customer_class:
            results = results.filter(customer_class=self.customer_class)
        if self.region:
            results = results.filter(region=self.region)
        if self.industry:
            results = results.filter(industry=self.industry)
        if self.country:
            results = results.filter(country=self.country)
        if self.owner:
            results = results.filter(account__owner_id=self.owner)
        if self.portfolio:
            from ..portfolios.selectors import portfolio_account_ids

            results = results.filter(
                account_id__in=portfolio_account_ids(portfolio_id=self.portfolio))
        return results


def visible_accounts(user) -> QuerySet[Account]:
    """Return the accounts `user` may view, narrowed to the reach of the user's analytics
    grant: a rep who sees the team's accounts sees the analytics of their own."""
    return restrict(Account.objects.restrict(user, "view"), user, "view", module=MODULE)


def customer_results(*, user, run: AnalysisRun,
                     filters: ResultFilters | None = None) -> QuerySet[CustomerResult]:
    """Return the run's results for the accounts `user` may see, narrowed by `filters`."""
    results = CustomerResult.objects.filter(
        run=run, account__in=visible_accounts(user).values("pk"),
    ).select_related("account")
    return (filters or ResultFilters()).apply(results)


def product_results(*, run: AnalysisRun) -> QuerySet[ProductResult]:
    """Return the run's product profitability, most margin first."""
    return ProductResult.objects.filter(run=run).select_related("product").order_by(
        "-margin", "product__name")


def account_path(*, user, account: Account, limit: int = 12) -> list[CustomerResult]:
    """Return the account's results in the latest runs, newest first (empty when the viewer
    may not see the analytics or the account)."""
    if not may_view_analytics(user) or not visible_accounts(user).filter(pk=account.pk).exists():
        return []
    return list(
        CustomerResult.objects.filter(account=account, run__status=RunStatus.SUCCEEDED)
        .select_related("run").order_by("-run__as_of", "-run__finished_at", "-run_id")[:limit]
    )


def region_choices(run: AnalysisRun) -> list[str]:
    """Return the regions of the run's customers, for the filter."""
    return sorted(set(CustomerResult.objects.filter(run=run).exclude(region="")
                      .values_list("region", flat=True).distinct()))
