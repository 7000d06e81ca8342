"""The demo company's analytics: survey answers that go with how customers buy, reps' scores
of the larger accounts, and two runs (three months ago and today) so that every page has
something to show and customers have a path between classes."""

from __future__ import annotations

import datetime
import random

import numpy as np
from django.utils import timezone

from clientela.accounts.models import Account

from .choices import CriterionSource
from .models import AttractivenessCriterion, AttractivenessScore
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
