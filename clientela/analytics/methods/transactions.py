"""Read `customer_id,date,amount` files and summarise them per customer, as arrays."""

from __future__ import annotations

import csv
import datetime as dt
import gc
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path

import numpy as np

REQUIRED_COLUMNS = ("customer_id", "date", "amount")
TIME_UNITS = {"days": 1.0, "weeks": 7.0}


class TransactionFileError(ValueError):
    """A transaction file that cannot be read; the message names the line and the problem."""


@dataclass(frozen=True)
class Purchases:
    """One row per customer and purchase day (amounts of one day summed), sorted by both;
    customer ids are sorted too.

    `customer_ids[customer[i]]` is the id of purchase i; `day` counts days since 1970-01-01.
    """

    customer_ids: np.ndarray
    customer: np.ndarray
    day: np.ndarray
    amount: np.ndarray

    @property
    def customer_count(self) -> int:
        return len(self.customer_ids)


@dataclass(frozen=True)
class CustomerSummary:
    """Per-customer BG/NBD inputs for one calibration period, in `time_unit`.

    frequency: repeat purchases (purchase days − 1) up to the calibration end;
    recency: first → last purchase in the calibration period; age (T): first purchase →
    calibration end; monetary: mean amount of the repeat purchases (0 without any);
    holdout_purchases: purchases after the calibration end up to the holdout end (0 without one).
    """

    customer_ids: np.ndarray
    frequency: np.ndarray
    recency: np.ndarray
    age: np.ndarray
    monetary: np.ndarray
    holdout_purchases: np.ndarray
    calibration_end: dt.date
    holdout_end: dt.date | None
    time_unit: str

    @property
    def holdout_length(self) -> float | None:
        """Return the holdout period's length in the time unit, or None without a holdout."""
        if self.holdout_end is None:
            return None
        return (self.holdout_end - self.calibration_end).days / TIME_UNITS[self.time_unit]


def parse_date(text: str) -> dt.date:
    """Return the date written as `YYYY-MM-DD` or `YYYYMMDD`; raise ValueError otherwise."""
    text = text.strip()
    if len(text) == 8 and text.isdigit():
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        return dt.date.fromisoformat(text)
    raise ValueError(text)


def read_transactions(path: str | Path) -> Purchases:
    """Read a CSV file with a header naming at least customer_id, date and amount.

    Raise TransactionFileError naming the line for a missing file or column, an unparsable
    date or amount, a negative amount, or a file without transactions.
    """
    path = Path(path)
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            return parse_transactions(handle, source=str(path))
    except OSError as error:
        raise TransactionFileError(f"{path}: cannot be read ({error.strerror})") from None
    except UnicodeDecodeError:
        raise TransactionFileError(f"{path}: not a UTF-8 text file") from None


def parse_transactions(lines: Iterable[str], *, source: str = "<transactions>") -> Purchases:
    """Parse CSV text (header first) into Purchases; see `read_transactions` for the errors."""
    reader = csv.reader(lines)
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise TransactionFileError(f"{source}, line 1: {error}") from None
    if header is None or not any(cell.strip() for cell in header):
        raise TransactionFileError(f"{source}, line 1: the file is empty (a header is required)")
    columns = [cell.strip().lower() for cell in header]
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise TransactionFileError(
            f"{source}, line 1: missing column(s) {', '.join(missing)} "
            f"(the header must name {', '.join(REQUIRED_COLUMNS)})"
        )
    id_at, date_at, amount_at = (columns.index(name) for name in REQUIRED_COLUMNS)
    width = max(id_at, date_at, amount_at) + 1

    try:
        rows = _read_rows(reader)
    except csv.Error as error:
        raise TransactionFileError(f"{source}, line {reader.line_num}: {error}") from None
    line_of = _line_numbers(rows, spans_lines=reader.line_num != len(rows) + 1)
    short = [position for position, row in enumerate(rows) if len(row) < width]
    for position in short:
        if any(cell.strip() for cell in rows[position]):
            raise TransactionFileError(
                f"{source}, line {line_of(position)}: {len(rows[position])} field(s), "
                f"expected at least {width}"
            )
    positions = np.delete(np.arange(len(rows)), short)
    if short:
        rows = [rows[position] for position in positions]
    if not rows:
        raise TransactionFileError(f"{source}, line 2: no transactions after the header")

    def line_at(index: int) -> int:
        return line_of(int(positions[index]))

    customer_ids = _customer_ids(list(map(itemgetter(id_at), rows)), line_at, source)
    day = _parse_days(list(map(itemgetter(date_at), rows)), line_at, source)
    amount = _parse_amounts(list(map(itemgetter(amount_at), rows)), line_at, source)
    return _collapse_days(customer_ids, day, amount)


