"""Customer lifetime value, the model-based way and the simple way."""

from __future__ import annotations

import math

import numpy as np

from clientela.analytics.methods import bgnbd


def model_clv(
    fit: bgnbd.BetaGeometricNBDFit,
    *,
    frequency,
    recency,
    age,
    expected_spend,
    horizon: float,
    discount_rate: float = 0.0,
    margin: float = 1.0,
) -> np.ndarray:
    """Return each customer's expected discounted margin over the next `horizon` time units.

    The horizon is cut into steps of one time unit (the last one shorter when the horizon is
    fractional); step k contributes the purchases BG/NBD expects in it × expected spend ×
    margin share, discounted by (1 + discount_rate)^k. This is `lifetimes`'s
    customer_lifetime_value with the step being the summary's time unit rather than a month,
    so `discount_rate` is a rate per day or per week.
    """
    if horizon <= 0:
        raise ValueError(f"the horizon must be positive, not {horizon}")
    if discount_rate <= -1:
        raise ValueError(f"the discount rate must be above −1, not {discount_rate}")
    ends = np.minimum(np.arange(1, math.ceil(horizon) + 1, dtype=np.float64), horizon)
    x, t_x, big_t = (np.asarray(values, dtype=np.float64) for values in (frequency, recency, age))
    value = np.zeros(x.shape)
    previous = np.zeros(x.shape)
    for step, end in enumerate(ends, start=1):
        cumulative = bgnbd.conditional_expected_purchases(
            fit, end, frequency=x, recency=t_x, age=big_t
        )
        value += (cumulative - previous) / (1.0 + discount_rate) ** step
        previous = cumulative
    return value * np.asarray(expected_spend, dtype=np.float64) * margin


def simple_clv(*, margin_per_period, lifetime_periods: float, discount_rate: float):
    """Return Σ_{k=1..L} m / (1 + d)^k: a margin m per period over an expected lifetime of L.

    A fractional L counts its last part pro rata through the annuity formula
    m (1 − (1 + d)^−L) / d. This is the value the product shows as the simple CLV.
    """
    margin = np.asarray(margin_per_period, dtype=np.float64)
    if lifetime_periods < 0:
        raise ValueError(f"the expected lifetime cannot be negative, not {lifetime_periods}")
    if discount_rate <= -1:
        raise ValueError(f"the discount rate must be above −1, not {discount_rate}")
    if discount_rate == 0:
        return margin * lifetime_periods
    return margin * (1 - (1 + discount_rate) ** -lifetime_periods) / discount_rate


def retention_clv(*, margin_per_period, retention_rate: float, discount_rate: float):
    """Return m·r / (1 + d − r): the infinite-horizon CLV with a constant retention rate r.

    Equal to Σ_{k≥1} m·r^k / (1 + d)^k, the margin of period k being earned only by customers
    retained k times. The expected lifetime it implies is r / (1 − r) periods.
    """
    if not 0 <= retention_rate < 1:
        raise ValueError(f"the retention rate must be in [0, 1), not {retention_rate}")
    if discount_rate < 0:
        raise ValueError(f"the discount rate cannot be negative, not {discount_rate}")
    margin = np.asarray(margin_per_period, dtype=np.float64)
    return margin * retention_rate / (1 + discount_rate - retention_rate)
