"""Code-driven states of quotes and the errors of quotes and their lines."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class QuoteStatus(models.TextChoices):
    """Where a quote stands: being written, with the customer, answered, or out of date."""

    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    EXPIRED = "expired", _("Expired")


class QuoteErrorCode(models.TextChoices):
    ACCEPTED_IS_FINAL = "accepted_is_final", _("An accepted quote can no longer be changed.")
    NOT_DRAFT = "not_draft", _("Only a draft quote can be sent.")
    NOT_SENT = "not_sent", _("Only a sent quote can be accepted or rejected.")
    NO_LINES = "no_lines", _("A quote needs at least one line before it is sent.")
    EXPIRED = "expired", _("The quote is past its valid-until date.")