def _read_rows(reader) -> list[list[str]]:
    """Return every remaining row; the cyclic garbage collector, which would scan the growing
    list of lists again and again, is paused meanwhile (it halves the time of a large file)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return list(reader)
    finally:
        if collecting:
            gc.enable()


def _line_numbers(rows: list[list[str]], *, spans_lines: bool) -> Callable[[int], int]:
    """Return the function giving the file line of a data row (the header is line 1).

    Only quoted fields holding line breaks make rows span lines; without them the line is
    the position + 2, and with them it is counted when an error needs it.
    """
    if not spans_lines:
        return lambda position: position + 2

    def line_of(position: int) -> int:
        breaks = sum(cell.count("\n") for row in rows[:position] for cell in row)
        return position + 2 + breaks

    return line_of


def _parse_days(texts: list[str], line_at: Callable[[int], int], source: str) -> np.ndarray:
    """Return days since the epoch; NumPy parses the common case, Python finds the bad line."""
    stripped = np.strings.strip(np.array(texts)) if _short(texts, 16) else None
    if stripped is not None and (np.strings.str_len(stripped) <= 10).all():
        iso = stripped.astype("U10")
        compact = (np.strings.str_len(iso) == 8) & np.strings.isdigit(iso)
        if compact.any():
            digits = iso[compact]
            iso[compact] = (
                np.strings.slice(digits, 0, 4) + "-" + np.strings.slice(digits, 4, 6) + "-"
                + np.strings.slice(digits, 6, 8)
            )
        try:
            parsed = iso.astype("datetime64[D]")
            # datetime64 also reads "NaT", a year or a month alone: only full dates pass.
            if not np.isnat(parsed).any() and (np.strings.str_len(iso) == 10).all():
                return parsed.astype(np.int64)
        except ValueError:
            pass
    epoch = dt.date(1970, 1, 1)
    days = []
    for position, text in enumerate(texts):
        try:
            days.append((parse_date(text) - epoch).days)
        except ValueError:
            raise TransactionFileError(
                f"{source}, line {line_at(position)}: unparsable date {text.strip()!r} "
                "(expected YYYY-MM-DD or YYYYMMDD)"
            ) from None
    return np.array(days, dtype=np.int64)


def _parse_amounts(texts: list[str], line_at: Callable[[int], int], source: str) -> np.ndarray:
    """Return the amounts as floats; reject anything but finite, non-negative decimals."""
    if _short(texts, 32):
        try:
            parsed = np.array(texts).astype(np.float64)
            if np.isfinite(parsed).all() and (parsed >= 0).all():
                return parsed
        except ValueError:
            pass
    values = []
    for position, text in enumerate(texts):
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not math.isfinite(value):
            raise TransactionFileError(
                f"{source}, line {line_at(position)}: unparsable amount {text.strip()!r} "
                "(expected a decimal number with '.' as the decimal separator)"
            )
        if value < 0:
            raise TransactionFileError(
                f"{source}, line {line_at(position)}: negative amount {text.strip()}"
            )
        values.append(value)
    return np.array(values, dtype=np.float64)


def _short(texts: list[str], limit: int) -> bool:
    """Return whether every text fits in `limit` characters.

    NumPy string arrays are as wide as their longest item, so one stray paragraph in a
    million-row column would make the array gigabytes wide; such columns go the slow way.
    """
    return max(map(len, texts)) <= limit


def _customer_ids(
    texts: list[str], line_at: Callable[[int], int], source: str
) -> np.ndarray:
    """Return the stripped ids; refuse an empty one."""
    if _short(texts, 64):
        ids = np.strings.strip(np.array(texts))
        empty = np.flatnonzero(np.strings.str_len(ids) == 0)
    else:
        ids = np.array([text.strip() for text in texts], dtype=object)
        empty = np.flatnonzero(ids == "")
    if empty.size:
        raise TransactionFileError(f"{source}, line {line_at(int(empty[0]))}: empty customer_id")
    return ids


def _collapse_days(ids: np.ndarray, day: np.ndarray, amount: np.ndarray) -> Purchases:
    """Sum the amounts of each customer's day and sort by customer id, then day."""
    customer_ids, codes = np.unique(ids, return_inverse=True)
    order = np.lexsort((day, codes))
    codes, day, amount = codes[order], day[order], amount[order]
    starts = np.flatnonzero(
        np.concatenate(([True], (codes[1:] != codes[:-1]) | (day[1:] != day[:-1])))
    )
    return Purchases(
        customer_ids=customer_ids.astype(object),
        customer=codes[starts],
        day=day[starts],
        amount=np.add.reduceat(amount, starts),
    )


