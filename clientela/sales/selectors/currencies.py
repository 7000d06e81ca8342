"""Currency reads: the base currency, the rate on a date, and conversions between amounts."""

from __future__ import annotations

import bisect
import datetime
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from ..exceptions import NoExchangeRateError, UnknownCurrencyError
from ..models import Currency, ExchangeRate

# The cache generation of figures converted to the base currency: bumped whenever a currency
# or an exchange rate changes.
RATES_GENERATION = "sales.rates"

def currency_list(*, active_only: bool = False) -> QuerySet[Currency]:
    """Return the currencies, base first, each with its latest rate as `latest_rate`."""
    latest = ExchangeRate.objects.filter(currency=OuterRef("pk")).order_by("-date")
    queryset = Currency.objects.annotate(
        latest_rate=Subquery(latest.values("rate")[:1]),
        latest_rate_date=Subquery(latest.values("date")[:1]),
    )
    return queryset.filter(is_active=True) if active_only else queryset


def base_currency() -> Currency:
    """Return the base currency (the seeded data migration guarantees there is one)."""
    return Currency.objects.get(is_base=True)


def _currency(code: str | Currency) -> Currency:
    if isinstance(code, Currency):
        return code
    try:
        return Currency.objects.get(pk=str(code).upper())
    except Currency.DoesNotExist:
        raise UnknownCurrencyError(str(code)) from None


def exchange_rate_on(currency: str | Currency, on_date: datetime.date | None = None) -> Decimal:
    """Return units of the base currency per unit of `currency` on `on_date` (default today).

    The rate is the latest one dated on or before the day; the base currency's is 1. Raise
    `NoExchangeRateError` when the currency has no rate that early, `UnknownCurrencyError`
    for a code that is not defined.
    """
    currency = _currency(currency)
    if currency.is_base:
        return Decimal(1)
    on_date = on_date or timezone.localdate()
    rate = (
        ExchangeRate.objects.filter(currency=currency, date__lte=on_date)
        .order_by("-date").values_list("rate", flat=True).first()
    )
    if rate is None:
        raise NoExchangeRateError(currency.code, on_date)
    return rate


def convert(amount: Decimal, from_code: str | Currency, to_code: str | Currency,
            on_date: datetime.date | None = None) -> Decimal:
    """Return `amount` in `from_code` expressed in `to_code` at the rates of `on_date`.

    The result is rounded half up to the target currency's decimal places.
    """
    source, target = _currency(from_code), _currency(to_code)
    places = Decimal(1).scaleb(-target.decimal_places)
    amount = Decimal(amount)
    if source.pk == target.pk:
        return amount.quantize(places, rounding=ROUND_HALF_UP)
    in_base = amount * exchange_rate_on(source, on_date)
    return (in_base / exchange_rate_on(target, on_date)).quantize(places, rounding=ROUND_HALF_UP)


def to_base(amount: Decimal, from_code: str | Currency,
            on_date: datetime.date | None = None) -> Decimal:
    """Return `amount` in `from_code` converted to the base currency at the rate of `on_date`."""
    return convert(amount, from_code, base_currency(), on_date)


class BaseConverter:
    """`to_base` for many amounts at once, with the rates of the currencies read in one query.

    Each conversion gives what `to_base(amount, code, on_date)` gives, and raises the same
    errors; summing the amounts of a whole board costs three queries instead of two per row.
    """

    def __init__(self, codes: Iterable[str]):
        codes = {str(code).upper() for code in codes}
        self.base = base_currency()
        self.places = Decimal(1).scaleb(-self.base.decimal_places)
        self.known = set(Currency.objects.filter(pk__in=codes).values_list("code", flat=True))
        self.rates: dict[str, tuple[list[datetime.date], list[Decimal]]] = {}
        rates = (ExchangeRate.objects.filter(currency__in=codes - {self.base.code})
                 .order_by("currency", "date").values_list("currency", "date", "rate"))
        for code, day, rate in rates:
            days, values = self.rates.setdefault(code, ([], []))
            days.append(day)
            values.append(rate)

    def rate_on(self, code: str, on_date: datetime.date | None = None) -> Decimal:
        """Return units of the base currency per unit of `code` on `on_date` (today), as
        `exchange_rate_on` does."""
        code = str(code).upper()
        if code == self.base.code:
            return Decimal(1)
        if code not in self.known:
            raise UnknownCurrencyError(code)
        on_date = on_date or timezone.localdate()
        days, values = self.rates.get(code, ([], []))
        index = bisect.bisect_right(days, on_date)
        if index == 0:
            raise NoExchangeRateError(code, on_date)
        return values[index - 1]

    def to_base(self, amount: Decimal, code: str,
                on_date: datetime.date | None = None) -> Decimal:
        """Return `amount` in `code` in the base currency at the rate of `on_date` (today)."""
        amount = Decimal(amount) * self.rate_on(code, on_date)
        return amount.quantize(self.places, rounding=ROUND_HALF_UP)
