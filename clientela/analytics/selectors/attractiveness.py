"""Reads of the attractiveness scoring: the criteria, an account's scores and the total a run
would give it now, and the ranking page's figures.

An account's total is computed by the run's own functions (`measures.criterion_scores`,
`CriterionScores.attractiveness`) on the scores the latest run's data gave it (stored with its
result), so the account page and the run agree.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from clientela.accounts.models import Account

from ..measures import (
    DATA_SCORE_COLUMNS,
    Criterion,
    clears_key_account_bar,
    criterion_scores,
)
from ..models import (
    AnalysisRun,
    AnalyticsSettings,
    AttractivenessCriterion,
    AttractivenessScore,
    CustomerResult,
)

# A finished run's figures never change: the quintile scores of its customers are computed
# once and kept while the run is the one shown.


def active_criteria() -> list[AttractivenessCriterion]:
    """Return the active criteria in their order."""
    return list(AttractivenessCriterion.objects.filter(is_active=True))


def weighted_criteria() -> list[AttractivenessCriterion]:
    """Return the active criteria that count (weight above 0), in their order."""
    return [criterion for criterion in active_criteria() if criterion.weight > 0]


def as_criterion(row: AttractivenessCriterion) -> Criterion:
    return Criterion(id=row.id, weight=row.weight, source=row.source)


def account_scores(*, account: Account) -> dict[int, AttractivenessScore]:
    """Return the account's scores by hand, by criterion id."""
    return {score.criterion_id: score for score in AttractivenessScore.objects.filter(
        account=account).select_related("scored_by")}


def account_data_scores(*, run: AnalysisRun | None, account: Account) -> dict[str, int]:
    """Return the 1–5 scores the run's data gave the account, by criterion source (empty
    without a run, or when the run did not classify the account; 0: no data)."""
    if run is None:
        return {}
    row = CustomerResult.objects.filter(run=run, account=account).values(
        *DATA_SCORE_COLUMNS.values()).first()
    if row is None:
        return {}
    return {str(source): row[column] or 0 for source, column in DATA_SCORE_COLUMNS.items()}


@dataclass(frozen=True)
class ScoredCriterion:
    """A criterion as the account page shows it: its score, where the score comes from and
    the rep's score (None: none)."""

    criterion: AttractivenessCriterion
    score: int  # 0: not scored
    from_data: bool
    manual: AttractivenessScore | None
    data_score: int  # what the data says, shown beside a rep's override (0: nothing)


@dataclass(frozen=True)
class AccountAttractiveness:
    """An account's criteria with their scores, and the total the run would compute now."""

    criteria: list[ScoredCriterion]
    attractiveness: float | None
    bar: int
    is_key: bool
    run: AnalysisRun | None
    weight_scored: int
    weight_total: int


def account_attractiveness(*, account: Account, run: AnalysisRun | None
                           ) -> AccountAttractiveness:
    """Return the account's score on each weighted criterion (a rep's, else the run's data)
    and the weighted total 0–100 with the current criteria, scores and bar."""
    rows = weighted_criteria()
    manual = account_scores(account=account)
    from_data = account_data_scores(run=run, account=account)
    scoring = criterion_scores(
        criteria=[as_criterion(row) for row in rows], accounts=np.array([account.pk]),
        manual={account.pk: {criterion_id: score.score
                             for criterion_id, score in manual.items()}},
        from_data={source: np.array([value]) for source, value in from_data.items()})
    total = float(scoring.attractiveness()[0])
    attractiveness = None if np.isnan(total) else total
    bar = AnalyticsSettings.load().key_account_bar
    criteria = [
        ScoredCriterion(criterion=row, score=int(scoring.scores[0, column]),
                        from_data=bool(scoring.from_data[0, column]),
                        manual=manual.get(row.pk), data_score=int(from_data.get(row.source, 0)))
        for column, row in enumerate(rows)
    ]
    return AccountAttractiveness(
        criteria=criteria, attractiveness=attractiveness, bar=bar,
        is_key=bool(clears_key_account_bar(attractiveness, bar)), run=run,
        weight_scored=sum(item.criterion.weight for item in criteria if item.score),
        weight_total=sum(row.weight for row in rows),
    )


def with_scored_criteria(results: QuerySet[CustomerResult]) -> QuerySet[CustomerResult]:
    """Return the results with `scored_criteria`: how many active weighted criteria a rep has
    scored the account on."""
    counted = (AttractivenessScore.objects
               .filter(account_id=OuterRef("account_id"), criterion__is_active=True,
                       criterion__weight__gt=0)
               .order_by().values("account_id").annotate(number=Count("id"))
               .values("number"))
    return results.annotate(scored_criteria=Coalesce(
        Subquery(counted, output_field=IntegerField()), 0))


@dataclass(frozen=True)
class RankingFigures:
    """The ranking page's figures over the customers shown."""

    customers: int
    scored: int
    key_accounts: int
    bar: float
    criteria: list[AttractivenessCriterion]
    total_weight: int
    top: list[tuple[str, float, bool]]


TOP = 20


def ranking_figures(*, run: AnalysisRun, results: QuerySet[CustomerResult]) -> RankingFigures:
    """Return the counts of scored and key accounts among `results`, the bar the run used,
    the criteria as they are now and the most attractive accounts."""
    counts = results.aggregate(customers=Count("id"), scored=Count("attractiveness"),
                               key_accounts=Count("id", filter=Q(is_key=True)))
    top = [
        (name, value, is_key) for name, value, is_key in results.exclude(attractiveness=None)
        .order_by("-attractiveness", "account__name", "pk")
        .values_list("account__name", "attractiveness", "is_key")[:TOP]
    ]
    criteria = active_criteria()
    return RankingFigures(
        customers=counts["customers"], scored=counts["scored"],
        key_accounts=counts["key_accounts"],
        bar=float(run.parameters.get("key_account_bar", AnalyticsSettings.load().key_account_bar)),
        criteria=criteria, total_weight=sum(row.weight for row in criteria), top=top)
