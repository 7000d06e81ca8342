import numpy as np
import pytest
from scipy import integrate, stats

from clientela.analytics.methods import gamma_gamma


def test_cdnow_fit_on_the_946_repeat_customers_reproduces_the_published_estimates(cdnow_summary):
    used = gamma_gamma.usable(frequency=cdnow_summary.frequency, monetary=cdnow_summary.monetary)
    assert used.sum() == 946
    fit = gamma_gamma.fit(frequency=cdnow_summary.frequency, monetary=cdnow_summary.monetary)
    assert fit.converged
    assert (round(fit.p, 2), round(fit.q, 2), round(fit.gamma, 2)) == (6.25, 3.74, 15.44)


def test_the_likelihood_is_a_density_of_the_mean_spend():
    # z̄ of x purchases integrates to one over (0, ∞) for any parameters.
    for x in (1, 3, 12):
        total, _error = integrate.quad(
            lambda mean, x=x: np.exp(gamma_gamma.log_likelihood(
                6.25, 3.74, 15.44, frequency=x, monetary=mean
            )),
            0, np.inf,
        )
        assert total == pytest.approx(1, abs=1e-6)


def test_the_likelihood_of_one_purchase_is_the_gamma_gamma_compound():
    # With x = 1, z̄ ~ Gamma(p, ν), ν ~ Gamma(q, γ): a scaled beta-prime distribution.
    density = np.exp(gamma_gamma.log_likelihood(6.25, 3.74, 15.44, frequency=1, monetary=20.0))
    assert density == pytest.approx(stats.betaprime(6.25, 3.74, scale=15.44).pdf(20.0))


def test_expected_spend_moves_from_the_population_mean_to_the_customers_own():
    fit = gamma_gamma.GammaGammaFit(p=6.25, q=3.74, gamma=15.44, log_likelihood=0, converged=True)
    population = 6.25 * 15.44 / 2.74
    spend = gamma_gamma.conditional_expected_spend(
        fit, frequency=[0, 1, 10, 10_000], monetary=[99.0, 100.0, 100.0, 100.0]
    )
    assert spend[0] == pytest.approx(population)
    assert spend[1] == pytest.approx((6.25 * 15.44 + 6.25 * 100) / (6.25 + 2.74))
    assert population < spend[1] < spend[2] < spend[3] < 100
    assert spend[3] == pytest.approx(100, rel=1e-3)


def test_a_fit_with_q_below_one_has_no_mean_spend():
    fit = gamma_gamma.GammaGammaFit(p=1.0, q=0.9, gamma=1.0, log_likelihood=0, converged=True)
    with pytest.raises(ValueError, match="q ≤ 1"):
        gamma_gamma.conditional_expected_spend(fit, frequency=[1], monetary=[1.0])


def test_zero_means_and_one_off_customers_are_left_out_of_the_fit():
    frequency = np.array([0, 2, 3, 1, 4, 2])
    monetary = np.array([0.0, 0.0, 10.0, 12.0, 9.0, 11.0])
    assert gamma_gamma.usable(frequency=frequency, monetary=monetary).tolist() == [
        False, False, True, True, True, True
    ]
    with pytest.raises(ValueError, match="at least two"):
        gamma_gamma.fit(frequency=[0, 1], monetary=[0.0, 5.0])
