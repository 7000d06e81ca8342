import datetime as dt
import io

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from clientela.analytics.methods import rfm
from clientela.analytics.methods.transactions import parse_transactions


def test_distinct_values_fill_the_five_quintiles_evenly():
    scores = rfm.quintile_scores([50, 10, 40, 20, 30, 35, 15, 45, 25, 5])
    assert scores.tolist() == [5, 1, 4, 2, 3, 4, 2, 5, 3, 1]


def test_tied_values_never_get_different_scores():
    # Six of ten customers bought once: they share the score of the middle of their ranks.
    scores = rfm.quintile_scores([1, 1, 1, 1, 1, 1, 2, 2, 3, 9])
    assert scores.tolist() == [2, 2, 2, 2, 2, 2, 4, 4, 5, 5]
    assert rfm.quintile_scores([7, 7, 7]).tolist() == [3, 3, 3]


def test_a_crowd_tied_at_the_top_scores_high():
    # Recency scores by -days: 25 customers bought today, five long ago.
    scores = rfm.quintile_scores([0] * 25 + [-400, -380, -370, -365, -360])
    assert set(scores[:25].tolist()) == {3}
    assert scores[25:].tolist() == [1, 1, 1, 1, 1]


# Properties, not timings: a busy machine must not fail them.
@settings(deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=20), min_size=1, max_size=60), st.randoms())
def test_scores_depend_on_the_value_alone_not_on_the_order(values, random):
    shuffled = values[:]
    random.shuffle(shuffled)
    by_value = dict(zip(values, rfm.quintile_scores(values).tolist(), strict=True))
    for value, score in zip(shuffled, rfm.quintile_scores(shuffled).tolist(), strict=True):
        assert by_value[value] == score
    scores = rfm.quintile_scores(values)
    order = np.argsort(values, kind="stable")
    assert np.all(np.diff(scores[order]) >= 0)
    assert scores.min() >= 1 and scores.max() <= 5


def test_segments_follow_the_r_by_fm_grid_with_fm_rounded_half_up():
    cases = {
        (5, 5, 5): "champions",
        (4, 4, 3): "champions",  # FM = round(3.5) = 4
        (5, 3, 3): "loyal",
        (3, 5, 4): "loyal",
        (5, 2, 1): "potential loyalists",  # FM = round(1.5) = 2
        (5, 1, 1): "new",
        (4, 1, 1): "promising",
        (3, 2, 3): "need attention",
        (3, 1, 1): "about to sleep",
        (2, 5, 5): "at risk",
        (1, 3, 3): "at risk",
        (1, 5, 4): "can't lose",
        (2, 2, 2): "hibernating",
        (1, 1, 2): "lost",
    }
    r, f, m = (np.array(column) for column in zip(*cases, strict=True))
    assert rfm.segment(r, f, m).tolist() == list(cases.values())


def test_every_named_segment_has_a_cell_and_every_cell_a_segment():
    cells = {name for row in rfm.SEGMENT_GRID for name in row}
    assert cells == set(rfm.SEGMENTS)
    assert len(rfm.SEGMENTS) == 11
    assert all(len(row) == 5 for row in rfm.SEGMENT_GRID)


def test_rfm_values_and_scores_from_purchases_as_of_a_date():
    purchases = parse_transactions(io.StringIO(
        "customer_id,date,amount\n"
        "a,2024-01-01,10\na,2024-03-01,10\na,2024-03-01,5\na,2024-03-25,20\n"
        "b,2024-02-01,100\n"
        "c,2024-03-30,1\nc,2024-04-15,1000\n"
        "d,2024-05-01,1\n"
    ))
    customer_ids, recency, frequency, monetary = rfm.rfm_values(
        purchases, as_of=dt.date(2024, 3, 31)
    )
    assert customer_ids.tolist() == ["a", "b", "c"]  # d has not bought yet
    assert recency.tolist() == [6, 59, 1]
    assert frequency.tolist() == [3, 1, 1]  # two purchases on 2024-03-01 are one
    assert monetary.tolist() == [45, 100, 1]  # c's April purchase is after the date
    table = rfm.rfm_table(
        customer_ids=customer_ids, recency=recency, frequency=frequency, monetary=monetary
    )
    assert table.r.tolist() == [3, 1, 5]  # more recent scores higher
    assert table.f.tolist() == [5, 2, 2]
    assert table.m.tolist() == [3, 5, 1]
