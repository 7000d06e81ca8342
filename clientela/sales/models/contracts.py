"""Contracts signed with accounts, their renewal reminders and their attached documents."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clientela.core.models import Record

from ..choices import ContractErrorCode, ContractStatus
from .currencies import Currency
from .opportunities import base_currency_code


class Contract(Record):
    """An agreement with an account for a period, worth a value in one currency.

    The end date is never before the start date, and the currency is an active one (or the one
    the contract already had). `reminder_sent_for` holds the renewal date whose reminder went
    out, so a reminder is sent once per renewal date.
    """

    account = models.ForeignKey("accounts.Account", on_delete=models.PROTECT,
                                related_name="contracts", verbose_name=_("account"))
    name = models.CharField(_("name"), max_length=200)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2,
                                validators=[MinValueValidator(0)])
    # A code rather than a key to Currency, like opportunities: clean() checks it is active.
    currency = models.CharField(_("currency"), max_length=3, default=base_currency_code)
    status = models.CharField(_("status"), max_length=12, choices=ContractStatus.choices,
                              default=ContractStatus.DRAFT)
    renewal_date = models.DateField(_("renewal date"), null=True, blank=True)
    reminder_days = models.PositiveSmallIntegerField(
        _("reminder days before renewal"), default=30, validators=[MaxValueValidator(365)])
    reminder_sent_for = models.DateField(_("reminder sent for renewal on"), null=True,
                                         blank=True, editable=False)
    notes = models.TextField(_("notes"), blank=True)

    class Meta(Record.Meta):
        abstract = False
        ordering = ["-start_date", "-id"]
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        indexes = [
            models.Index(fields=["owner", "deleted_at"]),
            models.Index(fields=["team", "deleted_at"]),
            models.Index(fields=["status", "renewal_date"]),
            models.Index(fields=["status", "end_date"]),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("sales:contract", args=[self.pk])

    def clean(self) -> None:
        """Check the dates' order and that the currency is an active one."""
        super().clean()
        self.currency = (self.currency or "").strip().upper()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = ContractErrorCode.ENDS_BEFORE_START.label
        if self.currency and not self.currency_allowed():
            errors["currency"] = ContractErrorCode.CURRENCY_NOT_ACTIVE.label
        if errors:
            raise ValidationError(errors)

    def currency_allowed(self) -> bool:
        """Return whether the currency is active, or the one the contract already had."""
        if Currency.objects.filter(pk=self.currency, is_active=True).exists():
            return True
        return bool(self.pk) and Contract._base_manager.filter(
            pk=self.pk, currency=self.currency).exists()


def contract_document_path(document: ContractDocument, filename: str) -> str:
    return f"contracts/{document.contract_id}/{filename}"


class ContractDocument(models.Model):
    """A file attached to a contract (the signed copy, an annex), kept in media storage."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="documents")
    name = models.CharField(_("name"), max_length=200)
    file = models.FileField(_("file"), upload_to=contract_document_path, max_length=300)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("uploaded by"))

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("contract document")
        verbose_name_plural = _("contract documents")

    def __str__(self) -> str:
        return self.name
