"""Base models: the `Record` every business entity inherits, and the change log."""

from __future__ import annotations

import datetime
import decimal
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .exceptions import StaleVersionError
from .querysets import AllRecordsManager, LiveManager
from .signals import record_changed

UNTRACKED_FIELDS = frozenset(
    {"id", "version", "created_at", "created_by", "updated_at", "updated_by", "deleted_at",
     "deleted_by"}
)


def change_value(value: Any) -> Any:
    """Return a JSON-safe form of a field value for the change log."""
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


class Record(models.Model):
    """A business record: owned, team-scoped, versioned, change-logged, soft-deletable.

    Writes go through `save()` with the acting user stamped by `stamp()`: the update is refused
    with `StaleVersionError` when the caller saw an older version, and every change is written
    to the change log in the same transaction.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("owner"),
    )
    team = models.ForeignKey(
        "users.Team", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("team"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", editable=False, verbose_name=_("created by"),
    )
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", editable=False, verbose_name=_("updated by"),
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    custom = models.JSONField(_("custom fields"), default=dict, blank=True)
    tags = models.ManyToManyField(
        "customization.Tag", blank=True, related_name="%(app_label)s_%(class)s_set",
        verbose_name=_("tags"),
    )
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True, editable=False)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", editable=False,
    )

    objects = LiveManager()
    all_objects = AllRecordsManager()

    class Meta:
        abstract = True
        base_manager_name = "all_objects"

    _actor = None
    _expected_version: int | None = None

    def stamp(self, user, *, expected_version: int | None = None) -> Record:
        """Set who writes next and, for optimistic locking, which version they saw."""
        self._actor = user if getattr(user, "is_authenticated", False) else None
        self._expected_version = expected_version
        return self

    def clean(self) -> None:
        super().clean()
        from clientela.customization.validation import clean_custom_values

        from .registry import module_for_model

        module = module_for_model(type(self))
        if module is not None:
            self.custom = clean_custom_values(module.slug, self.custom, partial=False)

    @classmethod
    def tracked_fields(cls) -> list[models.Field]:
        """Return the concrete fields whose changes the change log records."""
        return [
            field for field in cls._meta.concrete_fields if field.name not in UNTRACKED_FIELDS
        ]

    def tracked_values(self) -> dict[str, Any]:
        """Return the tracked values, each custom field under its own `custom.<name>` key."""
        values = {
            field.name: change_value(getattr(self, field.attname))
            for field in self.tracked_fields()
            if field.name != "custom"
        }
        for name, value in (self.custom or {}).items():
            values[f"custom.{name}"] = value
        return values

    def save(self, *args, **kwargs) -> None:
        """Write the row, its change-log entry and what follows a write, all or nothing.

        Like Django's own save, this opens no savepoint inside a caller's transaction: an error
        fails the caller's whole block, and a caller that wants to carry on after one wraps the
        save in an atomic block of its own (the bulk API does, per item).
        """
        now = timezone.now()
        actor = self._actor
        with transaction.atomic(using=kwargs.get("using"), savepoint=False):
            if self._state.adding:
                self.created_at = self.created_at or now
                self.updated_at = now
                self.created_by = self.created_by or actor
                self.updated_by = actor
                if self.owner_id is None and actor is not None:
                    self.owner = actor
                if self.team_id is None and self.owner_id is not None:
                    self.team_id = (
                        actor.team_id if actor is not None and actor.pk == self.owner_id
                        else type(self).owner.field.related_model.objects.filter(
                            pk=self.owner_id
                        ).values_list("team_id", flat=True).first()
                    )
                super().save(*args, **kwargs)
                old_values: dict[str, Any] = {}
                action = ObjectChange.Action.CREATE
            else:
                stored = type(self).all_objects.select_for_update().get(pk=self.pk)
                expected = self._expected_version
                if expected is not None and int(expected) != stored.version:
                    raise StaleVersionError(current=stored)
                self.version = stored.version + 1
                self.updated_at = now
                self.updated_by = actor
                update_fields = kwargs.get("update_fields")
                if update_fields is not None:
                    kwargs["update_fields"] = {*update_fields, "version", "updated_at",
                                               "updated_by"}
                super().save(*args, **kwargs)
                old_values = stored.tracked_values()
                action = ObjectChange.Action.UPDATE
            self._expected_version = None
            ObjectChange.record(self, action, actor, old_values, self.tracked_values())
            record_changed.send(sender=type(self), instance=self, action=action)

    def soft_delete(self, user) -> None:
        """Move the record to the recycle bin."""
        self._set_deleted(user, timezone.now(), ObjectChange.Action.DELETE)

    def restore(self, user) -> None:
        """Bring the record back from the recycle bin."""
        self._set_deleted(user, None, ObjectChange.Action.RESTORE)

    def _set_deleted(self, user, deleted_at, action: str) -> None:
        actor = user if getattr(user, "is_authenticated", False) else None
        with transaction.atomic(savepoint=False):
            self.deleted_at = deleted_at
            self.deleted_by = actor if deleted_at else None
            self.version += 1
            self.updated_at = timezone.now()
            self.updated_by = actor
            type(self).all_objects.filter(pk=self.pk).update(
                deleted_at=self.deleted_at, deleted_by=self.deleted_by, version=self.version,
                updated_at=self.updated_at, updated_by=actor,
            )
            ObjectChange.record(self, action, actor, {}, {})
            record_changed.send(sender=type(self), instance=self, action=action)


class ObjectChange(models.Model):
    """One create, update, delete or restore of a record, with each changed field's values."""

    class Action(models.TextChoices):
        CREATE = "create", _("Created")
        UPDATE = "update", _("Updated")
        DELETE = "delete", _("Deleted")
        RESTORE = "restore", _("Restored")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.BigIntegerField()
    object_repr = models.CharField(max_length=200)
    action = models.CharField(max_length=10, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    user_name = models.CharField(max_length=150, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    changes = models.JSONField(default=dict)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "-at"])]

    def __str__(self) -> str:
        return f"{self.object_repr}: {self.get_action_display()}"

    @classmethod
    def record(
        cls, obj: models.Model, action: str, user, old: dict, new: dict
    ) -> ObjectChange | None:
        """Write the change of `obj`; an update that changed no tracked field writes nothing."""
        names = [*new, *(name for name in old if name not in new)]
        changes = {
            name: [old.get(name), new.get(name)]
            for name in names
            if old.get(name) != new.get(name)
            and not (action == cls.Action.CREATE and new.get(name) in ("", None))
        }
        if action == cls.Action.UPDATE and not changes:
            return None
        user = user if getattr(user, "is_authenticated", False) else None
        return cls.objects.create(
            content_type=ContentType.objects.get_for_model(obj),
            object_id=obj.pk,
            object_repr=str(obj)[:200],
            action=action,
            user=user,
            user_name=getattr(user, "username", "") if user else "",
            changes=changes,
        )

    @classmethod
    def last_pk(cls) -> int:
        """Return the newest entry's id, 0 before any: a mark for `record_related`."""
        return cls.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    @classmethod
    def record_related(cls, obj: models.Model, user, name: str, before: Any, after: Any, *,
                       since: int) -> None:
        """Record that `obj`'s related list `name` (its lines, say) went from `before` to
        `after`: in the entry written for `obj` after entry `since`, its save's, so that one
        edit reads as one change; else in an update of its own. Nothing when they are equal.
        """
        if before == after:
            return
        entry = cls.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk,
            pk__gt=since,
        ).order_by("-pk").first()
        if entry is None:
            cls.record(obj, cls.Action.UPDATE, user, {name: before}, {name: after})
            return
        entry.changes[name] = [before, after]
        entry.save(update_fields=["changes"])

    def visible_changes(self, hidden: frozenset[str]) -> dict[str, list]:
        """Return the changed fields, without those the viewer may not see."""
        return {
            name: values
            for name, values in self.changes.items()
            if name not in hidden and name.removeprefix("custom.") not in hidden
        }

# Models kept in sub-packages of core, imported here so Django finds them.
from .jobs.models import *  # noqa: E402,F401,F403
from .search.models import *  # noqa: E402,F401,F403
