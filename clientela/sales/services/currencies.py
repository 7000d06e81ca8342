"""Currency writes: saving one, moving the base to another currency, deleting one."""

from __future__ import annotations

import bisect
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from clientela.core.counting import bump_generation
from clientela.core.exceptions import ApplicationError

from ..choices import SalesErrorCode
from ..models import Currency, ExchangeRate, Opportunity
from ..selectors.currencies import RATES_GENERATION

RATE_PLACES = Decimal("1E-10")


def currency_save(*, currency: Currency) -> Currency:
    """Validate and save `currency`; when it is marked base, make it the base (rebasing rates).

    The base currency cannot simply stop being the base: another currency must become it, so
    that there is always exactly one.
    """
    with transaction.atomic():
        stored = Currency.objects.select_for_update().filter(pk=currency.pk).first()
        if stored is not None and stored.is_base and not currency.is_base:
            raise ApplicationError(
                _("There must be a base currency: make another currency the base instead."),
                code=SalesErrorCode.BASE_CURRENCY_REQUIRED, field="is_base",
            )
        moves_base = currency.is_base and not (stored and stored.is_base) and (
            Currency.objects.filter(is_base=True).exclude(pk=currency.pk).exists()
        )
        if moves_base:
            # Saved as an ordinary currency first; the rates are then re-expressed against it.
            currency.is_base = False
        currency.full_clean()
        currency.save()
        if moves_base:
            currency_make_base(currency=currency)
    return currency


def currency_make_base(*, currency: Currency) -> Currency:
    """Make `currency` the base and re-express every exchange rate against it.

    A rate of currency X on a day becomes X's old rate divided by the new base's rate then
    (its latest on or before that day); the old base gets one rate per rate the new base had,
    and the new base's own rates go. Conversions between any two currencies on any day give
    the same result as before. Refused when some rate predates every rate of the new base.
    """
    with transaction.atomic():
        old = Currency.objects.select_for_update().filter(is_base=True).first()
        if old is not None and old.pk == currency.pk:
            return currency
        history = list(
            ExchangeRate.objects.filter(currency=currency).order_by("date")
            .values_list("date", "rate")
        )
        dates = [date for date, _rate in history]
        rebased = list(ExchangeRate.objects.select_for_update().exclude(currency=currency))
        for rate in rebased:
            index = bisect.bisect_right(dates, rate.date) - 1
            if index < 0:
                raise ApplicationError(
                    _("%(code)s has no exchange rate on or before %(date)s, when %(other)s "
                      "has one; add it before making %(code)s the base.")
                    % {"code": currency.code, "date": rate.date.isoformat(),
                       "other": rate.currency_id},
                    code=SalesErrorCode.NO_EXCHANGE_RATE, field="is_base",
                )
            rate.rate = (rate.rate / history[index][1]).quantize(RATE_PLACES)
        ExchangeRate.objects.bulk_update(rebased, ["rate"])
        ExchangeRate.objects.filter(currency=currency).delete()
        if old is not None:
            ExchangeRate.objects.bulk_create(
                ExchangeRate(currency=old, date=date, rate=(1 / rate).quantize(RATE_PLACES))
                for date, rate in history
            )
            Currency.objects.filter(pk=old.pk).update(is_base=False)
        Currency.objects.filter(pk=currency.pk).update(is_base=True, is_active=True)
        currency.is_base = currency.is_active = True
        # The bulk writes above send no signals: converted figures cached before are stale.
        bump_generation(RATES_GENERATION)
    return currency


def currency_delete(*, currency: Currency) -> None:
    """Delete a currency with its rates; refused for the base and for one in use."""
    if currency.is_base:
        raise ApplicationError(_("The base currency cannot be deleted."),
                               code=SalesErrorCode.BASE_CURRENCY_REQUIRED)
    # Opportunities keep the code, not a key, so they are looked up by it (recycle bin too).
    if (currency.products.exists() or currency.price_books.exists()
            or Opportunity._base_manager.filter(currency=currency.code).exists()):
        raise ApplicationError(
            _("Products, price books or opportunities are in %(code)s; deactivate it instead.")
            % {"code": currency.code},
            code=SalesErrorCode.CURRENCY_IN_USE,
        )
    with transaction.atomic():
        currency.delete()
