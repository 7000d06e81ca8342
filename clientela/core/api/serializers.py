"""The serializer every record type's API serializer inherits."""

from __future__ import annotations

import copy
import datetime
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import ISO_8601, serializers
from rest_framework.settings import api_settings

from clientela.core import registry
from clientela.core.models import ObjectChange
from clientela.core.permissions import field_rules, restrict
from clientela.core.prepared import rows_for_ids
from clientela.customization.models import Tag

from .exceptions import django_errors

RECORD_FIELDS = ["id", "created_at", "updated_at", "owner", "team", "version", "custom", "tags"]
RECORD_READ_ONLY_FIELDS = ["id", "created_at", "updated_at", "version"]
# Fields whose representation is the stored value itself (when it is of a plain JSON type).
PLAIN_FIELDS = (
    serializers.CharField,
    serializers.ChoiceField,
    serializers.IntegerField,
    serializers.BooleanField,
)
PLAIN_TYPES = (str, int, bool, type(None))


def api_url(obj: models.Model, request=None) -> str | None:
    """Return the API URL of a record or platform object, absolute when `request` is given."""
    module = registry.module_for_model(type(obj))
    basename = module.slug if module is not None else obj._meta.model_name + "s"
    try:
        path = reverse(f"api:{basename}-detail", args=[obj.pk])
    except NoReverseMatch:
        return None
    return request.build_absolute_uri(path) if request is not None else path


def brief(obj: models.Model, request=None) -> dict[str, Any]:
    """Return the inline form of a related object: its id, label and API URL."""
    return {"id": obj.pk, "label": str(obj), "url": api_url(obj, request)}


class VisibleRelatedField(serializers.PrimaryKeyRelatedField):
    """A reference by id to a record the requesting user may view (others do not exist)."""

    def get_queryset(self):
        queryset = super().get_queryset()
        if queryset is None or registry.module_for_model(queryset.model) is None:
            return queryset
        request = self.context.get("request")
        return restrict(queryset.all(), getattr(request, "user", None), "view")


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class TagListField(serializers.ListField):
    """Tags as a list of names; names that do not exist yet are created on write."""

    child = serializers.CharField(max_length=100, allow_blank=False)

    def get_attribute(self, instance) -> list[str]:
        names = getattr(instance, "_tag_names", None)
        if names is None:
            names = sorted(tag.name for tag in instance.tags.all())
        return names

    def to_representation(self, value) -> list[str]:
        return list(value)


class RecordListSerializer(serializers.ListSerializer):
    """A list that works out, once per page, which expanded related records the user may see."""

    def to_representation(self, data):
        items = list(data.all() if isinstance(data, models.Manager) else data)
        self.child.prime_visibility(items)
        prime_tag_names(items)
        self.child.prime_nested_lists(items)
        self.child.prime_extras(items)
        return [self.child.to_representation(item) for item in items]


