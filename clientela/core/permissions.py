"""The one choke point: what a user may do in a module and which records that reaches.

Every page, API call, search, export and report reads records through `restrict(user, action)`.
Grants come from the user's role (per module: access, view, create, edit, delete, import,
export; view/edit/delete with a scope own/team/all), widened by a manager's reach over everyone
reporting to them and by records shared with the user or their team.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from . import registry

if TYPE_CHECKING:
    from clientela.users.models import User

SCOPED_ACTIONS = ("view", "edit", "delete")
ALL, TEAM, OWN, NONE = "all", "team", "own", "none"


def _grants(user: User) -> dict:
    """Return the user's role grants keyed by module, cached on the user object."""
    cached = getattr(user, "_clientela_grants", None)
    if cached is None:
        from clientela.users.models import FieldPermission, RolePermission

        cached = {"modules": {}, "fields": {}}
        if user.role_id:
            for grant in RolePermission.objects.filter(role_id=user.role_id):
                cached["modules"][grant.module] = grant
            for rule in FieldPermission.objects.filter(role_id=user.role_id):
                cached["fields"].setdefault(rule.module, {})[rule.field] = rule.access
        user._clientela_grants = cached
    return cached


def scope(user: User | None, module: str, action: str) -> str:
    """Return how far `action` reaches in `module` for `user`: all, team, own or none.

    Unscoped actions (access, create, import, export) answer all or none.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return NONE
    if user.is_admin:
        return ALL
    grant = _grants(user)["modules"].get(module)
    if grant is None or not grant.can_access:
        return NONE
    if action == "access":
        return ALL
    if action in SCOPED_ACTIONS:
        return getattr(grant, action)
    return ALL if getattr(grant, f"can_{action}", False) else NONE


def can(user: User | None, module: str, action: str) -> bool:
    """Return whether the user may perform `action` on at least some records of `module`."""
    return scope(user, module, action) != NONE


def restrict(queryset: QuerySet, user: User | None, action: str = "view", *,
             module: str | None = None) -> QuerySet:
    """Return `queryset` narrowed to the records `user` may `action`.

    The grant of the records' module applies, or that of `module` when given: an area that
    reads another module's records with a reach of its own (the analytics over accounts)
    narrows them once more with its grant.
    """
    if module is None:
        registered = registry.module_for_model(queryset.model)
        if registered is None:
            raise LookupError(f"{queryset.model.__name__} is not a registered module.")
        module = registered.slug
    if action not in SCOPED_ACTIONS:
        if not can(user, module, action):
            return queryset.none()
        action = "view"
    reach = scope(user, module, action)
    if reach == ALL:
        return queryset
    if user is None or not can(user, module, "access"):
        return queryset.none()
    condition = _shared_with(user, queryset.model, action)
    if reach in (OWN, TEAM):
        condition |= Q(owner_id=user.pk)
        if user.subordinate_ids:
            condition |= Q(owner_id__in=user.subordinate_ids)
    if reach == TEAM and user.team_id:
        condition |= Q(team_id=user.team_id)
    return queryset.filter(condition)


def _shared_with(user: User, model: type, action: str) -> Q:
    from clientela.users.models import Share

    if action == "delete":
        return Q(pk__in=[])
    shares = Share.objects.filter(content_type=ContentType.objects.get_for_model(model))
    shares = shares.filter(Q(user_id=user.pk) | Q(team_id=user.team_id) if user.team_id
                           else Q(user_id=user.pk))
    if action == "edit":
        shares = shares.filter(access="edit")
    return Q(pk__in=shares.values("object_id"))


def field_rules(user: User | None, module: str) -> tuple[frozenset[str], frozenset[str]]:
    """Return (hidden, read-only) field names for the user in `module`."""
    if user is None or not user.is_authenticated or user.is_admin:
        return frozenset(), frozenset()
    rules = _grants(user)["fields"].get(module, {})
    hidden = frozenset(name for name, access in rules.items() if access == "hidden")
    read_only = frozenset(name for name, access in rules.items() if access == "read_only")
    return hidden, read_only


def hidden_fields(user: User | None, module: str) -> frozenset[str]:
    """Return the fields of `module` the user may not see anywhere."""
    return field_rules(user, module)[0]


def writable_denied_fields(user: User | None, module: str) -> frozenset[str]:
    """Return the fields of `module` the user may not change (hidden or read-only)."""
    hidden, read_only = field_rules(user, module)
    return hidden | read_only
