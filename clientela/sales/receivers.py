"""Cached sales figures follow every change of what converts them: currencies and rates."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from clientela.core.counting import bump_generation

from .models import Currency, ExchangeRate
from .selectors.currencies import RATES_GENERATION


@receiver(post_save, sender=ExchangeRate, dispatch_uid="clientela.sales.rate-saved")
@receiver(post_delete, sender=ExchangeRate, dispatch_uid="clientela.sales.rate-deleted")
@receiver(post_save, sender=Currency, dispatch_uid="clientela.sales.currency-saved")
@receiver(post_delete, sender=Currency, dispatch_uid="clientela.sales.currency-deleted")
def converted_figures_expire(sender, **kwargs) -> None:
    bump_generation(RATES_GENERATION)
