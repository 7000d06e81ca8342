"""Opportunities: deals being worked through a pipeline, their contacts and stage history."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clientela.core.models import Record
from clientela.leads.choices import LeadSource

from ..choices import (
    ForecastCategory,
    LostReason,
    OpportunityContactRole,
    OpportunityErrorCode,
    OpportunityStatus,
    StageKind,
)
from ..forecasting import forecast_category_for
from .currencies import Currency
from .documents import DocumentLine
from .pipelines import Pipeline, Stage


def base_currency_code() -> str:
    """Return the code of the base currency, the one a new opportunity starts in."""
    return Currency.objects.filter(is_base=True).values_list("code", flat=True).first() or ""


class Opportunity(Record):
    """A potential sale to an account, moving through the stages of one pipeline.

    `status` follows the kind of the stage; a won opportunity has an amount above zero, a lost
    one a lost reason, and both a closed date; an open one has neither closed date nor reason.
    """

    name = models.CharField(_("name"), max_length=200)
    account = models.ForeignKey(
        "accounts.Account", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="opportunities", verbose_name=_("account"),
    )
    amount = models.DecimalField(
        _("amount"), max_digits=14, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("With products listed, their total: net of discounts, before tax."),
    )
    # A code rather than a key to Currency: the rule (an active currency) is checked in clean().
    currency = models.CharField(_("currency"), max_length=3, default=base_currency_code)
    pipeline = models.ForeignKey(Pipeline, on_delete=models.PROTECT, related_name="opportunities",
                                 verbose_name=_("pipeline"))
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="opportunities",
                              verbose_name=_("stage"))
    probability = models.PositiveSmallIntegerField(
        _("probability (%)"), blank=True, validators=[MaxValueValidator(100)],
        help_text=_("Left empty, the stage's probability."),
    )
    expected_close_date = models.DateField(_("expected close date"), null=True, blank=True)
    forecast_category = models.CharField(
        _("forecast category"), max_length=10, choices=ForecastCategory.choices, blank=True,
        help_text=_("Left empty, derived from the probability: 80 % or more commit, 50 % or "
                    "more best case, else pipeline."),
    )
    next_step = models.CharField(_("next step"), max_length=255, blank=True)
    lead_source = models.CharField(_("lead source"), max_length=20, choices=LeadSource.choices,
                                   blank=True)
    competitors = models.ManyToManyField(
        "accounts.Account", blank=True, related_name="competing_opportunities",
        verbose_name=_("competitors"),
    )
    lost_reason = models.CharField(_("lost reason"), max_length=20, choices=LostReason.choices,
                                   blank=True)
    lost_detail = models.TextField(_("lost reason detail"), blank=True)
    closed_on = models.DateField(_("closed date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=OpportunityStatus.choices,
                              default=OpportunityStatus.OPEN, editable=False)
    description = models.TextField(_("description"), blank=True)

    class Meta(Record.Meta):
        abstract = False
        ordering = ["-created_at", "-id"]
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")
        indexes = [
            models.Index(fields=["-created_at", "-id"]),
            models.Index(fields=["owner", "deleted_at"]),
            models.Index(fields=["team", "deleted_at"]),
            models.Index(fields=["stage", "expected_close_date", "id"]),
            models.Index(fields=["status", "expected_close_date"]),
            models.Index(fields=["status", "closed_on"]),
            # Covers the board's totals (one pipeline's amounts per stage, close date and
            # currency, within the viewer's owners and teams) without reading the table.
            models.Index(fields=["pipeline", "stage", "expected_close_date", "currency", "amount",
                                 "deleted_at", "owner", "team"],
                         name="sales_opp_board_totals_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("sales:opportunity", args=[self.pk])

    @property
    def effective_forecast_category(self) -> str:
        """Return the forecast category the owner chose, else the one of the probability."""
        return forecast_category_for(self.probability, self.forecast_category)

    def clean(self) -> None:
        """Check the stage against the pipeline and apply the rules of the stage's kind."""
        super().clean()
        self.currency = (self.currency or "").strip().upper()
        errors = {}
        if self.currency and not self.currency_allowed():
            errors["currency"] = OpportunityErrorCode.CURRENCY_NOT_ACTIVE.label
        if self.stage_id is None:
            if errors:
                raise ValidationError(errors)
            return
        stage = self.stage
        if self.pipeline_id is None:
            self.pipeline_id = stage.pipeline_id
        if stage.pipeline_id != self.pipeline_id:
            errors["stage"] = OpportunityErrorCode.OTHER_PIPELINE.label
            raise ValidationError(errors)
        if self.probability is None:
            self.probability = stage.probability
        self.status = stage.kind
        if stage.kind == StageKind.OPEN:
            self.closed_on = None
            self.lost_reason = ""
            self.lost_detail = ""
        else:
            self.closed_on = self.closed_on or timezone.localdate()
        if stage.kind == StageKind.WON:
            self.lost_reason = ""
            self.lost_detail = ""
            if self.amount is None or self.amount <= 0:
                errors["amount"] = OpportunityErrorCode.AMOUNT_REQUIRED.label
        if stage.kind == StageKind.LOST and not self.lost_reason:
            errors["lost_reason"] = OpportunityErrorCode.REASON_REQUIRED.label
        if errors:
            raise ValidationError(errors)

    def currency_allowed(self) -> bool:
        """Return whether the currency is an active one, or the one the record already had.

        A currency deactivated later stays on the opportunities kept in it, which can still
        be edited; it is only refused for new amounts.
        """
        if Currency.objects.filter(pk=self.currency, is_active=True).exists():
            return True
        return bool(self.pk) and Opportunity._base_manager.filter(
            pk=self.pk, currency=self.currency).exists()


class OpportunityLine(DocumentLine):
    """A product (or a free-text item) the opportunity would sell. An opportunity with lines
    is worth their total, net of discounts and before tax."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="lines",
                                    verbose_name=_("opportunity"))

    class Meta(DocumentLine.Meta):
        verbose_name = _("opportunity line")
        verbose_name_plural = _("opportunity lines")


class OpportunityContact(models.Model):
    """A contact involved in an opportunity, with their part in the decision."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE,
                                    related_name="contact_roles")
    contact = models.ForeignKey("contacts.Contact", on_delete=models.CASCADE,
                                related_name="opportunity_roles", verbose_name=_("contact"))
    role = models.CharField(_("role"), max_length=20, choices=OpportunityContactRole.choices,
                            default=OpportunityContactRole.OTHER)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "contact"],
                                    name="unique_opportunity_contact"),
        ]

    def __str__(self) -> str:
        return f"{self.contact} ({self.get_role_display()})"


class StageChange(models.Model):
    """An opportunity entering a stage: from where, when and by whom (none on creation)."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE,
                                    related_name="stage_changes")
    from_stage = models.ForeignKey(Stage, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("from stage"))
    to_stage = models.ForeignKey(Stage, on_delete=models.SET_NULL, null=True,
                                 related_name="+", verbose_name=_("to stage"))
    changed_at = models.DateTimeField(_("when"), default=timezone.now)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("by"))

    class Meta:
        ordering = ["changed_at", "id"]
        indexes = [models.Index(fields=["opportunity", "changed_at", "id"])]
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")

    def __str__(self) -> str:
        return f"{self.opportunity}: {self.from_stage} → {self.to_stage}"
