"""How an amount of money reads: the number in the reader's locale, then the currency code."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.formats import number_format

from .models import Currency

NBSP = "\u00a0"


def decimal_places(currency: Currency | str | None) -> int:
    """Return how many decimals amounts of `currency` show (2 for an unknown one)."""
    if isinstance(currency, Currency):
        return currency.decimal_places
    if currency:
        places = Currency.objects.filter(pk=str(currency).upper()).values_list(
            "decimal_places", flat=True).first()
        if places is not None:
            return places
    return 2


def format_money(amount, currency: Currency | str | None) -> str:
    """Return `amount` rounded to the currency's decimals, grouped as the active locale groups
    digits, followed by the currency code ("1,234.50 EUR"; "1.234,50 EUR" in Spanish).

    An empty amount reads as an empty string; a value that is not a number as itself.
    """
    if amount is None or amount == "":
        return ""
    try:
        value = Decimal(str(amount))
    except (InvalidOperation, ValueError):
        return str(amount)
    places = decimal_places(currency)
    value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)
    code = currency.code if isinstance(currency, Currency) else (currency or "")
    return f"{text}{NBSP}{code}" if code else text
