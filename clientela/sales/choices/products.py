"""Code-driven picklists of products and prices, and the error codes of products and currencies."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProductUnit(models.TextChoices):
    """What one unit of a product is, as quotes and orders count it."""

    PIECE = "piece", _("Piece")
    HOUR = "hour", _("Hour")
    DAY = "day", _("Day")
    KG = "kg", _("Kilogram")
    LITRE = "litre", _("Litre")
    METRE = "metre", _("Metre")
    LICENCE = "licence", _("Licence")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")


class PriceSource(models.TextChoices):
    """Where a unit price came from, in the order the pricing rule tries them."""

    ACCOUNT_PRICE_BOOK = "account_price_book", _("Account's price book")
    SEGMENT_PRICE_BOOK = "segment_price_book", _("Price book of the account's segment")
    GENERAL_PRICE_BOOK = "general_price_book", _("General price book")
    LIST_PRICE = "list_price", _("List price")


class SalesErrorCode(models.TextChoices):
    NO_EXCHANGE_RATE = "no_exchange_rate", _("No exchange rate on or before that date.")
    UNKNOWN_CURRENCY = "unknown_currency", _("No such currency.")
    BASE_CURRENCY_REQUIRED = "base_currency_required", _("There must be one base currency.")
    CURRENCY_IN_USE = "currency_in_use", _("The currency is in use.")
    CATEGORY_IN_USE = "category_in_use", _("The category is in use.")
