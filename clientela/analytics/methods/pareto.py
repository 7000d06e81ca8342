"""Pareto / ABC: customers ranked by value, cumulative share and A/B/C classes."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

DEFAULT_CUTOFFS = (0.80, 0.95)
MAX_CURVE_POINTS = 200


@dataclass(frozen=True)
class ParetoTable:
    """Customers in rank order (highest value first) with their share and class.

    `cumulative_share[i]` is the share of the total positive value brought by customers 0…i;
    `customer_share`/`value_share` is the headline: the share of customers in class A and the
    share of value they bring.
    """

    customer_ids: np.ndarray
    value: np.ndarray
    cumulative_share: np.ndarray
    classes: np.ndarray
    customer_share: float
    value_share: float


def parse_cutoffs(text: str) -> tuple[float, float]:
    """Return (A, B) cut-offs from "0.8,0.95"; raise ValueError unless 0 < A < B ≤ 1."""
    parts = [part.strip() for part in text.split(",")]
    try:
        cutoffs = tuple(float(part) for part in parts)
    except ValueError:
        raise ValueError(f"cut-offs must be two numbers like 0.8,0.95, not {text!r}") from None
    if len(cutoffs) != 2:
        raise ValueError(f"cut-offs must be two numbers like 0.8,0.95, not {text!r}")
    validate_cutoffs(cutoffs)
    return cutoffs


def validate_cutoffs(cutoffs: tuple[float, float]) -> None:
    a_cutoff, b_cutoff = cutoffs
    if not 0 < a_cutoff < b_cutoff <= 1:
        raise ValueError(f"cut-offs need 0 < A < B ≤ 1, not {a_cutoff}, {b_cutoff}")


def pareto_table(
    *, customer_ids, values, cutoffs: tuple[float, float] = DEFAULT_CUTOFFS
) -> ParetoTable:
    """Return the customers ranked by value with cumulative shares and ABC classes.

    A customer is A while the share before it is under the A cut-off (so the one that crosses
    it is still A), likewise B; the rest, and every customer with zero or negative value, is C.
    Equal values keep their input order. Shares are of the total positive value.
    """
    validate_cutoffs(cutoffs)
    values = np.asarray(values, dtype=np.float64)
    order = np.argsort(-values, kind="stable")
    ranked = values[order]
    positive = np.maximum(ranked, 0.0)
    total = positive.sum()
    cumulative = np.cumsum(positive) / total if total > 0 else np.zeros(ranked.size)
    before = np.concatenate(([0.0], cumulative[:-1]))
    a_cutoff, b_cutoff = cutoffs
    classes = np.where(before < a_cutoff, "A", np.where(before < b_cutoff, "B", "C"))
    classes[ranked <= 0] = "C"
    a_count = int((classes == "A").sum())
    return ParetoTable(
        customer_ids=np.asarray(customer_ids, dtype=object)[order],
        value=ranked,
        cumulative_share=cumulative,
        classes=classes.astype(object),
        customer_share=a_count / ranked.size if ranked.size else 0.0,
        value_share=float(cumulative[a_count - 1]) if a_count else 0.0,
    )


def curve(table: ParetoTable, *, max_points: int = MAX_CURVE_POINTS) -> list[tuple[float, float]]:
    """Return (customer share, value share) points from (0, 0), at most `max_points` of them.

    Downsampling keeps evenly spaced ranks, the last customer and the last A customer, so
    the chart shows the headline point exactly.
    """
    n = table.value.size
    if n == 0:
        return [(0.0, 0.0)]
    ranks = np.linspace(0, n, num=min(n + 1, max_points - 1)).round().astype(np.int64)
    a_count = int(round(table.customer_share * n))
    ranks = np.unique(np.concatenate((ranks, [a_count, n])))
    shares = np.concatenate(([0.0], table.cumulative_share))
    return [(float(rank / n), float(shares[rank])) for rank in ranks]
