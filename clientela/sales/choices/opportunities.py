"""Code-driven states and picklists of pipelines and opportunities."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StageKind(models.TextChoices):
    """What reaching a stage means: still being worked, won, or lost."""

    OPEN = "open", _("Open")
    WON = "won", _("Won")
    LOST = "lost", _("Lost")


class OpportunityStatus(models.TextChoices):
    """An opportunity's status, derived from the kind of its stage."""

    OPEN = "open", _("Open")
    WON = "won", _("Won")
    LOST = "lost", _("Lost")


class OpportunityContactRole(models.TextChoices):
    DECISION_MAKER = "decision_maker", _("Decision maker")
    INFLUENCER = "influencer", _("Influencer")
    CHAMPION = "champion", _("Champion")
    ECONOMIC_BUYER = "economic_buyer", _("Economic buyer")
    TECHNICAL_EVALUATOR = "technical_evaluator", _("Technical evaluator")
    USER = "user", _("User")
    OTHER = "other", _("Other")


class LostReason(models.TextChoices):
    PRICE = "price", _("Price")
    PRODUCT_FIT = "product_fit", _("Product fit")
    COMPETITOR = "competitor", _("Competitor")
    NO_DECISION = "no_decision", _("No decision")
    TIMING = "timing", _("Timing")
    OTHER = "other", _("Other")


class ClosePeriod(models.TextChoices):
    """The expected-close windows the board filters by."""

    THIS_MONTH = "this_month", _("This month")
    THIS_QUARTER = "this_quarter", _("This quarter")
    NEXT_QUARTER = "next_quarter", _("Next quarter")
    CUSTOM = "custom", _("Custom range")


class OpportunityErrorCode(models.TextChoices):
    OTHER_PIPELINE = "other_pipeline", _("The stage belongs to another pipeline.")
    AMOUNT_REQUIRED = "amount_required", _("A won opportunity needs an amount greater than zero.")
    REASON_REQUIRED = "reason_required", _("A lost opportunity needs a lost reason.")
    NO_CLOSING_STAGE = "no_closing_stage", _("The pipeline has no stage of this kind.")
    CURRENCY_NOT_ACTIVE = "currency_not_active", _("Choose one of the active currencies.")


class PipelineErrorCode(models.TextChoices):
    STAGE_IN_USE = "stage_in_use", _("Opportunities are in this stage.")
    PIPELINE_IN_USE = "pipeline_in_use", _("The pipeline has opportunities.")
    STAGES_INCOMPLETE = "stages_incomplete", _(
        "A pipeline needs at least one open stage, one won stage and one lost stage."
    )
