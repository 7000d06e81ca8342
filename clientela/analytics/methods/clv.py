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
    step: float = 1.0,
) -> np.ndarray:
    """Return each customer's expected discounted margin over the next `horizon` time units.

    The horizon is cut into steps of `step` time units (the last one shorter when the horizon
    is not a whole number of steps); step k contributes the purchases BG/NBD expects in it ×
    expected spend × margin share, discounted by (1 + discount_rate)^k. With the default step
    of one time unit this is `lifetimes`'s customer_lifetime_value with the summary's time unit
    in place of a month, so `discount_rate` is a rate per step: per day or per week, or per
    month with a step of a month's worth of weeks.
    """
    if horizon <= 0:
        raise ValueError(f"the horizon must be positive, not {horizon}")
    if step <= 0:
        raise ValueError(f"the step must be positive, not {step}")
    if discount_rate <= -1:
        raise ValueError(f"the discount rate must be above −1, not {discount_rate}")
    count = max(1, math.ceil(horizon / step - 1e-9))
    ends = np.minimum(step * np.arange(1, count + 1, dtype=np.float64), horizon)
    x, t_x, big_t = (np.asarray(values, dtype=np.float64) for values in (frequency, recency, age))
    # P(alive) does not depend on the window: computed once, not once per step.
    alive = bgnbd.p_alive(fit, frequency=x, recency=t_x, age=big_t)
    value = np.zeros(x.shape)
    previous = np.zeros(x.shape)
    for number, end in enumerate(ends, start=1):
        cumulative = bgnbd.expected_purchases_if_alive(fit, end, frequency=x, age=big_t) * alive
        value += (cumulative - previous) / (1.0 + discount_rate) ** number
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
