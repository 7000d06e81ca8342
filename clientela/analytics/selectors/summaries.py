"""Figures of a run over the customers a viewer may see: the overview's headline cards and
each method's chart data."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import numpy as np
from django.db.models import Count, Q, QuerySet, Sum

from ..choices import ValueBasis
from ..methods import pareto
from ..models import AnalysisRun, CustomerResult


@dataclass(frozen=True)
class OverviewFigures:
    customers: int
    buying: int
    revenue: Decimal
    margin: Decimal
    class_a: int
    key_accounts: int
    clv: Decimal
    at_risk: int


def overview_figures(*, run: AnalysisRun, results: QuerySet[CustomerResult]) -> OverviewFigures:
    sums = results.aggregate(
        customers=Count("pk"), buying=Count("pk", filter=Q(purchases__gt=0)),
        revenue=Sum("revenue"), margin=Sum("margin"),
        class_a=Count("pk", filter=Q(pareto_class="A")),
        key_accounts=Count("pk", filter=Q(is_key=True)), clv=Sum("clv"),
        at_risk=Count("pk", filter=Q(rfm_segment__in=("at_risk", "cannot_lose"))),
    )
    zero = Decimal(0)
    return OverviewFigures(
        customers=sums["customers"], buying=sums["buying"], revenue=sums["revenue"] or zero,
        margin=sums["margin"] or zero, class_a=sums["class_a"],
        key_accounts=sums["key_accounts"], clv=sums["clv"] or zero, at_risk=sums["at_risk"])


@dataclass(frozen=True)
class ParetoFigures:
    """The Pareto headline and curve of the customers shown, and their classes."""

    basis: str
    cutoffs: tuple[float, float]
    customers: int
    customer_share: float
    value_share: float
    curve: list[tuple[float, float]]
    classes: dict[str, dict]

    @property
    def basis_label(self) -> str:
        return str(ValueBasis(self.basis).label).lower()

    @property
    def headline_customers(self) -> float:
        return round(100 * self.customer_share, 1)

    @property
    def headline_value(self) -> float:
        return round(100 * self.value_share, 1)


def pareto_figures(*, run: AnalysisRun, results: QuerySet[CustomerResult]) -> ParetoFigures:
    """Rank the customers shown by the run's basis: the share of them that brings the first
    cut-off of their value, the curve, and per ABC class (company-wide classes) the count and
    value."""
    basis = run.parameters.get("value_basis", ValueBasis.REVENUE)
    cutoffs = tuple(run.parameters.get("cutoffs", pareto.DEFAULT_CUTOFFS))
    values = np.array([float(value) for value in results.values_list(basis, flat=True)])
    table = pareto.pareto_table(customer_ids=np.arange(values.size), values=values,
                                cutoffs=cutoffs)
    classes = {
        row["pareto_class"]: {"customers": row["customers"], "value": row["value"]}
        for row in results.values("pareto_class").annotate(
            customers=Count("pk"), value=Sum(basis)).order_by()
    }
    return ParetoFigures(
        basis=basis, cutoffs=cutoffs, customers=int(values.size),
        customer_share=table.customer_share, value_share=table.value_share,
        curve=pareto.curve(table), classes={name: classes.get(name, {"customers": 0,
                                                                    "value": Decimal(0)})
                                            for name in ("A", "B", "C")})
