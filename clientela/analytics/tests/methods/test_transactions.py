import csv
import datetime as dt
import io

import numpy as np
import pytest

from clientela.analytics.methods.transactions import (
    TransactionFileError,
    parse_transactions,
    read_transactions,
    summarise,
)
from clientela.analytics.tests.methods.conftest import DATA, cdnow_rows


def parse(text: str):
    return parse_transactions(io.StringIO(text), source="sales.csv")


def test_cdnow_summary_equals_the_published_one_for_every_customer(cdnow_summary):
    with (DATA / "cdnow_customers_summary_with_transactions.csv").open() as handle:
        published = {row["ID"]: row for row in csv.DictReader(handle)}
    assert sorted(cdnow_summary.customer_ids) == sorted(published)
    for i, customer_id in enumerate(cdnow_summary.customer_ids):
        row = published[customer_id]
        assert cdnow_summary.frequency[i] == int(row["x"]), customer_id
        # The published file rounds to cents and hundredths of a week.
        assert abs(cdnow_summary.recency[i] - float(row["t_x"])) <= 0.005 + 1e-9, customer_id
        assert abs(cdnow_summary.age[i] - float(row["T"])) <= 0.005 + 1e-9, customer_id
        assert abs(cdnow_summary.monetary[i] - float(row["zbar"])) <= 0.005 + 1e-9, customer_id


def test_cdnow_holdout_purchases_are_the_distinct_purchase_days_after_calibration(cdnow_summary):
    holdout_days = {
        (customer_id, date)
        for customer_id, date, _dollars in cdnow_rows()
        if "19971001" <= date <= "19980630"
    }
    assert cdnow_summary.holdout_purchases.sum() == len(holdout_days) == 1882
    assert cdnow_summary.holdout_length == 39


def test_purchases_on_one_day_count_once_with_their_amounts_summed():
    purchases = parse(
        "customer_id,date,amount\n"
        "c1,2024-01-01,10\nc1,2024-01-01,5.5\nc1,2024-01-08,20\nc1,20240108,1\nc1,2024-01-15,3\n"
    )
    summary = summarise(purchases, calibration_end=dt.date(2024, 1, 31))
    assert summary.frequency.tolist() == [2]
    assert summary.monetary.tolist() == [12.0]  # (21 + 3) / 2 repeat purchases
    assert purchases.amount.tolist() == [15.5, 21.0, 3.0]


def test_summary_measures_from_the_first_purchase_in_the_chosen_unit():
    purchases = parse(
        "date,amount,customer_id,region\n"
        "2024-01-01,10,a,north\n2024-01-15,30,a,north\n2024-01-29,50,a,north\n"
        "2024-02-10,7,a,north\n2024-02-20,9,a,north\n"
        "2024-01-08,4,b,south\n"
        "2024-02-05,99,late,south\n"
    )
    kwargs = {"calibration_end": dt.date(2024, 1, 29), "holdout_end": dt.date(2024, 2, 12)}
    days = summarise(purchases, **kwargs, time_unit="days")
    weeks = summarise(purchases, **kwargs, time_unit="weeks")
    assert days.customer_ids.tolist() == ["a", "b"]  # "late" starts after the calibration end
    assert days.frequency.tolist() == [2, 0]
    assert days.recency.tolist() == [28, 0]
    assert days.age.tolist() == [28, 21]
    assert days.monetary.tolist() == [40, 0]
    assert days.holdout_purchases.tolist() == [1, 0]
    assert weeks.recency.tolist() == [4, 0]
    assert weeks.age.tolist() == [4, 3]
    assert weeks.holdout_length == 2


