"""Cached custom field definitions follow every change of a definition."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from clientela.core import registry

from .models import CustomField
from .validation import forget_definitions


@receiver(post_save, sender=CustomField, dispatch_uid="clientela.custom-fields.saved")
@receiver(post_delete, sender=CustomField, dispatch_uid="clientela.custom-fields.deleted")
def custom_field_definitions_expire(sender, instance: CustomField, **kwargs) -> None:
    # Every module's, not only the instance's: an edit may have moved it from another one.
    for module in {instance.module, *(module.slug for module in registry.modules())}:
        forget_definitions(module)
