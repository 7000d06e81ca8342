"""The filterset every record type's list (page and API) filters with.

A module's filterset only names its fields; `RecordFilterSet` gives each the lookups that fit its
type (exact, `__gte`, `__lte`, `__in`, `__icontains`, `__isnull`), adds owner, team, tags, the
created/updated ranges, a `q` search over the module's search fields, and one filter per custom
field defined for the module.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import reduce
from operator import or_
from typing import Any

import django_filters
from django.db import models
from django.db.models import Q
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from clientela.users.models import Team, User

from . import registry
from .permissions import field_rules

# Query parameters that lists understand besides filters: pagination, sorting, inlining of
# related records, search, and the format of an export.
KNOWN_PARAMETERS = frozenset({"page", "page_size", "ordering", "expand", "search", "format"})

TEXT_FIELDS = (models.CharField, models.TextField)
RANGE_FIELDS = (
    models.IntegerField, models.DecimalField, models.FloatField, models.DateField,
    models.DateTimeField, models.TimeField, models.DurationField,
)


class NumberInFilter(django_filters.BaseInFilter, django_filters.NumberFilter):
    """A comma-separated list of numbers (ids)."""


class CharInFilter(django_filters.BaseInFilter, django_filters.CharFilter):
    """A comma-separated list of texts."""


def lookups_for(field: models.Field) -> list[str]:
    """Return the lookups a model field is filtered by, according to its type."""
    if isinstance(field, models.BooleanField):
        return ["exact", "isnull"]
    if isinstance(field, models.ForeignKey):
        return ["exact", "in", "isnull"]
    if isinstance(field, TEXT_FIELDS):
        if field.choices:
            return ["exact", "in", "isnull"]
        return ["exact", "icontains", "in", "isnull"]
    if isinstance(field, RANGE_FIELDS):
        return ["exact", "gte", "lte", "in", "isnull"]
    return ["exact", "isnull"]


def custom_field_filters(module_slug: str) -> dict[str, django_filters.Filter]:
    """Return `custom__<name>[__lookup]` filters for each custom field of the module."""
    from clientela.customization.choices import CustomFieldType as Type
    from clientela.customization.validation import definitions

    filters: dict[str, django_filters.Filter] = {}
    for definition in definitions(module_slug):
        base = f"custom__{definition.name}"
        label = definition.label
        kind = definition.type
        if kind in (Type.INTEGER, Type.DECIMAL):
            value_filter: type[django_filters.Filter] = django_filters.NumberFilter
            lookups = ["exact", "gte", "lte"]
        elif kind == Type.DATE:
            value_filter = django_filters.DateFilter
            lookups = ["exact", "gte", "lte"]
        elif kind == Type.DATETIME:
            value_filter = django_filters.IsoDateTimeFilter
            lookups = ["gte", "lte"]
        elif kind == Type.BOOLEAN:
            value_filter = django_filters.BooleanFilter
            lookups = ["exact"]
        elif kind in (Type.CHOICE, Type.MULTI_CHOICE):
            value_filter = django_filters.ChoiceFilter
            lookups = ["exact"]
        else:
            value_filter = django_filters.CharFilter
            lookups = ["exact", "icontains"]
        for lookup in lookups:
            name = base if lookup == "exact" else f"{base}__{lookup}"
            options: dict[str, Any] = {
                "label": label if lookup == "exact" else f"{label} ({lookup})",
                "method": _custom_filter_method(definition.name, kind, lookup),
            }
            if value_filter is django_filters.ChoiceFilter:
                options["choices"] = [(choice, choice) for choice in definition.choices]
            filters[name] = value_filter(**options)
        filters[f"{base}__isnull"] = django_filters.BooleanFilter(
            label=f"{label} ({_('is empty')})",
            method=_custom_filter_method(definition.name, kind, "isnull"),
        )
    return filters


def _custom_filter_method(name: str, kind: str, lookup: str):
    """Return a filter method comparing the custom value `name` by `lookup`, typed by `kind`."""
    from clientela.customization.choices import CustomFieldType as Type

    def method(queryset: models.QuerySet, _filter_name: str, value: Any) -> models.QuerySet:
        if value in (None, ""):
            return queryset
        if lookup == "isnull":
            present = Q(custom__has_key=name)
            return queryset.filter(~present if value else present)
        if kind == Type.BOOLEAN:
            return queryset.filter(**{f"custom__{name}": bool(value)})
        alias = f"_custom_{name}"
        text = KeyTextTransform(name, "custom")
        if kind in (Type.INTEGER, Type.DECIMAL):
            expression = Cast(text, models.DecimalField(max_digits=30, decimal_places=10))
        elif kind == Type.MULTI_CHOICE:
            # A multi-choice value is a JSON list; match the quoted item inside its text.
            expression = Cast(KeyTransform(name, "custom"), models.TextField())
            return queryset.alias(**{alias: expression}).filter(
                **{f"{alias}__contains": f'"{value}"'}
            )
        else:
            expression = text
            if kind in (Type.DATE, Type.DATETIME):
                value = value.isoformat()
        return queryset.alias(**{alias: expression}).filter(**{f"{alias}__{lookup}": value})

    return method


class RecordFilterSet(django_filters.FilterSet):
    """Filters for one record type: declare `Meta.model` and `Meta.fields` (a list of names).

    Each named field gets the lookups of its type (see `lookups_for`); owner, team, tags,
    created/updated ranges, `q` and the module's custom fields come with every subclass.
    """

    q = django_filters.CharFilter(method="search", label=_("Search"))
    owner = django_filters.ModelChoiceFilter(
        queryset=User.objects.all(), label=_("Owner")
    )
    owner__in = NumberInFilter(field_name="owner", lookup_expr="in", label=_("Owners"))
    owner__isnull = django_filters.BooleanFilter(
        field_name="owner", lookup_expr="isnull", label=_("Without owner")
    )
    team = django_filters.ModelChoiceFilter(queryset=Team.objects.all(), label=_("Team"))
    team__in = NumberInFilter(field_name="team", lookup_expr="in", label=_("Teams"))
    team__isnull = django_filters.BooleanFilter(
        field_name="team", lookup_expr="isnull", label=_("Without team")
    )
    tags = CharInFilter(method="filter_tags", label=_("Tags"))
    created_at__gte = django_filters.IsoDateTimeFilter(
        field_name="created_at", lookup_expr="gte", label=_("Created from")
    )
    created_at__lte = django_filters.IsoDateTimeFilter(
        field_name="created_at", lookup_expr="lte", label=_("Created until")
    )
    updated_at__gte = django_filters.IsoDateTimeFilter(
        field_name="updated_at", lookup_expr="gte", label=_("Updated from")
    )
    updated_at__lte = django_filters.IsoDateTimeFilter(
        field_name="updated_at", lookup_expr="lte", label=_("Updated until")
    )

    class Meta:
        filter_overrides = {
            models.ForeignKey: {"filter_class": django_filters.NumberFilter},
        }

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None,
                 only_given: bool = False, user=None):
        """With `only_given`, build just the filters named in `data` (an API list's case).

        Copying every filter and building its form field costs more than the list query itself
        on a module with a few dozen fields; a form that is never shown needs only those used.
        The filters other apps add are those `user` (else the request's) may use.
        """
        given = set(data.keys()) if data is not None else set()
        if only_given:
            self.base_filters = {
                name: base for name, base in type(self).base_filters.items() if name in given
            }
        super().__init__(data, queryset, request=request, prefix=prefix)
        module = self.module()
        wants_custom = not only_given or any(name.startswith("custom__") for name in given)
        if module is not None and wants_custom:
            for name, custom_filter in custom_field_filters(module.slug).items():
                if only_given and name not in given:
                    continue
                custom_filter.model = self.queryset.model
                custom_filter.parent = self
                self.filters[name] = custom_filter
        self.added_filters: list[str] = []
        if only_given and given <= KNOWN_PARAMETERS | set(self.filters):
            return
        user = user if user is not None else getattr(request, "user", None)
        for added in registry.list_filters(self._meta.model):
            for name, added_filter in added.build(user).items():
                if only_given and name not in given:
                    continue
                added_filter.model = self.queryset.model
                added_filter.parent = self
                self.filters[name] = added_filter
                self.added_filters.append(name)

    @classmethod
    def module(cls) -> registry.Module | None:
        """Return the registered module of the filterset's model."""
        return registry.module_for_model(cls._meta.model)

    @classmethod
    def get_fields(cls):
        """Return each declared field with the lookups of its type."""
        model = cls._meta.model
        names = cls._meta.fields or []
        if isinstance(names, dict):
            return super().get_fields()
        return {name: lookups_for(model._meta.get_field(name)) for name in names}

    @classmethod
    def filter_for_lookup(cls, field, lookup_type):
        """Return the filter class for a lookup; foreign keys filter by id."""
        if isinstance(field, models.ForeignKey) and lookup_type == "in":
            return NumberInFilter, {}
        return super().filter_for_lookup(field, lookup_type)

    def unknown_parameters(self, params: Iterable[str], extra_known: Iterable[str] = ()) -> (
        list[str]
    ):
        """Return the query parameter names that are neither a filter nor a known list option."""
        known = KNOWN_PARAMETERS | set(extra_known) | set(type(self).base_filters) | set(
            self.filters
        )
        return sorted({name for name in params if name not in known})

    def search(self, queryset: models.QuerySet, _name: str, value: str) -> models.QuerySet:
        """Return the records where any of the module's search fields contains each word."""
        module = self.module()
        fields = module.search_fields if module is not None else ()
        if module is not None and self.request is not None:
            # Matching on a field the user may not see would reveal its values.
            hidden = field_rules(getattr(self.request, "user", None), module.slug)[0]
            fields = tuple(field for field in fields if field.split("__")[0] not in hidden)
        for word in value.split():
            if fields:
                queryset = queryset.filter(
                    reduce(or_, (Q(**{f"{field}__icontains": word}) for field in fields))
                )
        return queryset

    def filter_tags(self, queryset: models.QuerySet, _name: str, value: list[str]) -> (
        models.QuerySet
    ):
        """Return the records carrying every one of the named tags."""
        through = queryset.model.tags.through
        record_column = f"{queryset.model._meta.model_name}_id"
        for name in value:
            if name:
                tagged = through.objects.filter(tag__name=name).values(record_column)
                queryset = queryset.filter(pk__in=tagged)
        return queryset