class RecordSerializer(serializers.ModelSerializer):
    """Serialize a record with `id, created_at, updated_at, owner, team, version, custom, tags`.

    Guarantees: related records are referenced by id and must be visible to the requesting user;
    hidden fields (field-level security) never appear in the output, and a write that changes a
    hidden or read-only field is refused naming it; writes run the model's `full_clean()` (so the
    model's own rules and custom field validation apply) and are stamped with the acting user,
    with `context["expected_version"]` for optimistic locking; `context["expand"]` names the
    foreign keys to inline as `{id, label, url}`.
    """

    serializer_related_field = VisibleRelatedField
    tags = TagListField(required=False)

    class Meta:
        model: type[models.Model]
        fields = RECORD_FIELDS
        read_only_fields = RECORD_READ_ONLY_FIELDS
        list_serializer_class = RecordListSerializer

    @property
    def module_slug(self) -> str | None:
        module = registry.module_for_model(self.Meta.model)
        return module.slug if module is not None else None

    @property
    def user(self):
        request = self.context.get("request")
        return getattr(request, "user", None)

    def field_rules(self) -> tuple[frozenset[str], frozenset[str]]:
        """Return (hidden, read-only) field names for the requesting user."""
        if "_field_rules" not in self.__dict__:
            slug = self.module_slug
            self._field_rules = (
                field_rules(self.user, slug) if slug else (frozenset(), frozenset())
            )
        return self._field_rules

    @classmethod
    def expandable_fields(cls) -> list[str]:
        """Return the foreign keys `?expand=` may inline."""
        names = []
        for name in cls.Meta.fields:
            try:
                field = cls.Meta.model._meta.get_field(name)
            except Exception:  # noqa: BLE001 - declared fields need not be model fields
                continue
            if isinstance(field, models.ForeignKey):
                names.append(name)
        return names

    def get_fields(self):
        fields = self._fields_from_blueprint()
        hidden, _read_only = self.field_rules()
        for name in hidden:
            fields.pop(name, None)
        return fields

    def _fields_from_blueprint(self) -> dict[str, serializers.Field]:
        """Return fresh fields as `ModelSerializer.get_fields` would, without its model scan.

        Working out each model field's serializer class and arguments costs several
        milliseconds per request; the outcome depends only on the class, so it is worked out
        once per class and each request instantiates the fields from it.
        """
        blueprint = type(self).__dict__.get("_field_blueprint")
        if blueprint is None:
            fields = super().get_fields()
            type(self)._field_blueprint = {
                name: _field_blueprint(field, declared=name in self._declared_fields)
                for name, field in fields.items()
            }
            return fields
        declared = None
        fields = {}
        for name, (field_class, args, kwargs, prototype) in blueprint.items():
            if field_class is not None:
                fields[name] = field_class(*args, **kwargs)
            elif prototype is not None:
                fields[name] = copy.deepcopy(prototype)
            else:
                if declared is None:
                    declared = copy.deepcopy(self._declared_fields)
                fields[name] = declared[name]
        return fields

    # Reading -------------------------------------------------------------------------------

    def prime_visibility(self, instances: Iterable[models.Model]) -> None:
        """Work out in one query per expanded field which related records the user may view."""
        visible: dict[str, set] = self.context.setdefault("_visible_related", {})
        for name in self.context.get("expand", ()):
            field = self.Meta.model._meta.get_field(name)
            related = field.related_model
            ids = {getattr(item, field.attname) for item in instances} - {None}
            if registry.module_for_model(related) is None:
                visible[name] = ids
            else:
                visible[name] = set(
                    restrict(related.objects.filter(pk__in=ids), self.user, "view")
                    .values_list("pk", flat=True)
                )

    def representation_plan(self) -> list[tuple[str, str, Any, Any]]:
        """Return, per readable field, how to read it: (name, attribute, converter, field).

        DRF resolves every field of every row through generic attribute lookups, which costs
        more than the list query itself on a page of 50 records. Columns are read straight
        from the instance attribute (a foreign key from its `_id` column), dates and times
        converted by a function worked out once per request; only the other values (decimals,
        JSON, nested lists) go through their field.
        """
        if "_plan" not in self.__dict__:
            model_fields = {field.name: field for field in self.Meta.model._meta.concrete_fields}
            plan = []
            for field in self._readable_fields:
                source = field.source
                model_field = model_fields.get(source)
                if model_field is not None and isinstance(field, PLAIN_FIELDS):
                    plan.append((field.field_name, source, None, None))
                elif (
                    model_field is not None
                    and isinstance(field, serializers.PrimaryKeyRelatedField)
                    and model_field.is_relation
                ):
                    plan.append((field.field_name, model_field.attname, None, None))
                elif model_field is not None and (converter := _column_converter(field)):
                    plan.append((field.field_name, source, converter, None))
                else:
                    plan.append((field.field_name, "", None, field))
            self._plan = plan
        return self._plan

    @classmethod
    def nested_list_plan(cls) -> list[tuple[str, type[models.Model], str, list[tuple]]]:
        """Return, per declared nested list over a reverse foreign key, how to read it:
        (field name, related model, foreign key column, [(name, column, field or None)]).

        A column's field is kept only when its values need converting; the fields belong to
        a copy of the child serializer made once, outside any request, so they hold no
        request state.
        """
        if "_nested_list_plan" not in cls.__dict__:
            plan = []
            for name, field in cls._declared_fields.items():
                if not isinstance(field, serializers.ListSerializer) or field.write_only:
                    continue
                try:
                    relation = cls.Meta.model._meta.get_field(field.source or name)
                except Exception:  # noqa: BLE001 - a declared list need not be a relation
                    continue
                if not (relation.one_to_many and relation.auto_created):
                    continue
                related = relation.related_model
                columns = []
                for child_name, child in copy.deepcopy(field.child).fields.items():
                    if child.write_only:
                        continue
                    model_field = related._meta.get_field(child.source)
                    columns.append((child_name, model_field.attname,
                                    None if isinstance(child, serializers.PrimaryKeyRelatedField)
                                    else child))
                plan.append((name, related, relation.field.attname, columns))
            cls._nested_list_plan = plan
        return cls._nested_list_plan

    def prime_nested_lists(self, instances: list[models.Model]) -> None:
        """Load each nested list of a page (a reverse foreign key) in one query.

        `prefetch_related` builds a queryset per row and relation, which on a page of 50
        contacts with four nested lists costs more than everything else; the rows are read as
        plain values here and represented once, for `represent` to use as they are.
        """
        if not instances:
            return
        ids = [instance.pk for instance in instances]
        for name, related, foreign_key, columns in self.nested_list_plan():
            if name not in self.fields:
                continue  # hidden from this user
            if all(name in instance.__dict__.get("_nested_values", {}) for instance in instances):
                continue  # known already
            rows = rows_for_ids(related._default_manager.all(), foreign_key,
                                [column for _name, column, _field in columns], ids)
            lists: dict[int, list[dict]] = {pk: [] for pk in ids}
            for owner_id, *values in rows:
                lists[owner_id].append({
                    child_name: _plain_value(field, value)
                    for (child_name, _column, field), value in zip(columns, values, strict=True)
                })
            for instance in instances:
                instance.__dict__.setdefault("_nested_values", {})[name] = lists[instance.pk]

    def represent(self, instance) -> dict[str, Any]:
        """Return the fields of `instance` as DRF would, along the representation plan."""
        data: dict[str, Any] = {}
        nested = instance.__dict__.get("_nested_values", {})
        for name, attribute, converter, field in self.representation_plan():
            if field is None:
                value = getattr(instance, attribute)
                if converter is not None:
                    data[name] = None if value is None else converter(value)
                else:
                    data[name] = value if isinstance(value, PLAIN_TYPES) else str(value)
                continue
            if name in nested:
                data[name] = nested[name]
                continue
            try:
                value = field.get_attribute(instance)
            except serializers.SkipField:
                continue
            data[name] = None if value is None else field.to_representation(value)
        return data

    def prime_extras(self, instances: list[models.Model]) -> None:
        """Load the values other apps add to a page of records being read (not written)."""
        self._extras = {}
        view = self.context.get("view")
        request = self.context.get("request")
        if request is None or getattr(view, "action", None) not in ("list", "retrieve"):
            return
        for extra in registry.record_extras(self.Meta.model):
            self._extras[extra.name] = extra.load(request.user, instances)

    def to_representation(self, instance):
        if self.parent is None:
            self.prime_nested_lists([instance])
            self.prime_extras([instance])
        data = self.represent(instance)
        for name, values in getattr(self, "_extras", {}).items():
            data[name] = values.get(instance.pk)
        hidden, _read_only = self.field_rules()
        if isinstance(data.get("custom"), dict) and hidden:
            data["custom"] = {
                name: value for name, value in data["custom"].items() if name not in hidden
            }
        expand = [name for name in self.context.get("expand", ()) if name in data]
        if expand:
            if "_visible_related" not in self.context or any(
                name not in self.context["_visible_related"] for name in expand
            ):
                self.prime_visibility([instance])
            visible = self.context["_visible_related"]
            request = self.context.get("request")
            for name in expand:
                related = getattr(instance, name)
                if related is not None and related.pk in visible.get(name, ()):
                    data[name] = brief(related, request)
                elif related is not None:
                    data[name] = {"id": related.pk, "label": None, "url": None}
        return data

    # Writing -------------------------------------------------------------------------------

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            self._refuse_denied_fields(data)
        return super().to_internal_value(data)

    def _refuse_denied_fields(self, data: Mapping) -> None:
        """Raise naming each hidden or read-only field the write would change."""
        hidden, read_only = self.field_rules()
        denied = hidden | read_only
        if not denied:
            return
        errors: dict[str, list[str]] = {}
        message = _("You may not change this field.")
        for name in data:
            if name in denied and not self._unchanged(name, data[name]):
                errors[name] = [message]
        custom = data.get("custom")
        if isinstance(custom, Mapping):
            current = getattr(self.instance, "custom", None) or {}
            for name, value in custom.items():
                if name in denied and current.get(name) != value:
                    errors[f"custom.{name}"] = [message]
        if errors:
            raise serializers.ValidationError(errors)

    def _unchanged(self, name: str, value: Any) -> bool:
        """Return whether `value` for a read-only field equals the stored one."""
        field = self.fields.get(name)
        if self.instance is None or field is None or name == "custom":
            return False
        try:
            incoming = field.run_validation(value)
        except serializers.ValidationError:
            return False
        stored = getattr(self.instance, field.source, None)
        if isinstance(stored, models.Model) or isinstance(incoming, models.Model):
            return getattr(stored, "pk", stored) == getattr(incoming, "pk", incoming)
        return stored == incoming

    def validate_custom(self, value):
        if _contains_nul(value):
            raise serializers.ValidationError(_("Texts may not contain NUL characters."))
        return value

    def validate(self, attrs):
        if self.partial and self.instance is not None and "custom" in attrs:
            stored = dict(self.instance.custom or {})
            stored.update(attrs["custom"] if isinstance(attrs["custom"], dict) else {})
            attrs["custom"] = stored if isinstance(attrs["custom"], dict) else attrs["custom"]
        return attrs

    def create(self, validated_data):
        tags = validated_data.pop("tags", None)
        instance = self.Meta.model(**validated_data)
        return self.save_instance(instance, tags=tags, expected_version=None)

    def update(self, instance, validated_data):
        tags = validated_data.pop("tags", None)
        for name, value in validated_data.items():
            setattr(instance, name, value)
        return self.save_instance(
            instance, tags=tags, expected_version=self.context.get("expected_version")
        )

    def save_instance(self, instance, *, tags: list[str] | None, expected_version: int | None):
        """Validate with the model's rules, save as the requesting user, then set the tags."""
        with transaction.atomic():
            instance.stamp(self.user, expected_version=expected_version)
            try:
                instance.full_clean()
            except DjangoValidationError as error:
                raise serializers.ValidationError(django_errors(error)) from error
            creating = instance._state.adding
            instance.save()
            if tags is not None:
                self._set_tags(instance, tags, creating=creating)
            elif creating:
                instance._tag_names = []  # known: the answer needs no query for them
            self.after_save(instance)
        sent = getattr(self, "initial_data", None)
        if creating and isinstance(sent, Mapping):
            # A new record's nested lists that were not sent are empty: the answer needs no
            # query for them.
            known = instance.__dict__.setdefault("_nested_values", {})
            for name, *_plan in self.nested_list_plan():
                if name not in sent:
                    known.setdefault(name, [])
        return instance

    def _set_tags(self, instance, names: list[str], *, creating: bool) -> None:
        """Set the tags and record the change in the record's history."""
        before = [] if creating else sorted(instance.tags.values_list("name", flat=True))
        tags = tag_objects(names)
        instance.tags.set(tags)
        after = sorted(tag.name for tag in tags)
        instance._tag_names = after
        if before == after:
            return
        if creating:
            # The create entry was just written by save(); the tags belong in it.
            entry = ObjectChange.objects.filter(
                content_type=ContentType.objects.get_for_model(instance),
                object_id=instance.pk, action=ObjectChange.Action.CREATE,
            ).order_by("-pk").first()
            if entry is not None:
                entry.changes["tags"] = [None, after]
                entry.save(update_fields=["changes"])
            return
        ObjectChange.record(instance, ObjectChange.Action.UPDATE, self.user,
                            {"tags": before}, {"tags": after})

    def after_save(self, instance) -> None:
        """Write what belongs to the record besides its own row (nested lists); a hook."""


