"""The Gamma-Gamma model of spend per purchase (Fader, Hardie & Lee 2005, "RFM and CLV: using
iso-value curves for customer base analysis", Journal of Marketing Research 42(4); the
likelihood as in Fader & Hardie 2013, "The Gamma-Gamma model of monetary value").

A customer's purchase amounts are Gamma(p, ν) with ν ~ Gamma(q, γ) across customers; the mean
z̄ of x repeat purchases is then the statistic the model is fitted on.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import optimize, special


@dataclass(frozen=True)
class GammaGammaFit:
    """Maximum-likelihood Gamma-Gamma parameters and the summed log-likelihood."""

    p: float
    q: float
    gamma: float
    log_likelihood: float
    converged: bool

    @property
    def population_mean_spend(self) -> float:
        """Return E[Z] = pγ / (q − 1), the mean spend of a customer without history."""
        if self.q <= 1:
            raise ValueError(f"the mean spend is infinite when q ≤ 1 (q = {self.q:.4g})")
        return self.p * self.gamma / (self.q - 1)


def usable(*, frequency, monetary) -> np.ndarray:
    """Return the mask of customers the model is fitted on: repeat buyers with a positive mean."""
    return (np.asarray(frequency) > 0) & (np.asarray(monetary) > 0)


def log_likelihood(p: float, q: float, gamma: float, *, frequency, monetary) -> np.ndarray:
    """Return the log-density of each customer's mean repeat spend z̄ given x repeat purchases."""
    x = np.asarray(frequency, dtype=np.float64)
    mean = np.asarray(monetary, dtype=np.float64)
    px = p * x
    return (
        special.gammaln(px + q) - special.gammaln(px) - special.gammaln(q)
        + q * np.log(gamma) + (px - 1) * np.log(mean) + px * np.log(x)
        - (px + q) * np.log(gamma + x * mean)
    )


def _negative_mean_log_likelihood(log_params, x, mean, penalizer):
    p, q, gamma = np.exp(log_params)
    px = p * x
    log_pooled = np.log(gamma + x * mean)
    total = log_likelihood(p, q, gamma, frequency=x, monetary=mean)
    digamma_all = special.digamma(px + q)
    d_p = x * (digamma_all - special.digamma(px) + np.log(mean) + np.log(x) - log_pooled)
    d_q = digamma_all - special.digamma(q) + np.log(gamma) - log_pooled
    d_gamma = q / gamma - (px + q) / (gamma + x * mean)
    params = np.array([p, q, gamma])
    n = x.size
    value = -total.sum() / n + penalizer * params @ params
    gradient = -np.array([d_p.sum(), d_q.sum(), d_gamma.sum()]) * params / n
    return value, gradient + 2.0 * penalizer * params * params


def fit(*, frequency, monetary, penalizer: float = 0.0) -> GammaGammaFit:
    """Return the maximum-likelihood fit on the customers with x > 0 and z̄ > 0.

    Others are ignored: their mean repeat spend is undefined (or zero, which the Gamma
    density cannot produce). `penalizer` works as in `bgnbd.fit`.
    """
    keep = usable(frequency=frequency, monetary=monetary)
    x = np.asarray(frequency, dtype=np.float64)[keep]
    mean = np.asarray(monetary, dtype=np.float64)[keep]
    if x.size < 2:
        raise ValueError("the spend model needs at least two customers with repeat purchases")
    start = np.log([1.0, 2.0, float(np.mean(mean))])
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        result = optimize.minimize(
            _negative_mean_log_likelihood,
            start,
            args=(x, mean, penalizer),
            jac=True,
            method="L-BFGS-B",
            bounds=[(-20.0, 20.0)] * 3,
            options={"maxiter": 2000, "ftol": 1e-13, "gtol": 1e-9},
        )
    p, q, gamma = (float(value) for value in np.exp(result.x))
    total = float(log_likelihood(p, q, gamma, frequency=x, monetary=mean).sum())
    return GammaGammaFit(p=p, q=q, gamma=gamma, log_likelihood=total,
                         converged=bool(result.success))


def conditional_expected_spend(fit: GammaGammaFit, *, frequency, monetary) -> np.ndarray:
    """Return E[Z | x, z̄] = (pγ + p·x·z̄) / (p·x + q − 1), the expected spend per purchase.

    It is a weighted mean of the population mean and the customer's own z̄, shifting towards
    z̄ as x grows; without repeat purchases it is the population mean.
    """
    x = np.asarray(frequency, dtype=np.float64)
    mean = np.where(x > 0, np.asarray(monetary, dtype=np.float64), 0.0)
    population = fit.population_mean_spend
    own_weight = fit.p * x / (fit.p * x + fit.q - 1)
    return (1 - own_weight) * population + own_weight * mean
