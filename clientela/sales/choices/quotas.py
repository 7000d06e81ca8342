"""Code-driven states of quotas and forecasts."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodKind(models.TextChoices):
    """How long a quota or forecast period lasts."""

    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")


class ForecastCategory(models.TextChoices):
    """Where an open opportunity counts in the forecast; empty on the record means derived
    from its probability (see `clientela.sales.forecasting.forecast_category_for`)."""

    PIPELINE = "pipeline", _("Pipeline")
    BEST_CASE = "best_case", _("Best case")
    COMMIT = "commit", _("Commit")
    OMITTED = "omitted", _("Omitted")


class ForecastFigure(models.TextChoices):
    """The figures of a forecast that stand for a set of opportunities (drill-down)."""

    CLOSED_WON = "closed_won", _("Closed won")
    COMMIT = "commit", _("Commit")
    BEST_CASE = "best_case", _("Best case")
    PIPELINE = "pipeline", _("Weighted pipeline")


class QuotaErrorCode(models.TextChoices):
    SUBJECT_REQUIRED = "subject_required", _("Choose either a salesperson or a team.")
    ONE_SUBJECT = "one_subject", _("A quota is for a salesperson or for a team, not both.")
    NOT_PERIOD_START = "not_period_start", _(
        "A period starts on the first day of a month or of a quarter.")
    DUPLICATE = "duplicate", _("There is already a quota for this period.")
    BAD_PERIOD = "bad_period", _("Give a month as 2026-11 or a quarter as 2026-Q4.")
