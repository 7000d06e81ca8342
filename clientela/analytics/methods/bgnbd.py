"""The BG/NBD model of repeat purchases (Fader, Hardie & Lee 2005, "Counting your customers
the easy way: an alternative to the Pareto/NBD model", Marketing Science 24(2)).

While alive, a customer buys at a Poisson rate λ ~ Gamma(r, α); after each purchase they drop
out with probability p ~ Beta(a, b). A customer is described by (x, t_x, T): repeat purchases,
time of the last purchase and time since the first, all from the first purchase.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import optimize, special

_LOG_PARAMETER_BOUNDS = [(-20.0, 20.0)] * 4


@dataclass(frozen=True)
class BetaGeometricNBDFit:
    """Maximum-likelihood BG/NBD parameters and the log-likelihood summed over customers."""

    r: float
    alpha: float
    a: float
    b: float
    log_likelihood: float
    converged: bool


def log_likelihood(
    r: float, alpha: float, a: float, b: float, *, frequency, recency, age
) -> np.ndarray:
    """Return each customer's log-likelihood (paper, equation 6), computed in log space."""
    rows = _Rows(*_as_arrays(frequency, recency, age))
    common, log_dead, log_alive, _ = _likelihood_terms(r, alpha, a, b, rows)
    return common + np.logaddexp(log_alive, log_dead)


class _Rows:
    """Customers' (x, t_x, T) with the distinct values of x, on which the gamma-function
    terms are computed once per level rather than once per row."""

    def __init__(self, x, t_x, big_t):
        self.x, self.t_x, self.big_t = x, t_x, big_t
        self.levels, self.level_of = np.unique(x, return_inverse=True)
        self.repeat = x > 0


def _likelihood_terms(r, alpha, a, b, rows: _Rows):
    """Return the shared term, the log of the two mixture terms of equation 6 and the
    per-level log(b + x − 1).

    `log_alive` is the customer still alive at T; `log_dead` dropped out right after t_x,
    which needs x > 0 (−inf otherwise).
    """
    levels, level_of, x = rows.levels, rows.level_of, rows.x
    per_level = special.gammaln(r + levels) + special.gammaln(b + levels) - special.gammaln(
        a + b + levels
    )
    common = per_level[level_of] + (
        -special.gammaln(r) + r * np.log(alpha) - special.gammaln(b) + special.gammaln(a + b)
    )
    log_alive = -(r + x) * np.log(alpha + rows.big_t)
    log_b_repeat = np.log(np.where(levels > 0, b + levels - 1, 1.0))
    log_dead = np.where(
        rows.repeat,
        np.log(a) - log_b_repeat[level_of] - (r + x) * np.log(alpha + rows.t_x),
        -np.inf,
    )
    return common, log_dead, log_alive, log_b_repeat


def _negative_mean_log_likelihood(log_params, rows: _Rows, weights, penalizer):
    """Return the weighted mean negative log-likelihood and its gradient in log-parameters."""
    r, alpha, a, b = np.exp(log_params)
    levels, level_of, x = rows.levels, rows.level_of, rows.x
    common, log_dead, log_alive, log_b_repeat = _likelihood_terms(r, alpha, a, b, rows)
    total = common + np.logaddexp(log_alive, log_dead)
    share_dead = special.expit(log_dead - log_alive)
    share_alive = 1.0 - share_dead
    digamma = special.digamma
    digamma_all = digamma(a + b + levels)
    log_age = np.log(alpha + rows.big_t)
    log_recency = np.log(alpha + rows.t_x)
    d_r = (
        digamma(r + levels)[level_of] - digamma(r) + np.log(alpha)
        - share_alive * log_age - share_dead * log_recency
    )
    d_alpha = r / alpha - (r + x) * (
        share_alive / (alpha + rows.big_t) + share_dead / (alpha + rows.t_x)
    )
    d_a = (digamma(a + b) - digamma_all)[level_of] + share_dead / a
    d_b = (
        (digamma(b + levels) - digamma_all)[level_of] - digamma(b) + digamma(a + b)
        - share_dead * np.exp(-log_b_repeat)[level_of]
    )
    weight_sum = weights.sum()
    params = np.array([r, alpha, a, b])
    value = -(weights @ total) / weight_sum + penalizer * params @ params
    gradient = -np.array([weights @ d_r, weights @ d_alpha, weights @ d_a, weights @ d_b])
    gradient = gradient * params / weight_sum + 2.0 * penalizer * params * params
    return value, gradient


def fit(
    *, frequency, recency, age, weights=None, penalizer: float = 0.0
) -> BetaGeometricNBDFit:
    """Return the maximum-likelihood BG/NBD fit of the customers' (x, t_x, T).

    Identical (x, t_x, T) rows are fitted once with their count as weight: with times in
    whole days or weeks a million customers share far fewer distinct rows.
    `penalizer` adds penalizer × (r² + α² + a² + b²) to the mean negative log-likelihood, for
    data sets too small to pin the parameters down.
    """
    x, t_x, big_t = _as_arrays(frequency, recency, age)
    if x.size == 0:
        raise ValueError("no customers to fit")
    if weights is None:
        x, t_x, big_t, weights = distinct_rows(x, t_x, big_t)
    else:
        weights = np.asarray(weights, dtype=np.float64)
    scale = max(float(np.average(big_t, weights=weights)), 1e-6)
    start = np.log([1.0, scale, 1.0, 1.0])
    with np.errstate(divide="ignore", invalid="ignore"):
        result = optimize.minimize(
            _negative_mean_log_likelihood,
            start,
            args=(_Rows(x, t_x, big_t), weights, penalizer),
            jac=True,
            method="L-BFGS-B",
            bounds=_LOG_PARAMETER_BOUNDS,
            options={"maxiter": 2000, "ftol": 1e-13, "gtol": 1e-9},
        )
    r, alpha, a, b = (float(value) for value in np.exp(result.x))
    total = float(weights @ log_likelihood(r, alpha, a, b, frequency=x, recency=t_x, age=big_t))
    return BetaGeometricNBDFit(
        r=r, alpha=alpha, a=a, b=b, log_likelihood=total, converged=bool(result.success)
    )


