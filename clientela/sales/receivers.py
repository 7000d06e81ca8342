"""Cached sales figures follow every change of what they convert with (currencies and rates)
and of the pipelines and stages they are laid out by."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from clientela.core.counting import bump_generation

from .models import Currency, ExchangeRate, Pipeline, Stage
from .selectors.currencies import RATES_GENERATION
from .selectors.opportunities import PIPELINES_GENERATION


@receiver(post_save, sender=ExchangeRate, dispatch_uid="clientela.sales.rate-saved")
@receiver(post_delete, sender=ExchangeRate, dispatch_uid="clientela.sales.rate-deleted")
@receiver(post_save, sender=Currency, dispatch_uid="clientela.sales.currency-saved")
@receiver(post_delete, sender=Currency, dispatch_uid="clientela.sales.currency-deleted")
def converted_figures_expire(sender, **kwargs) -> None:
    bump_generation(RATES_GENERATION)


@receiver(post_save, sender=Pipeline, dispatch_uid="clientela.sales.pipeline-saved")
@receiver(post_delete, sender=Pipeline, dispatch_uid="clientela.sales.pipeline-deleted")
@receiver(post_save, sender=Stage, dispatch_uid="clientela.sales.stage-saved")
@receiver(post_delete, sender=Stage, dispatch_uid="clientela.sales.stage-deleted")
def pipeline_figures_expire(sender, **kwargs) -> None:
    bump_generation(PIPELINES_GENERATION)
