import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clientela.analytics.methods import pareto


def table(values, **kwargs):
    ids = [f"c{i}" for i in range(len(values))]
    return pareto.pareto_table(customer_ids=ids, values=values, **kwargs)


def test_the_customer_that_crosses_the_cut_off_is_still_in_the_class():
    result = table([10, 60, 30])
    assert result.customer_ids.tolist() == ["c1", "c2", "c0"]
    np.testing.assert_allclose(result.cumulative_share, [0.6, 0.9, 1.0])
    assert result.classes.tolist() == ["A", "A", "B"]
    assert (result.customer_share, result.value_share) == pytest.approx((2 / 3, 0.9))


def test_reaching_the_cut_off_exactly_closes_the_class():
    result = table([50, 30, 15, 5])
    np.testing.assert_allclose(result.cumulative_share, [0.5, 0.8, 0.95, 1.0])
    assert result.classes.tolist() == ["A", "A", "B", "C"]
    assert (result.customer_share, result.value_share) == pytest.approx((0.5, 0.8))


def test_zero_and_negative_values_are_c_and_do_not_count_in_the_shares():
    result = table([0, 40, -10, 60, 0])
    assert result.customer_ids.tolist() == ["c3", "c1", "c0", "c4", "c2"]
    np.testing.assert_allclose(result.cumulative_share, [0.6, 1.0, 1.0, 1.0, 1.0])
    assert result.classes.tolist() == ["A", "A", "C", "C", "C"]
    assert result.customer_share == pytest.approx(0.4)


def test_nothing_but_zero_values_makes_everyone_c():
    result = table([0, 0])
    assert result.classes.tolist() == ["C", "C"]
    assert (result.customer_share, result.value_share) == (0.0, 0.0)


def test_equal_values_keep_the_input_order_and_cut_offs_are_configurable():
    result = table([5, 5, 5, 5], cutoffs=(0.5, 0.75))
    assert result.customer_ids.tolist() == ["c0", "c1", "c2", "c3"]
    assert result.classes.tolist() == ["A", "A", "B", "C"]


def test_cut_offs_are_parsed_and_checked():
    assert pareto.parse_cutoffs("0.7, 0.9") == (0.7, 0.9)
    for text in ("0.9,0.7", "0.8", "a,b", "0,0.5", "0.5,1.5"):
        with pytest.raises(ValueError, match="cut-offs"):
            pareto.parse_cutoffs(text)


def test_the_curve_is_downsampled_and_keeps_the_headline_point():
    rng = np.random.default_rng(3)
    result = table(rng.pareto(1.2, size=10_000))
    points = pareto.curve(result)
    assert len(points) <= pareto.MAX_CURVE_POINTS
    assert points[0] == (0.0, 0.0)
    assert points[-1] == pytest.approx((1.0, 1.0))
    assert (result.customer_share, result.value_share) in points
    shares = np.array(points)
    assert np.all(np.diff(shares[:, 0]) > 0) and np.all(np.diff(shares[:, 1]) >= 0)


def test_a_small_curve_has_every_customer():
    assert pareto.curve(table([3, 1])) == [(0.0, 0.0), (0.5, 0.75), (1.0, 1.0)]


# Properties, not timings: a busy machine must not fail them.
@settings(deadline=None)
@given(
    st.lists(st.floats(min_value=-100, max_value=1e6, allow_nan=False), min_size=1, max_size=80),
    st.tuples(st.floats(0.05, 0.9), st.floats(0.0, 0.09)),
)
def test_classes_never_improve_further_down_the_ranking(values, cuts):
    a_cutoff = cuts[0]
    b_cutoff = min(1.0, a_cutoff + 0.01 + cuts[1])
    result = table(values, cutoffs=(a_cutoff, b_cutoff))
    assert np.all(np.diff(result.value) <= 0)
    assert list(result.classes) == sorted(result.classes)
    assert np.all(np.diff(result.cumulative_share) >= -1e-12)
    assert set(result.classes[result.value <= 0]) <= {"C"}
    if (result.value > 0).any():
        assert result.classes[0] == "A"
