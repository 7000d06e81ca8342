"""Domain errors of sales, raised by its services and selectors."""

from __future__ import annotations

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from clientela.core.exceptions import ApplicationError

from .choices import DocumentErrorCode, SalesErrorCode


class UnknownCurrencyError(ApplicationError):
    """A currency code that is not defined."""

    def __init__(self, code: str, *, field: str | None = "currency"):
        super().__init__(_("No currency %(code)s is defined.") % {"code": code},
                         code=SalesErrorCode.UNKNOWN_CURRENCY, field=field)
        self.currency_code = code


class NoExchangeRateError(ApplicationError):
    """No rate of a currency is known on or before the date asked for."""

    def __init__(self, code: str, on_date: datetime.date):
        super().__init__(
            _("No exchange rate for %(code)s on or before %(date)s.")
            % {"code": code, "date": date_format(on_date, "SHORT_DATE_FORMAT")},
            code=SalesErrorCode.NO_EXCHANGE_RATE, field="currency",
        )
        self.currency_code = code
        self.on_date = on_date


class EmailSendError(ApplicationError):
    """The mail server refused or could not be reached; nothing was recorded as sent."""

    status_code = 502

    def __init__(self, reason: str):
        super().__init__(
            _("The email could not be sent: %(reason)s. Nothing was recorded; try again "
              "later or ask an administrator to check the mail settings.") % {"reason": reason},
            code=DocumentErrorCode.SEND_FAILED,
        )
