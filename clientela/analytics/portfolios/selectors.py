"""Reads of portfolios: the tree, a portfolio's members with their latest classes, and its
moves, each restricted to what the viewer may see."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, QuerySet

from clientela.accounts.models import Account
from clientela.core.permissions import can, restrict

from ..models import AnalysisRun, CustomerResult, Portfolio, PortfolioMember, PortfolioMove
from ..selectors.results import latest_run


@dataclass
class PortfolioNode:
    """A portfolio in the tree, with its member count and the portfolios under it."""

    portfolio: Portfolio
    members: int
    depth: int = 0
    children: list[PortfolioNode] = field(default_factory=list)


def portfolio_tree(*, user) -> list[PortfolioNode]:
    """Return the portfolios `user` may see as a tree (roots first, by code), each with its
    member count; a portfolio whose parent the user may not see shows as a root."""
    portfolios = list(
        restrict(Portfolio.objects.all(), user, "view").select_related("owner", "team")
        .annotate(member_count=Count("members")).order_by("code", "id"))
    nodes = {portfolio.pk: PortfolioNode(portfolio, portfolio.member_count)
             for portfolio in portfolios}
    roots = []
    for portfolio in portfolios:
        parent = nodes.get(portfolio.parent_id)
        (parent.children if parent else roots).append(nodes[portfolio.pk])

    def place(node_list: list[PortfolioNode], depth: int) -> None:
        for node in node_list:
            node.depth = depth
            place(node.children, depth + 1)

    place(roots, 0)
    return roots


def portfolio_flat_tree(*, user) -> list[PortfolioNode]:
    """Return the tree in reading order (each portfolio before its children)."""
    ordered: list[PortfolioNode] = []

    def walk(node_list: list[PortfolioNode]) -> None:
        for node in node_list:
            ordered.append(node)
            walk(node.children)

    walk(portfolio_tree(user=user))
    return ordered


@dataclass(frozen=True)
class MemberRow:
    """A member as its portfolio's page shows it: the account and its latest results."""

    member: PortfolioMember
    result: CustomerResult | None


@dataclass(frozen=True)
class PortfolioMembers:
    """A portfolio's members the viewer may see, how many there are in all, and the run
    their classes come from."""

    rows: list[MemberRow]
    total: int
    run: AnalysisRun | None

    @property
    def hidden(self) -> int:
        return self.total - len(self.rows)


def portfolio_members_queryset(*, user, portfolio: Portfolio) -> QuerySet[PortfolioMember]:
    """Return the portfolio's members whose accounts `user` may see, by account name."""
    visible = restrict(Account.objects.all(), user, "view").values("pk")
    return (PortfolioMember.objects.filter(portfolio=portfolio, account__in=visible)
            .select_related("account", "account__owner", "added_by")
            .order_by("account__name", "account_id"))


def portfolio_members(*, user, portfolio: Portfolio, run: AnalysisRun | None = None,
                      limit: int = 500) -> PortfolioMembers:
    """Return the members `user` may see (at most `limit`) with their results in `run`
    (default: the latest finished run), and the count of all members."""
    run = run or latest_run()
    members = list(portfolio_members_queryset(user=user, portfolio=portfolio)[:limit])
    results = {}
    if run is not None:
        results = {result.account_id: result for result in CustomerResult.objects.filter(
            run=run, account_id__in=[member.account_id for member in members])}
    return PortfolioMembers(
        rows=[MemberRow(member, results.get(member.account_id)) for member in members],
        total=PortfolioMember.objects.filter(portfolio=portfolio).count(), run=run)


def portfolio_moves(*, user, portfolio: Portfolio, limit: int = 100) -> list[PortfolioMove]:
    """Return the latest owner moves made for the portfolio, of accounts `user` may see."""
    visible = restrict(Account.objects.all(), user, "view").values("pk")
    return list(PortfolioMove.objects.filter(portfolio=portfolio, account__in=visible)
                .select_related("account", "from_owner", "to_owner", "moved_by")[:limit])


def portfolio_account_ids(*, portfolio_id: int, with_sub_portfolios: bool = True) -> QuerySet:
    """Return the ids of the accounts in the portfolio (and, by default, in the portfolios
    below it), for narrowing a page's customers to a portfolio."""
    ids = {portfolio_id}
    if with_sub_portfolios:
        ids |= Portfolio(pk=portfolio_id).descendant_ids()
    return PortfolioMember.objects.filter(portfolio_id__in=ids).values("account_id")


def account_portfolios(*, user, account: Account) -> list[PortfolioMember] | None:
    """Return the memberships of `account` in the portfolios `user` may see, by code; None
    when the user may not open portfolios at all."""
    if not can(user, "portfolios", "access"):
        return None
    visible = restrict(Portfolio.objects.all(), user, "view").values("pk")
    return list(PortfolioMember.objects.filter(account=account, portfolio__in=visible)
                .select_related("portfolio", "portfolio__owner")
                .order_by("portfolio__code", "portfolio_id"))
