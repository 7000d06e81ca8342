import numpy as np
import pytest

from clientela.analytics.methods import bgnbd, clv

FIT = bgnbd.BetaGeometricNBDFit(
    r=0.243, alpha=4.414, a=0.793, b=2.426, log_likelihood=-9582.4, converged=True
)
CUSTOMERS = {
    "frequency": np.array([0.0, 2.0, 10.0]),
    "recency": np.array([0.0, 30.43, 37.0]),
    "age": np.array([38.86, 38.86, 38.86]),
}


def test_simple_clv_is_the_discounted_sum_over_the_expected_lifetime():
    assert clv.simple_clv(margin_per_period=100, lifetime_periods=3, discount_rate=0.1) == (
        pytest.approx(100 / 1.1 + 100 / 1.1**2 + 100 / 1.1**3)
    )
    assert clv.simple_clv(margin_per_period=100, lifetime_periods=3, discount_rate=0) == 300
    np.testing.assert_allclose(
        clv.simple_clv(margin_per_period=[10, 20], lifetime_periods=1, discount_rate=0.25),
        [8, 16],
    )


def test_retention_clv_is_the_geometric_series_of_retained_margin():
    value = clv.retention_clv(margin_per_period=100, retention_rate=0.8, discount_rate=0.1)
    assert value == pytest.approx(80 / 0.3)
    series = sum(100 * 0.8**k / 1.1**k for k in range(1, 400))
    assert value == pytest.approx(series)
    with pytest.raises(ValueError, match="retention rate"):
        clv.retention_clv(margin_per_period=1, retention_rate=1, discount_rate=0.1)


def test_undiscounted_model_clv_is_expected_purchases_times_spend_times_margin():
    spend = np.array([30.0, 40.0, 50.0])
    value = clv.model_clv(FIT, **CUSTOMERS, expected_spend=spend, horizon=39, margin=0.25)
    expected = bgnbd.conditional_expected_purchases(FIT, 39, **CUSTOMERS)
    np.testing.assert_allclose(value, expected * spend * 0.25)


def test_model_clv_discounts_each_period_by_its_own_factor():
    spend = np.ones(3)
    value = clv.model_clv(
        FIT, **CUSTOMERS, expected_spend=spend, horizon=2.5, discount_rate=0.05
    )
    cumulative = [
        bgnbd.conditional_expected_purchases(FIT, t, **CUSTOMERS) for t in (0, 1, 2, 2.5)
    ]
    expected = sum(
        (cumulative[k] - cumulative[k - 1]) / 1.05**k for k in (1, 2, 3)
    )
    np.testing.assert_allclose(value, expected)
    undiscounted = clv.model_clv(FIT, **CUSTOMERS, expected_spend=spend, horizon=2.5)
    assert np.all(value < undiscounted)


def test_model_clv_in_longer_steps_discounts_once_per_step():
    spend = np.ones(3)
    value = clv.model_clv(
        FIT, **CUSTOMERS, expected_spend=spend, horizon=10, discount_rate=0.05, step=4
    )
    cumulative = [
        bgnbd.conditional_expected_purchases(FIT, t, **CUSTOMERS) for t in (0, 4, 8, 10)
    ]
    expected = sum((cumulative[k] - cumulative[k - 1]) / 1.05**k for k in (1, 2, 3))
    np.testing.assert_allclose(value, expected)
    undiscounted = clv.model_clv(FIT, **CUSTOMERS, expected_spend=spend, horizon=10, step=4)
    np.testing.assert_allclose(undiscounted, cumulative[-1])


def test_model_clv_refuses_a_non_positive_horizon():
    with pytest.raises(ValueError, match="horizon must be positive"):
        clv.model_clv(FIT, **CUSTOMERS, expected_spend=np.ones(3), horizon=0)
