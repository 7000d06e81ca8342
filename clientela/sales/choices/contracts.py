"""Choices of contracts: their states and the errors their rules raise."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContractStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("Active")
    EXPIRED = "expired", _("Expired")
    TERMINATED = "terminated", _("Terminated")
    RENEWED = "renewed", _("Renewed")


class ContractErrorCode(models.TextChoices):
    ENDS_BEFORE_START = "ends_before_start", _("The end date cannot be before the start date.")
    CURRENCY_NOT_ACTIVE = "currency_not_active", _("Choose one of the active currencies.")
    DOCUMENT_TOO_LARGE = "document_too_large", _(
        "The file is larger than %(limit)s; attach a smaller one.")
    DOCUMENT_EMPTY = "document_empty", _("The file is empty.")
