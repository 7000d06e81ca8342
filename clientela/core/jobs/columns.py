"""Which fields of a module are exported and imported, for a given user."""

from __future__ import annotations

import importlib

from django.db import models

from clientela.core import registry
from clientela.core.permissions import field_rules

SYSTEM_FIELDS = frozenset(
    {"custom", "version", "created_by", "updated_by", "deleted_at", "deleted_by", "team"}
)
NOT_IMPORTED = frozenset({"id", "created_at", "updated_at", "owner"})


def export_fields(model: type[models.Model], user) -> list[models.Field]:
    """Return the model fields a user's export contains, in model order, hidden ones left out."""
    module = registry.module_for_model(model)
    hidden, _ = field_rules(user, module.slug)
    return [
        field
        for field in model._meta.concrete_fields
        if field.name not in SYSTEM_FIELDS and field.name not in hidden
    ]


def import_fields(model: type[models.Model], user) -> dict[str, models.Field]:
    """Return the fields a user may set by import, keyed by name (hidden and read-only out)."""
    module = registry.module_for_model(model)
    hidden, read_only = field_rules(user, module.slug)
    return {
        field.name: field
        for field in model._meta.concrete_fields
        if field.editable
        and field.name not in SYSTEM_FIELDS
        and field.name not in NOT_IMPORTED
        and field.name not in hidden
        and field.name not in read_only
    }


def module_filterset(model: type[models.Model]):
    """Return the module's filterset class (`<app>.filtersets.<Model>FilterSet`), or None."""
    module = registry.module_for_model(model)
    if module is None:
        return None
    package = module.package
    try:
        filtersets = importlib.import_module(f"{package}.filtersets")
    except ModuleNotFoundError:
        return None
    return getattr(filtersets, f"{model.__name__}FilterSet", None)