def test_a_summary_without_holdout_counts_no_holdout_purchases():
    purchases = parse("customer_id,date,amount\na,2024-01-01,1\na,2024-03-01,1\n")
    summary = summarise(purchases, calibration_end=dt.date(2024, 1, 31))
    assert summary.holdout_purchases.tolist() == [0]
    assert summary.holdout_length is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "sales.csv, line 1: the file is empty"),
        ("customer,day,amount\n", "line 1: missing column(s) customer_id, date"),
        ("customer_id,date,amount\n", "line 2: no transactions after the header"),
        ("customer_id,date,amount\na,2024-01-01,1\nb,2024-13-01,2\n",
         "line 3: unparsable date '2024-13-01'"),
        ("customer_id,date,amount\na,01/02/2024,1\n", "line 2: unparsable date '01/02/2024'"),
        ("customer_id,date,amount\na,NaT,1\n", "line 2: unparsable date 'NaT'"),
        ("customer_id,date,amount\na,2024-01-01,1\na,2024-01-02,\"1,5\"\n",
         "line 3: unparsable amount '1,5'"),
        ("customer_id,date,amount\na,2024-01-01,nan\n", "line 2: unparsable amount 'nan'"),
        ("customer_id,date,amount\na,2024-01-01,1\n\na,2024-01-02,-3\n",
         "line 4: negative amount -3"),
        ("customer_id,date,amount\na,2024-01-01\n", "line 2: 2 field(s), expected at least 3"),
        ("customer_id,date,amount\n,2024-01-01,1\n", "line 2: empty customer_id"),
    ],
)
def test_bad_files_are_refused_with_the_line_and_the_problem(text, message):
    with pytest.raises(TransactionFileError) as error:
        parse(text)
    assert message in str(error.value)


def test_an_empty_calibration_period_is_refused():
    purchases = parse("customer_id,date,amount\na,2024-05-01,1\n")
    with pytest.raises(TransactionFileError, match="calibration period is empty"):
        summarise(purchases, calibration_end=dt.date(2024, 4, 30))


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(TransactionFileError, match="missing.csv: cannot be read"):
        read_transactions(tmp_path / "missing.csv")


def test_a_holdout_must_end_after_the_calibration():
    purchases = parse("customer_id,date,amount\na,2024-01-01,1\n")
    with pytest.raises(ValueError, match="must come after"):
        summarise(purchases, calibration_end=dt.date(2024, 2, 1), holdout_end=dt.date(2024, 2, 1))


def test_a_million_customers_are_summarised_in_seconds():
    import time

    from clientela.analytics.methods.transactions import Purchases

    rng = np.random.default_rng(7)
    customers, per_customer = 1_000_000, 3
    customer = np.repeat(np.arange(customers), per_customer)
    day = np.sort(rng.integers(19_000, 19_700, size=(customers, per_customer)), axis=1).ravel()
    purchases = Purchases(
        customer_ids=np.arange(customers).astype(str).astype(object),
        customer=customer,
        day=day,
        amount=rng.gamma(2.0, 20.0, size=customer.size),
    )
    started = time.process_time()
    summary = summarise(
        purchases, calibration_end=dt.date(2023, 12, 31), holdout_end=dt.date(2024, 12, 31),
        time_unit="weeks",
    )
    assert time.process_time() - started < 5
    assert summary.customer_ids.size > 900_000
    assert (summary.recency <= summary.age).all()



def test_a_quoted_field_spanning_lines_does_not_shift_the_reported_line():
    with pytest.raises(TransactionFileError, match="line 5: unparsable amount 'x'"):
        parse('customer_id,date,amount\n"a\nb",2024-01-01,1\n\nc,2024-01-01,x\n')


def test_blank_lines_are_skipped():
    purchases = parse("customer_id,date,amount\n\na,2024-01-01,1\n   \nb,2024-01-02,2\n")
    assert purchases.customer_ids.tolist() == ["a", "b"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("customer_id,date,amount\na,2024-01-01 10:00,1\n", "line 2: unparsable date"),
        ("customer_id,date,amount\na,2024-01-01T00,1\n", "line 2: unparsable date"),
        ("customer_id,date,amount\na,2024-01,1\n", "line 2: unparsable date '2024-01'"),
        ("customer_id,date,amount\na,2024-01-01,1\nb," + "x" * 500 + ",1\n",
         "line 3: unparsable date 'xxx"),
        ("customer_id,date,amount\na,2024-01-01,1\nb,2024-01-01,1" + "0" * 40 + "x\n",
         "line 3: unparsable amount"),
        ("customer_id,date,amount\na,2024-01-01,1\nb,2024-01-02," + "9" * 200_000 + "\n",
         "line 3: field larger than field limit"),
    ],
)
def test_dates_with_more_than_a_day_long_fields_and_broken_csv_are_refused(text, message):
    with pytest.raises(TransactionFileError) as error:
        parse(text)
    assert message in str(error.value)


def test_long_ids_and_long_valid_amounts_are_read():
    long_id = "customer " + "x" * 300
    purchases = parse(
        f"customer_id,date,amount\n{long_id},2024-01-01,1.{'0' * 40}\nb,20240102,2\n"
    )
    assert purchases.customer_ids.tolist() == ["b", long_id]
    assert purchases.amount.tolist() == [2.0, 1.0]
