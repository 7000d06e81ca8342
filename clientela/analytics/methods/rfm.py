"""RFM: recency, frequency and monetary scores by quintile, and the named segments."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from clientela.analytics.methods.transactions import Purchases

SEGMENTS = (
    "champions",
    "loyal",
    "potential loyalists",
    "new",
    "promising",
    "need attention",
    "about to sleep",
    "at risk",
    "can't lose",
    "hibernating",
    "lost",
)

# Rows are R = 5 … 1, columns FM = 1 … 5. The published ranges overlap (loyal R 2–5 and
# FM 3–5 also covers champions and at risk); the grid gives each cell to exactly one segment
# whose published range contains it, so every segment is reachable and the order of rules
# does not matter.
SEGMENT_GRID = (
    ("new", "potential loyalists", "loyal", "champions", "champions"),
    ("promising", "potential loyalists", "loyal", "champions", "champions"),
    ("about to sleep", "need attention", "need attention", "loyal", "loyal"),
    ("hibernating", "hibernating", "at risk", "at risk", "at risk"),
    ("lost", "lost", "at risk", "can't lose", "can't lose"),
)


@dataclass(frozen=True)
class RFMTable:
    """Per-customer RFM values, 1–5 scores and segment names, aligned by position."""

    customer_ids: np.ndarray
    recency: np.ndarray
    frequency: np.ndarray
    monetary: np.ndarray
    r: np.ndarray
    f: np.ndarray
    m: np.ndarray
    segment: np.ndarray


def quintile_scores(values) -> np.ndarray:
    """Return 1–5 scores by quintile of the mid-rank: 1 + ⌊5 × (below + equal / 2) / n⌋,
    where `below` customers have a strictly lower value and `equal` the same one.

    Distinct values fill the five quintiles evenly; equal values always get equal scores, the
    score of the middle of their tied ranks (so a crowd of customers tied at the top, all of
    whom bought today, is not scored as the lowest of them); the result depends only on the
    multiset of values, never on their order.
    """
    values = np.asarray(values, dtype=np.float64)
    if values.size == 0:
        return np.zeros(0, dtype=np.int64)
    ordered = np.sort(values)
    below = np.searchsorted(ordered, values, side="left")
    at_or_below = np.searchsorted(ordered, values, side="right")
    return np.minimum(5, 1 + (5 * (below + at_or_below)) // (2 * values.size))


def segment(r, f, m) -> np.ndarray:
    """Return the segment of each (R, F, M), from R and FM = round((F + M) / 2), halves up."""
    r = np.asarray(r, dtype=np.int64)
    fm = (np.asarray(f, dtype=np.int64) + np.asarray(m, dtype=np.int64) + 1) // 2
    grid = np.array(SEGMENT_GRID, dtype=object)
    return grid[5 - r, fm - 1]


def rfm_values(purchases: Purchases, *, as_of: dt.date):
    """Return (customer_ids, recency in days, frequency, monetary) up to `as_of` (inclusive).

    Frequency counts purchase days, monetary is total spend; customers without a purchase by
    `as_of` are left out.
    """
    as_of_day = (as_of - dt.date(1970, 1, 1)).days
    kept = purchases.day <= as_of_day
    customer = purchases.customer[kept]
    n = purchases.customer_count
    frequency = np.bincount(customer, minlength=n)
    monetary = np.bincount(customer, weights=purchases.amount[kept], minlength=n)
    last_day = np.full(n, np.iinfo(np.int64).min)
    np.maximum.at(last_day, customer, purchases.day[kept])
    present = frequency > 0
    return (
        purchases.customer_ids[present],
        (as_of_day - last_day[present]).astype(np.float64),
        frequency[present].astype(np.float64),
        monetary[present],
    )


def rfm_table(*, customer_ids, recency, frequency, monetary) -> RFMTable:
    """Return scores and segments; a smaller recency (a more recent purchase) scores higher."""
    recency = np.asarray(recency, dtype=np.float64)
    frequency = np.asarray(frequency, dtype=np.float64)
    monetary = np.asarray(monetary, dtype=np.float64)
    r = quintile_scores(-recency)
    f = quintile_scores(frequency)
    m = quintile_scores(monetary)
    return RFMTable(
        customer_ids=np.asarray(customer_ids, dtype=object),
        recency=recency,
        frequency=frequency,
        monetary=monetary,
        r=r,
        f=f,
        m=m,
        segment=segment(r, f, m),
    )
