"""Merging duplicate records: one survivor keeps the chosen values and every relation.

The contract of `fields`: it maps a field name (a model field, or `custom.<name>` for a custom
field) to the id of the record whose value wins, the survivor or one of the duplicates. Fields
left out keep the survivor's value, or take the first non-empty value of the duplicates (in the
order given) when the survivor's is empty. Fields the user's role hides or makes read-only keep
the survivor's value and cannot be chosen.

Every relation that points at a duplicate (foreign keys and many-to-many links of any model,
found through `_meta`) is re-pointed to the survivor. Shares and the change log stay with the
duplicates: they describe who could see and what happened to those records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from .exceptions import ApplicationError, PermissionDeniedError
from .models import ObjectChange, Record, change_value
from .permissions import restrict, writable_denied_fields
from .registry import module_for_model

Hook = Callable[[Record, list[Record]], None]

EMPTY_VALUES: tuple[Any, ...] = (None, "", [], {})


class MergeErrorCode:
    """Codes of the merge refusals, for clients that branch on them."""

    NO_DUPLICATES = "merge_no_duplicates"
    UNKNOWN_DUPLICATES = "merge_unknown_duplicates"
    SELF = "merge_into_itself"
    OTHER_TYPE = "merge_other_type"
    DELETED = "merge_deleted"
    CONFLICT = "merge_conflict"


@dataclass(frozen=True)
class RelatedCount:
    """How many rows of one relation point at each record to be merged, by record id."""

    label: str
    counts: dict[int, int]


def mergeable_fields(model: type[Record], derived: Iterable[str] = ()) -> list[models.Field]:
    """Return the fields whose value a merge chooses: tracked, editable, not derived.

    `derived` names fields the domain recomputes itself (a contact's mirrors of its lists).
    """
    skipped = {"custom", *derived}
    return [field for field in model.tracked_fields()
            if field.editable and field.name not in skipped]


def _is_empty(value: Any) -> bool:
    return any(value is empty or value == empty for empty in EMPTY_VALUES)


def _duplicate_ids(survivor: Record, duplicates: Sequence[Record | int]) -> list[int]:
    """Return the duplicates' ids in order, refusing bad ids, other types and the survivor."""
    if not duplicates:
        raise ApplicationError(_("Choose at least one record to merge into this one."),
                               code=MergeErrorCode.NO_DUPLICATES, field="duplicates")
    ids: list[int] = []
    for item in duplicates:
        if isinstance(item, models.Model):
            if type(item) is not type(survivor):
                raise ApplicationError(
                    _("Only records of the same type can be merged."),
                    code=MergeErrorCode.OTHER_TYPE, field="duplicates",
                )
            pk = item.pk
        elif isinstance(item, int) and not isinstance(item, bool):
            pk = item
        else:
            raise ApplicationError(_("Send the duplicates as record ids."),
                                   code=MergeErrorCode.UNKNOWN_DUPLICATES, field="duplicates")
        if pk == survivor.pk:
            raise ApplicationError(_("A record cannot be merged into itself."),
                                   code=MergeErrorCode.SELF, field="duplicates")
        if pk not in ids:
            ids.append(pk)
    return ids


def _load(survivor: Record, ids: list[int], user) -> list[Record]:
    """Return the duplicates locked, in order; refuse unseen, deleted or unwritable ones."""
    model = type(survivor)
    rows = model.all_objects.select_for_update().filter(pk__in=ids)
    visible = {record.pk: record for record in restrict(rows, user, "view")}
    unknown = [pk for pk in ids if pk not in visible]
    if unknown:
        # Missing and invisible ids get the same answer, so ids reveal nothing.
        raise ApplicationError(
            _("No such records: %(ids)s.") % {"ids": ", ".join(map(str, unknown))},
            code=MergeErrorCode.UNKNOWN_DUPLICATES, field="duplicates",
        )
    deleted = [pk for pk in ids if visible[pk].deleted_at is not None]
    if deleted:
        raise ApplicationError(
            _("These records are in the recycle bin: %(ids)s.")
            % {"ids": ", ".join(map(str, deleted))},
            code=MergeErrorCode.DELETED, field="duplicates",
        )
    for action in ("edit", "delete"):
        allowed = set(restrict(model.objects.filter(pk__in=ids), user, action)
                      .values_list("pk", flat=True))
        refused = [pk for pk in ids if pk not in allowed]
        if refused:
            raise PermissionDeniedError(
                _("Your role does not allow merging away these records: %(ids)s.")
                % {"ids": ", ".join(map(str, refused))},
                field="duplicates",
            )
    return [visible[pk] for pk in ids]


def _check_survivor(survivor: Record, user) -> Record:
    """Return the survivor locked; 404 when unseen, 403 when the user may not edit it."""
    model = type(survivor)
    stored = model.all_objects.select_for_update().filter(pk=survivor.pk)
    if not restrict(stored, user, "view").exists():
        raise Http404
    locked = stored.get()
    if locked.deleted_at is not None:
        raise ApplicationError(_("This record is in the recycle bin."),
                               code=MergeErrorCode.DELETED, field="survivor")
    if not restrict(model.objects.filter(pk=survivor.pk), user, "edit").exists():
        raise PermissionDeniedError()
    return locked


def _choices(fields: Any, names: set[str], denied: frozenset[str], ids: set[int]
             ) -> dict[str, int]:
    """Return `fields` validated: known names, allowed to this user, naming a merged record."""
    if not isinstance(fields, dict):
        raise ValidationError({"fields": [_("Send an object of field name → record id.")]})
    errors: dict[str, list[str]] = {}
    chosen: dict[str, int] = {}
    for name, pk in fields.items():
        key = f"fields.{name}"
        base = name.removeprefix("custom.")
        if name not in names:
            errors[key] = [_("This field cannot be chosen in a merge.")]
        elif base in denied:
            errors[key] = [_("Your role does not allow changing this field.")]
        elif isinstance(pk, bool) or not isinstance(pk, int) or pk not in ids:
            errors[key] = [_("Choose the id of one of the merged records.")]
        else:
            chosen[name] = pk
    if errors:
        raise ValidationError(errors)
    return chosen


def _winner(name: str, chosen: dict[str, int], records: list[Record], denied: frozenset[str],
            value: Callable[[Record], Any]) -> Any:
    """Return the value the survivor keeps for `name` (see the module's contract)."""
    survivor = records[0]
    if name in chosen:
        return value(next(record for record in records if record.pk == chosen[name]))
    current = value(survivor)
    if name.removeprefix("custom.") in denied or not _is_empty(current):
        return current
    for record in records[1:]:
        candidate = value(record)
        if not _is_empty(candidate):
            return candidate
    return current


def related_counts(model: type[Record], ids: Sequence[int]) -> list[RelatedCount]:
    """Return, per relation that has any, how many rows point at each of the records `ids`.

    Counted rows are the relation's default manager's (live records only); a merge moves these
    rows from the duplicates to the survivor.
    """
    counts = []
    for relation in _relations(model):
        related = relation.related_model
        if relation.many_to_many:
            target = relation.field.m2m_reverse_field_name()
            rows = relation.through._default_manager.all()
            label = str(related._meta.verbose_name_plural)
        else:
            target = relation.field.name
            rows = related._default_manager.all()
            label = _relation_label(relation)
        if related is model:
            rows = rows.exclude(pk__in=ids)
        per_record = dict(
            rows.filter(**{f"{target}__in": ids}).order_by().values_list(target)
            .annotate(count=models.Count("pk")).values_list(target, "count")
        )
        if per_record:
            counts.append(RelatedCount(label, {pk: per_record.get(pk, 0) for pk in ids}))
    return counts


def _relation_label(relation) -> str:
    related = relation.related_model
    if related is relation.model:
        return _("child %(records)s") % {"records": related._meta.verbose_name_plural}
    name = str(related._meta.verbose_name_plural)
    field = str(relation.field.verbose_name)
    return f"{name} ({field})" if field.lower() not in name.lower() else name


def _relations(model: type[Record]) -> list:
    """Return the reverse relations to re-point: FKs and M2Ms of other models onto `model`."""
    relations = []
    for relation in model._meta.get_fields(include_hidden=True):
        if not relation.auto_created or relation.concrete:
            continue
        if not (relation.one_to_many or relation.one_to_one or relation.many_to_many):
            continue
        # FKs of auto-created M2M tables: handled with the M2M itself.
        if relation.related_model._meta.auto_created:
            continue
        # Tables of every record's own history and sharing hold generic ids, not FKs; a
        # relation listed here is always a real foreign key or many-to-many field.
        relations.append(relation)
    return relations


def _repoint_fk(relation, survivor: Record, ids: list[int], user) -> int:
    """Point every row of `relation` at the survivor; Records get a version and a log entry."""
    related = relation.related_model
    field = relation.field
    rows = related._base_manager.filter(**{f"{field.name}__in": ids})
    if related is type(survivor):
        # The merged records themselves: the duplicates go to the bin as they are, and the
        # survivor's own pointer is settled with its fields.
        rows = rows.exclude(pk__in=[survivor.pk, *ids])
    if not issubclass(related, Record):
        return rows.update(**{field.name: survivor})
    actor = user if getattr(user, "is_authenticated", False) else None
    changed = list(rows.select_for_update())
    if not changed:
        return 0
    now = timezone.now()
    related._base_manager.filter(pk__in=[row.pk for row in changed]).update(
        **{field.name: survivor}, version=F("version") + 1, updated_at=now, updated_by=actor,
    )
    for row in changed:
        old = getattr(row, field.attname)
        setattr(row, field.attname, survivor.pk)
        ObjectChange.record(row, ObjectChange.Action.UPDATE, actor, {field.name: old},
                            {field.name: survivor.pk})
    from .search import index_bulk

    if module_for_model(related) is not None:
        index_bulk(related, [row.pk for row in changed])
    return len(changed)


def _repoint_m2m(relation, survivor: Record, ids: list[int]) -> int:
    """Move many-to-many links onto the survivor, dropping those it already has."""
    field = relation.field
    through = relation.through
    to_name, from_name = field.m2m_reverse_field_name(), field.m2m_field_name()
    manager = through._base_manager
    taken = set(manager.filter(**{to_name: survivor.pk}).values_list(f"{from_name}_id",
                                                                      flat=True))
    moved = 0
    for link in manager.filter(**{f"{to_name}__in": ids}).order_by("pk"):
        source = getattr(link, f"{from_name}_id")
        if source in taken:
            link.delete()
            continue
        taken.add(source)
        manager.filter(pk=link.pk).update(**{to_name: survivor.pk})
        moved += 1
    return moved


def _last_change(record: Record, action: str, after_pk: int) -> ObjectChange | None:
    return ObjectChange.objects.filter(
        content_type=ContentType.objects.get_for_model(record), object_id=record.pk,
        action=action, pk__gt=after_pk,
    ).order_by("-pk").first()


def record_merge(
    *,
    survivor: Record,
    duplicates: Sequence[Record | int],
    fields: dict[str, int] | None = None,
    user,
    expected_version: int | None = None,
    derived: Iterable[str] = (),
    prepare: Hook | None = None,
    finish: Hook | None = None,
) -> Record:
    """Merge `duplicates` into `survivor` and return the survivor, saved.

    In one transaction: checks the user may edit the survivor (404 when they cannot see it)
    and edit and delete every duplicate; sets the chosen values (see the module docstring);
    unions tags, other many-to-many fields and custom values; calls `prepare(survivor,
    duplicates)` so the domain can resolve links whose unique constraints would clash;
    re-points every relation; calls `finish(survivor, duplicates)` to settle derived values;
    keeps the earliest `created_at`; saves the survivor (history: the changed fields plus
    `merged`, the ids) and moves the duplicates to the recycle bin (history: `merged_into`).

    Raises ApplicationError naming `duplicates` (none, unknown or invisible, the survivor
    itself, another type, already deleted), PermissionDeniedError, ValidationError naming
    `fields.<name>` or the survivor's invalid fields, StaleVersionError for an old
    `expected_version`. On any error nothing is written.
    """
    model = type(survivor)
    module = module_for_model(model)
    denied = writable_denied_fields(user, module.slug) if module else frozenset()
    ids = _duplicate_ids(survivor, duplicates)
    try:
        with transaction.atomic():
            survivor = _check_survivor(survivor, user)
            records = _load(survivor, ids, user)
            merged = [survivor, *records]
            field_list = mergeable_fields(model, derived)
            custom_names = {name for record in merged for name in (record.custom or {})}
            names = {field.name for field in field_list} | {f"custom.{name}"
                                                            for name in custom_names}
            chosen = _choices(fields or {}, names, denied, {record.pk for record in merged})
            before_tags = sorted(survivor.tags.values_list("name", flat=True))

            if prepare is not None:
                prepare(survivor, records)
            counts = {}
            for relation in _relations(model):
                if relation.many_to_many:
                    moved = _repoint_m2m(relation, survivor, ids)
                else:
                    moved = _repoint_fk(relation, survivor, ids, user)
                counts[relation.name] = moved

            _apply_values(survivor, records, field_list, chosen, denied, custom_names)
            for field in model._meta.many_to_many:
                manager = getattr(survivor, field.name)
                for record in records:
                    manager.add(*getattr(record, field.name).all())
            earliest = min(merged, key=lambda record: record.created_at)
            survivor.created_at = earliest.created_at
            survivor.created_by_id = earliest.created_by_id
            if finish is not None:
                finish(survivor, records)

            mark = ObjectChange.last_pk()
            survivor.stamp(user, expected_version=expected_version)
            survivor.full_clean()
            survivor.save()
            _note_survivor(survivor, user, mark, ids, before_tags)
            for record in records:
                mark = ObjectChange.last_pk()
                record.soft_delete(user)
                entry = _last_change(record, ObjectChange.Action.DELETE, mark)
                if entry is not None:
                    entry.changes["merged_into"] = [None, survivor.pk]
                    entry.save(update_fields=["changes"])
    except IntegrityError as error:
        raise ApplicationError(
            _("These records have links that conflict with each other; nothing was merged."),
            code=MergeErrorCode.CONFLICT, field="duplicates",
        ) from error
    return survivor


def _apply_values(survivor: Record, records: list[Record], field_list: list[models.Field],
                  chosen: dict[str, int], denied: frozenset[str], custom_names: set[str]
                  ) -> None:
    """Set the survivor's fields and custom values to the winners of the merge."""
    merged = [survivor, *records]
    ids = {record.pk for record in records}
    for field in field_list:
        value = _winner(field.name, chosen, merged, denied,
                        lambda record, attname=field.attname: getattr(record, attname))
        if (field.is_relation and field.related_model is type(survivor)
                and value in {*ids, survivor.pk}):
            # A pointer to a merged record would point at the survivor itself.
            value = None
        setattr(survivor, field.attname, value)
    custom = dict(survivor.custom or {})
    for name in sorted(custom_names):
        key = f"custom.{name}"
        value = _winner(key, chosen, merged, denied,
                        lambda record, name=name: (record.custom or {}).get(name))
        if value is not None:
            custom[name] = value
        elif key in chosen:
            custom.pop(name, None)
    survivor.custom = custom


def _note_survivor(survivor: Record, user, mark: int, ids: list[int], before_tags: list[str]
                   ) -> None:
    """Add `merged` (and the tag change) to the survivor's update entry, writing one if none."""
    after_tags = sorted(survivor.tags.values_list("name", flat=True))
    extra: dict[str, list] = {"merged": [None, ids]}
    if after_tags != before_tags:
        extra["tags"] = [before_tags, after_tags]
    entry = _last_change(survivor, ObjectChange.Action.UPDATE, mark)
    if entry is None:
        ObjectChange.record(survivor, ObjectChange.Action.UPDATE, user,
                            {name: values[0] for name, values in extra.items()},
                            {name: values[1] for name, values in extra.items()})
        return
    entry.changes.update({name: [change_value(old), new] for name, (old, new) in extra.items()})
    entry.save(update_fields=["changes"])
