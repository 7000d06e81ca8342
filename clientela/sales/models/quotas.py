"""Quotas: the amount a salesperson or a team is expected to win in a month or a quarter."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clientela.core.models import Record

from ..choices import PeriodKind, QuotaErrorCode
from ..forecasting import Period, is_period_start, period_of


class Quota(Record):
    """A target in the base currency for one salesperson or one team, over a month or quarter.

    Exactly one of `user` and `sales_team` is set, `period_start` is the first day of its
    month or quarter, and there is one quota per subject, kind and start. The record's owner
    and team follow the subject (a salesperson's quota is owned by them, in their team; a team
    quota is in that team), so the usual view scopes let salespeople see their own and their
    team's quotas.
    """

    user = models.ForeignKey(
        "users.User", on_delete=models.CASCADE, null=True, blank=True, related_name="quotas",
        verbose_name=_("salesperson"),
    )
    sales_team = models.ForeignKey(
        "users.Team", on_delete=models.CASCADE, null=True, blank=True, related_name="quotas",
        verbose_name=_("sales team"),
    )
    period_kind = models.CharField(_("period"), max_length=10, choices=PeriodKind.choices,
                                   default=PeriodKind.MONTH)
    period_start = models.DateField(_("period start"))
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2,
                                 validators=[MinValueValidator(0)],
                                 help_text=_("In the base currency."))
    notes = models.TextField(_("notes"), blank=True)

    class Meta(Record.Meta):
        abstract = False
        ordering = ["-period_start", "period_kind", "id"]
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        indexes = [
            models.Index(fields=["owner", "deleted_at"]),
            models.Index(fields=["team", "deleted_at"]),
            models.Index(fields=["period_start", "period_kind"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(user__isnull=False, sales_team__isnull=True)
                           | Q(user__isnull=True, sales_team__isnull=False)),
                name="quota_one_subject",
                violation_error_message=QuotaErrorCode.ONE_SUBJECT.label,
            ),
            models.UniqueConstraint(
                fields=["user", "period_kind", "period_start"],
                condition=Q(deleted_at__isnull=True, user__isnull=False),
                name="unique_user_quota", violation_error_message=QuotaErrorCode.DUPLICATE.label,
            ),
            models.UniqueConstraint(
                fields=["sales_team", "period_kind", "period_start"],
                condition=Q(deleted_at__isnull=True, sales_team__isnull=False),
                name="unique_team_quota", violation_error_message=QuotaErrorCode.DUPLICATE.label,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user or self.sales_team} · {self.period_label}"

    def get_absolute_url(self) -> str:
        return reverse("sales:quota", args=[self.pk])

    @property
    def period(self) -> Period | None:
        """Return the quota's month or quarter (None before a start is set)."""
        if self.period_start is None:
            return None
        return period_of(self.period_kind, self.period_start)

    @property
    def period_label(self) -> str:
        return self.period.label if self.period else ""

    def clean(self) -> None:
        """Check there is exactly one subject and that the period starts on its boundary."""
        super().clean()
        errors = {}
        if self.user_id is None and self.sales_team_id is None:
            errors["user"] = QuotaErrorCode.SUBJECT_REQUIRED.label
        elif self.user_id is not None and self.sales_team_id is not None:
            errors["sales_team"] = QuotaErrorCode.ONE_SUBJECT.label
        if self.period_start is not None and not is_period_start(self.period_kind,
                                                                 self.period_start):
            errors["period_start"] = QuotaErrorCode.NOT_PERIOD_START.label
        if errors:
            raise ValidationError(errors)
        self.follow_subject()

    def validate_constraints(self, exclude=None) -> None:
        # The uniqueness rules speak of the period, which the forms edit as one field.
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as error:
            messages = list(error.messages)
            if QuotaErrorCode.DUPLICATE.label in messages:
                raise ValidationError({"period_start": QuotaErrorCode.DUPLICATE.label}) from None
            raise

    def follow_subject(self) -> None:
        """Make the record's owner and team those of the quota's subject."""
        if self.user_id is not None:
            from clientela.users.models import User

            self.owner_id = self.user_id
            self.team_id = User.objects.filter(pk=self.user_id).values_list(
                "team_id", flat=True).first()
        elif self.sales_team_id is not None:
            self.team_id = self.sales_team_id

    def save(self, *args, **kwargs) -> None:
        self.follow_subject()
        super().save(*args, **kwargs)