def summarise(
    purchases: Purchases,
    *,
    calibration_end: dt.date,
    holdout_end: dt.date | None = None,
    time_unit: str = "days",
) -> CustomerSummary:
    """Return the per-customer summary of the purchases up to `calibration_end` (inclusive).

    Customers whose first purchase falls after the calibration end are left out. Raise
    TransactionFileError when no purchase falls in the calibration period.
    """
    if time_unit not in TIME_UNITS:
        raise ValueError(f"time unit must be one of {', '.join(TIME_UNITS)}, not {time_unit!r}")
    if holdout_end is not None and holdout_end <= calibration_end:
        raise ValueError(
            f"the holdout end {holdout_end} must come after the calibration end {calibration_end}"
        )
    end_day = _epoch_day(calibration_end)
    holdout_day = _epoch_day(holdout_end) if holdout_end is not None else end_day
    customer, day, amount = purchases.customer, purchases.day, purchases.amount
    n = purchases.customer_count

    in_calibration = day <= end_day
    if not in_calibration.any():
        first = dt.date(1970, 1, 1) + dt.timedelta(days=int(day.min()))
        raise TransactionFileError(
            f"no purchase on or before the calibration end {calibration_end} "
            f"(the first is on {first}): the calibration period is empty"
        )
    # Purchases are sorted by customer then day, so a customer's first row is its first purchase.
    first_row = np.flatnonzero(np.concatenate(([True], customer[1:] != customer[:-1])))
    first_day = np.zeros(n, dtype=np.int64)
    first_day[customer[first_row]] = day[first_row]
    first_amount = np.zeros(n)
    first_amount[customer[first_row]] = amount[first_row]

    calibration_count = np.bincount(customer[in_calibration], minlength=n)
    calibration_spend = np.bincount(
        customer[in_calibration], weights=amount[in_calibration], minlength=n
    )
    last_day = np.full(n, np.iinfo(np.int64).min)
    np.maximum.at(last_day, customer[in_calibration], day[in_calibration])
    in_holdout = (day > end_day) & (day <= holdout_day)
    holdout_count = np.bincount(customer[in_holdout], minlength=n)

    kept = calibration_count > 0
    frequency = calibration_count[kept] - 1
    repeat_spend = calibration_spend[kept] - first_amount[kept]
    monetary = np.divide(
        repeat_spend, frequency, out=np.zeros(len(frequency)), where=frequency > 0
    )
    scale = TIME_UNITS[time_unit]
    return CustomerSummary(
        customer_ids=purchases.customer_ids[kept],
        frequency=frequency.astype(np.float64),
        recency=(last_day[kept] - first_day[kept]) / scale,
        age=(end_day - first_day[kept]) / scale,
        monetary=np.maximum(monetary, 0.0),
        holdout_purchases=holdout_count[kept].astype(np.float64),
        calibration_end=calibration_end,
        holdout_end=holdout_end,
        time_unit=time_unit,
    )


def _epoch_day(date: dt.date) -> int:
    return (date - dt.date(1970, 1, 1)).days
