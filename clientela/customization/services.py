"""Writes of the customization app: custom field definitions and the recycle bin."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model, ProtectedError, RestrictedError
from django.utils.translation import gettext as _

from clientela.core import registry
from clientela.core.exceptions import ApplicationError
from clientela.users.models import Share

from .models import CustomField


def custom_field_delete(*, field: CustomField, by) -> int:
    """Delete a custom field and its value from every record of its module; return how many
    records lost a value. Each such record's change is logged."""
    model = registry.get_module(field.module).model
    changed = 0
    with transaction.atomic():
        for record in model.all_objects.filter(custom__has_key=field.name).select_for_update():
            custom = dict(record.custom)
            custom.pop(field.name, None)
            record.custom = custom
            record.stamp(by)
            record.save(update_fields=["custom"])
            changed += 1
        field.delete()
    return changed


def recycle_bin_restore(*, records: Iterable[Model], by) -> int:
    """Bring every record back from the recycle bin in one transaction; return how many."""
    count = 0
    with transaction.atomic():
        for record in records:
            record.restore(by)
            count += 1
    return count


def recycle_bin_purge(*, records: Iterable[Model]) -> int:
    """Delete the records for good, with their shares, all or nothing; return how many.

    A record that another record still protects raises ApplicationError naming it.
    """
    count = 0
    with transaction.atomic():
        for record in records:
            try:
                with transaction.atomic():
                    Share.objects.filter(
                        content_type=ContentType.objects.get_for_model(record),
                        object_id=record.pk,
                    ).delete()
                    record.delete()
            except (ProtectedError, RestrictedError) as error:
                raise ApplicationError(
                    _("%(record)s cannot be deleted for good: other records still refer to "
                      "it.") % {"record": record},
                    code="protected",
                ) from error
            count += 1
    return count