def distinct_rows(frequency, recency, age):
    """Return the distinct (x, t_x, T) rows and how many customers share each."""
    order = np.lexsort((age, recency, frequency))
    x, t_x, big_t = frequency[order], recency[order], age[order]
    starts = np.flatnonzero(np.concatenate((
        [True], (x[1:] != x[:-1]) | (t_x[1:] != t_x[:-1]) | (big_t[1:] != big_t[:-1])
    )))
    counts = np.diff(np.append(starts, x.size)).astype(np.float64)
    return x[starts], t_x[starts], big_t[starts], counts


def expected_purchases(fit: BetaGeometricNBDFit, t) -> np.ndarray:
    """Return E[X(t)], the expected purchases of a new customer in (0, t] (paper, equation 7)."""
    t = np.asarray(t, dtype=np.float64)
    zero = np.zeros_like(t)
    return _expected_in_window(fit, x=zero, age=zero, t=t)


def conditional_expected_purchases(
    fit: BetaGeometricNBDFit, t, *, frequency, recency, age
) -> np.ndarray:
    """Return E[Y(t) | x, t_x, T], the expected purchases in (T, T + t] (paper, equation 10)."""
    x, t_x, big_t = _as_arrays(frequency, recency, age)
    t = np.asarray(t, dtype=np.float64)
    return _expected_in_window(fit, x=x, age=big_t, t=t) * p_alive(
        fit, frequency=x, recency=t_x, age=big_t
    )


def expected_purchases_if_alive(fit: BetaGeometricNBDFit, t, *, frequency, age) -> np.ndarray:
    """Return the expected purchases in (T, T + t] of customers still alive at T after
    `frequency` repeat purchases: E[Y(t) | x, t_x, T] without its P(alive) factor."""
    x = np.asarray(frequency, dtype=np.float64)
    return _expected_in_window(fit, x=x, age=np.asarray(age, dtype=np.float64),
                               t=np.asarray(t, dtype=np.float64))


def _expected_in_window(fit: BetaGeometricNBDFit, *, x, age, t) -> np.ndarray:
    """Return the expected purchases in (T, T + t] of a customer alive at T after x repeats.

    Equation 10's numerator uses 2F1(r+x, b+x; a+b+x−1; z) times (1−z)^(r+x); Euler's
    transformation 2F1(a, b; c; z) = (1−z)^(c−a−b) 2F1(c−a, c−b; c; z) turns the product into
    (1−z)^(a−1) 2F1(a+b−1−r, a−1; a+b+x−1; z), whose series stays small for x in the hundreds
    and z near 1 (long horizons in days), where the untransformed one overflows.
    """
    r, alpha, a, b = fit.r, fit.alpha, fit.a, fit.b
    log_one_minus_z = np.log(alpha + age) - np.log(alpha + age + t)
    z = -np.expm1(log_one_minus_z)
    hypergeometric = special.hyp2f1(a + b - 1 - r, a - 1, a + b + x - 1, z)
    with np.errstate(divide="ignore", invalid="ignore"):
        remaining = np.where(
            hypergeometric > 0,
            -np.expm1((a - 1) * log_one_minus_z + np.log(np.abs(hypergeometric))),
            1.0 - np.exp((a - 1) * log_one_minus_z) * hypergeometric,
        )
    return (a + b + x - 1) / (a - 1) * remaining


def p_alive(fit: BetaGeometricNBDFit, *, frequency, recency, age) -> np.ndarray:
    """Return P(alive at T | x, t_x, T) (paper, equation 11 of the technical note).

    Customers without a repeat purchase are alive: in BG/NBD dropout can only happen right
    after a repeat purchase.
    """
    x, t_x, big_t = _as_arrays(frequency, recency, age)
    r, alpha, a, b = fit.r, fit.alpha, fit.a, fit.b
    log_odds_dead = np.full(x.shape, -np.inf)
    repeat = x > 0
    log_odds_dead[repeat] = (
        np.log(a) - np.log(b + x[repeat] - 1)
        + (r + x[repeat]) * (np.log(alpha + big_t[repeat]) - np.log(alpha + t_x[repeat]))
    )
    return special.expit(-log_odds_dead)


def _as_arrays(frequency, recency, age):
    x, t_x, big_t = np.broadcast_arrays(
        np.asarray(frequency, dtype=np.float64),
        np.asarray(recency, dtype=np.float64),
        np.asarray(age, dtype=np.float64),
    )
    if (x < 0).any() or (t_x < 0).any() or (t_x > big_t).any():
        raise ValueError("need 0 ≤ frequency and 0 ≤ recency ≤ age for every customer")
    return x.copy(), t_x.copy(), big_t.copy()
