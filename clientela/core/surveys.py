"""Satisfaction survey answers that customer records mix in, entered by hand or imported until
surveys are sent from the app; the customer analytics read them."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

ONE_TO_FIVE = [MinValueValidator(1), MaxValueValidator(5)]


class SatisfactionAnswers(models.Model):
    """The latest survey's answers: satisfaction as perceived and as expected (1–5, the way
    customer satisfaction scores are asked), and the likelihood to recommend (NPS, 0–10)."""

    satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction"), null=True, blank=True, validators=ONE_TO_FIVE,
        help_text=_("Satisfaction the customer reports, 1 (very unsatisfied) to 5 (very "
                    "satisfied)."),
    )
    expected_satisfaction = models.PositiveSmallIntegerField(
        _("expected satisfaction"), null=True, blank=True, validators=ONE_TO_FIVE,
        help_text=_("What the customer expected, on the same scale: above it the customer is "
                    "more satisfied than expected."),
    )
    recommend_score = models.PositiveSmallIntegerField(
        _("likelihood to recommend"), null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
        help_text=_("Net Promoter question, 0 (not at all likely) to 10 (extremely likely)."),
    )
    surveyed_on = models.DateField(_("surveyed on"), null=True, blank=True)

    class Meta:
        abstract = True


SATISFACTION_FIELDS = ("satisfaction", "expected_satisfaction", "recommend_score", "surveyed_on")
