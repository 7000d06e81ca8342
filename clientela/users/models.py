"""Users, teams, roles and the grants that decide what each user may see and do."""

from __future__ import annotations

import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .choices import FieldAccess, Scope, ShareAccess

TIME_ZONES = sorted((name, name) for name in zoneinfo.available_timezones())


class Team(models.Model):
    """A group of users; records carry a team, and team scope reaches the team's records."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return self.name


class Role(models.Model):
    """A named set of grants per module; every user has one."""

    slug = models.SlugField(_("slug"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    is_admin = models.BooleanField(
        _("administrator"), default=False,
        help_text=_("Administrators may do everything, including editing roles and users."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")

    def __str__(self) -> str:
        return self.name


class RolePermission(models.Model):
    """What one role may do in one module; absent means nothing."""

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="permissions")
    module = models.CharField(_("module"), max_length=50)
    can_access = models.BooleanField(_("access"), default=False)
    view = models.CharField(_("view"), max_length=8, choices=Scope.choices, default=Scope.NONE)
    can_create = models.BooleanField(_("create"), default=False)
    edit = models.CharField(_("edit"), max_length=8, choices=Scope.choices, default=Scope.NONE)
    delete = models.CharField(_("delete"), max_length=8, choices=Scope.choices, default=Scope.NONE)
    can_import = models.BooleanField(_("import"), default=False)
    can_export = models.BooleanField(_("export"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["role", "module"], name="unique_role_module")
        ]
        ordering = ["role", "module"]

    def __str__(self) -> str:
        return f"{self.role} · {self.module}"


class FieldPermission(models.Model):
    """A field a role may not see (hidden) or not change (read-only), in one module."""

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="field_permissions")
    module = models.CharField(_("module"), max_length=50)
    field = models.CharField(_("field"), max_length=100)
    access = models.CharField(_("access"), max_length=10, choices=FieldAccess.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["role", "module", "field"], name="unique_role_module_field"
            )
        ]
        ordering = ["role", "module", "field"]

    def __str__(self) -> str:
        return f"{self.role} · {self.module}.{self.field}: {self.get_access_display()}"


class User(AbstractUser):
    """A person who signs in; their role, team and manager decide what they see."""

    role = models.ForeignKey(
        Role, on_delete=models.PROTECT, null=True, blank=True, related_name="users",
        verbose_name=_("role"),
    )
    team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="members",
        verbose_name=_("team"),
    )
    manager = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="reports",
        verbose_name=_("manager"),
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    time_zone = models.CharField(_("time zone"), max_length=64, choices=TIME_ZONES, default="UTC")

    class Meta:
        ordering = ["username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def clean(self) -> None:
        super().clean()
        if (
            self.pk
            and self.manager_id
            and (self.manager_id == self.pk or self.manager_id in self.subordinate_ids)
        ):
            raise ValidationError(
                {"manager": _("A user cannot report to themselves or to their own reports.")}
            )

    @property
    def is_admin(self) -> bool:
        return self.is_superuser or bool(self.role_id and self.role.is_admin)

    @cached_property
    def subordinate_ids(self) -> frozenset[int]:
        """Return the ids of everyone reporting to this user, directly or further down."""
        found: set[int] = set()
        frontier = {self.pk}
        while frontier:
            frontier = set(
                User.objects.filter(manager_id__in=frontier).values_list("pk", flat=True)
            ) - found - {self.pk}
            found |= frontier
        return frozenset(found)


class Share(models.Model):
    """A record shared with a user or a team beyond its owner's scope."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.BigIntegerField()
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, null=True, blank=True, related_name="shares"
    )
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, null=True, blank=True, related_name="shares"
    )
    access = models.CharField(
        _("access"), max_length=8, choices=ShareAccess.choices, default=ShareAccess.VIEW
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False, team__isnull=True)
                | Q(user__isnull=True, team__isnull=False),
                name="share_with_user_or_team",
            ),
            models.UniqueConstraint(
                fields=["content_type", "object_id", "user"], name="unique_share_user"
            ),
            models.UniqueConstraint(
                fields=["content_type", "object_id", "team"], name="unique_share_team"
            ),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.user or self.team}: {self.get_access_display()}"


class LoginFailure(models.Model):
    """A failed sign-in, kept for throttling by username and by address."""

    username = models.CharField(max_length=150, db_index=True)
    address = models.GenericIPAddressField(null=True, db_index=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.username} from {self.address} at {self.at}"