def _field_blueprint(field: serializers.Field, *, declared: bool) -> tuple:
    """Return how to make `field` again: (class, args, kwargs, None) when its arguments are
    plain values, (None, (), {}, prototype) to deep-copy one that holds other fields, and
    (None, (), {}, None) for a declared field (copied from the class's declarations)."""
    if declared:
        return None, (), {}, None
    arguments = (*field._args, *field._kwargs.values())
    if any(isinstance(value, serializers.Field) for value in arguments):
        return None, (), {}, field
    return type(field), field._args, field._kwargs, None


def _column_converter(field: serializers.Field) -> Callable[[Any], Any] | None:
    """Return a function representing a date or datetime column as `field` would, or None.

    DRF looks the current time zone up again for every value; a page of 50 records with
    two timestamps each is converted here with the zone looked up once.
    """
    if isinstance(field, serializers.DateTimeField):
        if getattr(field, "format", api_settings.DATETIME_FORMAT) != ISO_8601 or hasattr(
            field, "timezone"
        ):
            return None
        zone = field.default_timezone()
        if zone is None:
            return None

        def datetime_text(value):
            if not isinstance(value, datetime.datetime) or value.tzinfo is None:
                return field.to_representation(value)
            text = value.astimezone(zone).isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text

        return datetime_text
    if isinstance(field, serializers.DateField):
        if getattr(field, "format", api_settings.DATE_FORMAT) != ISO_8601:
            return None

        def date_text(value):
            if type(value) is datetime.date:
                return value.isoformat()
            return field.to_representation(value)

        return date_text
    return None


