"""The fixed vocabularies of the customer analytics."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")


class RunTrigger(models.TextChoices):
    MANUAL = "manual", _("On demand")
    SCHEDULED = "scheduled", _("Nightly")


class ValueBasis(models.TextChoices):
    """What customers are ranked by."""

    REVENUE = "revenue", _("Revenue")
    MARGIN = "margin", _("Margin")


class RfmSegment(models.TextChoices):
    CHAMPIONS = "champions", _("Champions")
    LOYAL = "loyal", _("Loyal")
    POTENTIAL_LOYALISTS = "potential_loyalists", _("Potential loyalists")
    NEW = "new", _("New")
    PROMISING = "promising", _("Promising")
    NEED_ATTENTION = "need_attention", _("Need attention")
    ABOUT_TO_SLEEP = "about_to_sleep", _("About to sleep")
    AT_RISK = "at_risk", _("At risk")
    CANNOT_LOSE = "cannot_lose", _("Can't lose")
    HIBERNATING = "hibernating", _("Hibernating")
    LOST = "lost", _("Lost")


class ParetoClass(models.TextChoices):
    A = "A", _("A")
    B = "B", _("B")
    C = "C", _("C")


class BcgQuadrant(models.TextChoices):
    STAR = "star", _("Star")
    CASH_COW = "cash_cow", _("Cash cow")
    QUESTION_MARK = "question_mark", _("Question mark")
    DOG = "dog", _("Dog")


class LoyaltyQuadrant(models.TextChoices):
    """Winer's satisfaction × loyalty quadrants."""

    LOYAL = "loyal", _("Loyal")
    CAPTIVE = "captive", _("Captive")
    MERCENARY = "mercenary", _("Mercenary")
    TERRORIST = "terrorist", _("Terrorist")


class SatisfactionLevel(models.TextChoices):
    """Satisfaction as perceived against as expected."""

    LOW = "low", _("Low")
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("High")


class SatisfactionSource(models.TextChoices):
    SURVEY = "survey", _("Survey")
    CASES = "cases", _("Cases")


class CriterionSource(models.TextChoices):
    """Where an attractiveness criterion's score comes from before a rep overrides it."""

    MANUAL = "manual", _("Scored by hand")
    CURRENT_VOLUME = "current_volume", _("Current volume (revenue)")
    DEMAND_GROWTH = "demand_growth", _("Growth of revenue")
    PROFIT_MARGIN = "profit_margin", _("Profit margin")
