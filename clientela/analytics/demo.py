"""The demo company's analytics: survey answers that go with how customers buy, reps' scores
of the larger accounts, two runs (three months ago and today) so that every page has
something to show and customers have a path between classes, and a portfolio tree assigned
by its rules."""

from __future__ import annotations

import datetime
import random

import numpy as np
from django.utils import timezone

from clientela.accounts.models import Account
from clientela.users.models import User

from .choices import CriterionSource
from .models import AttractivenessCriterion, AttractivenessScore, Portfolio
from .portfolios.choices import PortfolioApproach, PortfolioTier
from .portfolios.services import portfolio_assign, portfolio_assign_confirm
from .selectors.history import buying_history, epoch_day
from .services import run_execute, run_start

SURVEYED_SHARE = 0.7
SCORED_ACCOUNTS = 30
EARLIER_RUN_DAYS = 91


def clamp(value: float, low: int, high: int) -> int:
    return max(low, min(high, round(value)))


def analytics_demo_create(*, seed: int) -> None:
    """Add the analytics' share of the demo company (see the module's docstring)."""
    rng = random.Random(seed)
    today = timezone.localdate()
    history = buying_history(until=today)
    accounts = np.unique(history.account[history.is_purchase])
    if accounts.size == 0:
        return
    position = np.searchsorted(accounts, history.account[history.is_purchase])
    purchases = np.bincount(position, minlength=accounts.size)
    last = np.zeros(accounts.size, dtype=np.int64)
    np.maximum.at(last, position, history.day[history.is_purchase])
    revenue = np.bincount(np.searchsorted(accounts, history.account),
                          weights=history.revenue, minlength=accounts.size)
    # Loyal behaviour in 0..1: buying often and lately.
    behaviour = (np.argsort(np.argsort(purchases)) / max(1, accounts.size - 1) * 0.6
                 + np.clip(1 - (epoch_day(today) - last) / 365, 0, 1) * 0.4)
    by_id = Account.objects.in_bulk(accounts.tolist())
    surveyed = []
    for index, account_id in enumerate(accounts.tolist()):
        if rng.random() > SURVEYED_SHARE:
            continue
        account = by_id[account_id]
        # Mostly satisfied loyal customers, with captives and mercenaries among them.
        satisfaction = clamp(1.5 + 3 * behaviour[index] + rng.gauss(0, 1.1), 1, 5)
        account.satisfaction = satisfaction
        account.expected_satisfaction = clamp(satisfaction + rng.choice((-1, 0, 0, 0, 1)), 1, 5)
        account.recommend_score = clamp(2 * satisfaction + rng.gauss(0, 1.2), 0, 10)
        account.surveyed_on = today - datetime.timedelta(days=rng.randint(7, 200))
        surveyed.append(account)
    Account.objects.bulk_update(surveyed, ["satisfaction", "expected_satisfaction",
                                           "recommend_score", "surveyed_on"])
    _scores_create(rng, [by_id[account_id] for account_id in
                         accounts[np.argsort(-revenue)][:SCORED_ACCOUNTS].tolist()])
    for as_of in (today - datetime.timedelta(days=EARLIER_RUN_DAYS), today):
        run_execute(run_id=run_start(as_of=as_of, enqueue=False).pk)
    _portfolios_create()


# The demo's portfolio tree: code, name, tier, approach, parent code, rules.
PORTFOLIOS = (
    ("1", "Strategic accounts", PortfolioTier.VIP, PortfolioApproach.RELATIONAL, None,
     [{"field": "is_key", "op": "eq", "value": True}]),
    ("2", "Gold customers", PortfolioTier.GOLD, PortfolioApproach.RELATIONAL, None,
     [{"field": "pareto_class", "op": "eq", "value": "A"}]),
    ("2.1", "Gold: champions", PortfolioTier.GOLD, PortfolioApproach.RELATIONAL, "2",
     [{"field": "pareto_class", "op": "eq", "value": "A"},
      {"field": "rfm_segment", "op": "eq", "value": "champions"}]),
    ("2.2", "Gold: to win back", PortfolioTier.GOLD, PortfolioApproach.RELATIONAL, "2",
     [{"field": "pareto_class", "op": "eq", "value": "A"},
      {"field": "rfm_segment", "op": "in",
       "value": ["at_risk", "cannot_lose", "about_to_sleep", "need_attention"]}]),
    ("3", "Silver customers", PortfolioTier.SILVER, PortfolioApproach.TRANSACTIONAL, None,
     [{"field": "pareto_class", "op": "eq", "value": "B"}]),
    ("4", "Consumers", PortfolioTier.GEOGRAPHIC, PortfolioApproach.TRANSACTIONAL, None,
     [{"field": "customer_class", "op": "eq", "value": "consumer"}]),
)


def _portfolios_create() -> None:
    """Build the demo's portfolio tree, owned by a sales manager, and assign it by its rules
    (members only: the demo's owners stay as they are)."""
    manager = User.objects.filter(role__slug="sales-manager", is_active=True).order_by(
        "pk").first()
    codes = [row[0] for row in PORTFOLIOS]
    # Loaded again (`clientela demo --force`): the tree the first load made stays as it is.
    if manager is None or Portfolio.all_objects.filter(code__in=codes).exists():
        return
    by_code: dict[str, Portfolio] = {}
    for code, name, tier, approach, parent, rules in PORTFOLIOS:
        portfolio = Portfolio(code=code, name=name, tier=tier, approach=approach,
                              parent=by_code.get(parent), rules=rules, owner=manager,
                              team=manager.team)
        portfolio.stamp(manager)
        portfolio.save()
        by_code[code] = portfolio
        preview = portfolio_assign(user=manager, portfolio=portfolio)
        portfolio_assign_confirm(user=manager, portfolio=portfolio, preview_token=preview.token)


def _scores_create(rng: random.Random, accounts: list[Account]) -> None:
    """Let the owners of the largest accounts score the criteria the data cannot answer."""
    criteria = list(AttractivenessCriterion.objects.filter(
        is_active=True, source=CriterionSource.MANUAL))
    AttractivenessScore.objects.bulk_create([
        AttractivenessScore(account=account, criterion=criterion,
                            score=clamp(rng.gauss(3.2 - 1.6 * rank / len(accounts), 1), 1, 5),
                            scored_by_id=account.owner_id)
        for rank, account in enumerate(accounts) for criterion in criteria
    ])
