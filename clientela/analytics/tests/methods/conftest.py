"""Fixtures of the method tests: the CDNOW sample as a transaction CSV and its summary."""

import datetime as dt
from pathlib import Path

import pytest

from clientela.analytics.methods.transactions import read_transactions, summarise

DATA = Path(__file__).parent.parent / "data"
CALIBRATION_END = dt.date(1997, 9, 30)
HOLDOUT_END = dt.date(1998, 6, 30)


def cdnow_rows() -> list[tuple[str, str, str]]:
    """Return (sample id, YYYYMMDD, dollars) for every line of the CDNOW sample."""
    rows = []
    for line in (DATA / "cdnow_sample.txt").read_text().splitlines():
        _master_id, sample_id, date, _cds, dollars = line.split()
        rows.append((str(int(sample_id)), date, dollars))
    return rows


@pytest.fixture(scope="session")
def cdnow_csv(tmp_path_factory) -> Path:
    """The CDNOW sample as the `customer_id,date,amount` CSV the command reads."""
    path = tmp_path_factory.mktemp("cdnow") / "cdnow.csv"
    lines = ["customer_id,date,amount"]
    lines += [f"{customer_id},{date},{dollars}" for customer_id, date, dollars in cdnow_rows()]
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.fixture(scope="session")
def cdnow_summary(cdnow_csv):
    """The CDNOW calibration/holdout summary in weeks, as the published analyses use it."""
    return summarise(
        read_transactions(cdnow_csv),
        calibration_end=CALIBRATION_END,
        holdout_end=HOLDOUT_END,
        time_unit="weeks",
    )
