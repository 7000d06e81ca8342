"""Currencies and their dated exchange rates to the base currency."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

ISO_CODE = RegexValidator(r"^[A-Z]{3}$", _("Enter a three-letter ISO 4217 code, e.g. EUR."))


class Currency(models.Model):
    """A currency amounts are kept in; exactly one is the base that reports convert to."""

    code = models.CharField(_("code"), max_length=3, primary_key=True, validators=[ISO_CODE])
    name = models.CharField(_("name"), max_length=100)
    symbol = models.CharField(_("symbol"), max_length=5, blank=True)
    decimal_places = models.PositiveSmallIntegerField(
        _("decimal places"), default=2, validators=[MaxValueValidator(4)]
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_base = models.BooleanField(_("base currency"), default=False)

    class Meta:
        ordering = ["-is_base", "code"]
        verbose_name = _("currency")
        verbose_name_plural = _("currencies")
        constraints = [
            models.UniqueConstraint(fields=["is_base"], condition=Q(is_base=True),
                                    name="one_base_currency"),
        ]

    def __str__(self) -> str:
        return self.code

    def clean(self) -> None:
        super().clean()
        if self.is_base and not self.is_active:
            raise ValidationError({"is_active": _("The base currency must stay active.")})


class ExchangeRate(models.Model):
    """How many units of the base currency one unit of `currency` was worth from `date` on."""

    currency = models.ForeignKey(Currency, on_delete=models.CASCADE, related_name="rates",
                                 verbose_name=_("currency"))
    date = models.DateField(_("date"))
    rate = models.DecimalField(
        _("rate"), max_digits=20, decimal_places=10,
        help_text=_("Units of the base currency per one unit of this currency."),
    )

    class Meta:
        ordering = ["currency", "-date"]
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [
            models.UniqueConstraint(fields=["currency", "date"], name="one_rate_per_day"),
            models.CheckConstraint(condition=Q(rate__gt=0), name="rate_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.currency_id} {self.date}: {self.rate}"

    def clean(self) -> None:
        super().clean()
        if self.rate is not None and self.rate <= 0:
            raise ValidationError({"rate": _("The rate must be greater than 0.")})
        if self.currency_id and Currency.objects.filter(pk=self.currency_id,
                                                        is_base=True).exists():
            raise ValidationError(
                {"currency": _("The base currency is always worth 1; it has no rates.")}
            )
        clash = ExchangeRate.objects.filter(currency_id=self.currency_id, date=self.date)
        if self.currency_id and self.date and clash.exclude(pk=self.pk).exists():
            raise ValidationError(
                {"date": _("This currency already has a rate on this date.")}
            )