def _plain_value(field: serializers.Field | None, value: Any) -> Any:
    """Return a column value as `field` represents it (None: the value as it is)."""
    if value is None or field is None:
        return value
    if isinstance(field, PLAIN_FIELDS) and isinstance(value, PLAIN_TYPES):
        return value
    return field.to_representation(value)


def prime_tag_names(records: list[models.Model]) -> None:
    """Load the tag names of a page of records in one query, for `TagListField` to read."""
    if not records or not hasattr(records[0], "tags"):
        return
    through = type(records[0]).tags.through
    column = f"{type(records[0])._meta.model_name}_id"
    names: dict[int, list[str]] = {record.pk: [] for record in records}
    rows = rows_for_ids(through.objects.order_by("tag__name"), column, ["tag__name"], list(names))
    for record_id, name in rows:
        names[record_id].append(name)
    for record in records:
        record._tag_names = names[record.pk]


def _contains_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_contains_nul(key) or _contains_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_contains_nul(item) for item in value)
    return False


def tag_objects(names: Iterable[str]) -> list[Tag]:
    """Return the tags with these names, creating the missing ones."""
    tags = []
    for name in dict.fromkeys(name.strip() for name in names if name.strip()):
        tag, _created = Tag.objects.get_or_create(name=name)
        tags.append(tag)
    return tags

