"""Writes of the users app: sign-in throttling, users, roles and their grants, sharing."""

from __future__ import annotations

import datetime
import math
import secrets
from collections.abc import Iterable, Mapping

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from clientela.core.exceptions import ApplicationError, PermissionDeniedError
from clientela.core.permissions import restrict

from .choices import FieldAccess, Scope, ShareAccess
from .models import FieldPermission, LoginFailure, Role, RolePermission, Share, Team, User

SCOPE_RANK = {Scope.NONE: 0, Scope.OWN: 1, Scope.TEAM: 2, Scope.ALL: 3}
GRANT_FLAGS = ("can_access", "can_create", "can_import", "can_export")
GRANT_SCOPES = ("view", "edit", "delete")


# Sign-in throttling -------------------------------------------------------------------------

def _window_start() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(seconds=settings.LOGIN_FAILURE_WINDOW)


def _seconds_until_below_limit(failures: Q, limit: int) -> int | None:
    """Return the seconds until fewer than `limit` of `failures` remain in the window."""
    times = list(
        LoginFailure.objects.filter(failures, at__gte=_window_start())
        .order_by("at")
        .values_list("at", flat=True)
    )
    if len(times) < limit:
        return None
    # The attempt becomes possible again when enough of the oldest failures have left the window.
    release = times[len(times) - limit] + datetime.timedelta(seconds=settings.LOGIN_FAILURE_WINDOW)
    return max(1, math.ceil((release - timezone.now()).total_seconds()))


def login_throttled(*, username: str, address: str | None) -> int | None:
    """Return the seconds to wait before this username or address may try again, or None.

    A username with `LOGIN_FAILURE_LIMIT` failures, or an address with
    `LOGIN_ADDRESS_FAILURE_LIMIT` failures, within the last `LOGIN_FAILURE_WINDOW` seconds is
    refused, even with the right password. The address limit is higher because an office or a
    proxy puts many honest people behind one address.
    """
    waits = [_seconds_until_below_limit(Q(username__iexact=username),
                                        settings.LOGIN_FAILURE_LIMIT)]
    if address:
        waits.append(_seconds_until_below_limit(Q(address=address),
                                                settings.LOGIN_ADDRESS_FAILURE_LIMIT))
    waits = [wait for wait in waits if wait is not None]
    return max(waits) if waits else None


def login_failed(*, username: str, address: str | None) -> None:
    """Record a failed sign-in of `username` from `address` and forget expired failures."""
    LoginFailure.objects.filter(at__lt=_window_start()).delete()
    LoginFailure.objects.create(username=username[:150], address=address or None)


def login_succeeded(*, username: str) -> None:
    """Forget the failed sign-ins of `username` (those of its address stay counted)."""
    LoginFailure.objects.filter(username__iexact=username).delete()


# Users and teams ----------------------------------------------------------------------------

def user_create(
    *,
    username: str,
    password: str | None = None,
    role_slug: str | None = None,
    team_name: str | None = None,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
) -> tuple[User, str]:
    """Create an active user and return it with its password (generated when none is given).

    An unknown role, a taken username or a password the validators refuse raise
    ApplicationError naming the field; a team named but missing is created.
    """
    role = None
    if role_slug:
        role = Role.objects.filter(slug=role_slug).first()
        if role is None:
            known = ", ".join(Role.objects.values_list("slug", flat=True))
            raise ApplicationError(
                _("Unknown role %(role)s; the roles are: %(known)s.")
                % {"role": role_slug, "known": known},
                code="unknown_role", field="role",
            )
    if User.objects.filter(username__iexact=username).exists():
        raise ApplicationError(
            _("The username %(username)s is taken.") % {"username": username},
            code="username_taken", field="username",
        )
    generated = password is None
    password = password if password is not None else secrets.token_urlsafe(18)
    user = User(
        username=username, email=email, first_name=first_name, last_name=last_name, role=role
    )
    try:
        user.full_clean(exclude=["password", "team"])
    except ValidationError as error:
        field, errors = next(iter(error.message_dict.items()))
        raise ApplicationError(f"{field}: {' '.join(errors)}", field=field) from error
    if not generated:
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise ApplicationError(
                _("password: %(errors)s") % {"errors": " ".join(error.messages)}, field="password"
            ) from error
    with transaction.atomic():
        if team_name:
            user.team, _created = Team.objects.get_or_create(name=team_name)
        user.set_password(password)
        user.save()
    return user, password


def user_manager_chain_valid(*, user: User, manager: User | None) -> bool:
    """Return whether `user` may report to `manager` without a cycle in the hierarchy."""
    if manager is None or user.pk is None:
        return True
    return manager.pk != user.pk and manager.pk not in user.subordinate_ids


# Roles --------------------------------------------------------------------------------------

def _check_grant(module: str, grant: Mapping[str, object]) -> None:
    for action in GRANT_SCOPES:
        if grant.get(action, Scope.NONE) not in SCOPE_RANK:
            raise ApplicationError(
                _("%(module)s: unknown scope for %(action)s.")
                % {"module": module, "action": action},
                field=f"{module}__{action}",
            )
    view = SCOPE_RANK[grant.get("view", Scope.NONE)]
    for action in ("edit", "delete"):
        if SCOPE_RANK[grant.get(action, Scope.NONE)] > view:
            raise ApplicationError(
                _("%(module)s: %(action)s cannot reach further than view.")
                % {"module": module, "action": action},
                code="scope_wider_than_view", field=f"{module}__{action}",
            )


def role_set_grants(*, role: Role, grants: Mapping[str, Mapping[str, object]]) -> None:
    """Replace the role's module grants with exactly `grants` ({module: {field: value}}).

    A module whose grant allows nothing is stored as no row (absent means nothing). Edit and
    delete may not reach further than view.
    """
    rows = []
    for module, grant in grants.items():
        _check_grant(module, grant)
        values = {flag: bool(grant.get(flag, False)) for flag in GRANT_FLAGS}
        values.update({action: grant.get(action, Scope.NONE) for action in GRANT_SCOPES})
        if any(values[flag] for flag in GRANT_FLAGS) or any(
            values[action] != Scope.NONE for action in GRANT_SCOPES
        ):
            rows.append(RolePermission(role=role, module=module, **values))
    with transaction.atomic():
        RolePermission.objects.filter(role=role).delete()
        RolePermission.objects.bulk_create(rows)


def role_set_field_rules(*, role: Role, rules: Iterable[tuple[str, str, str]]) -> None:
    """Replace the role's field rules with exactly `rules` of (module, field, access)."""
    kept: dict[tuple[str, str], str] = {}
    for module, field, access in rules:
        if access not in FieldAccess.values:
            raise ApplicationError(
                _("%(field)s: unknown access %(access)s.") % {"field": field, "access": access},
                field="field_rules",
            )
        kept[(module, field)] = access
    with transaction.atomic():
        FieldPermission.objects.filter(role=role).delete()
        FieldPermission.objects.bulk_create(
            FieldPermission(role=role, module=module, field=field, access=access)
            for (module, field), access in kept.items()
        )


def role_save(
    *,
    role: Role,
    grants: Mapping[str, Mapping[str, object]],
    field_rules: Iterable[tuple[str, str, str]],
) -> Role:
    """Save the role with exactly these grants and field rules, all or nothing."""
    role.full_clean()
    with transaction.atomic():
        role.save()
        role_set_grants(role=role, grants=grants)
        role_set_field_rules(role=role, rules=field_rules)
    return role


def role_delete(*, role: Role) -> None:
    """Delete a role that no user has; a role in use raises ApplicationError."""
    with transaction.atomic():
        in_use = User.objects.filter(role=role).count()
        if in_use:
            raise ApplicationError(
                _("The role %(role)s is given to %(count)d user(s); give them another role "
                  "first.") % {"role": role.name, "count": in_use},
                code="role_in_use",
            )
        role.delete()


# Sharing ------------------------------------------------------------------------------------

def record_shares_manageable(*, record: models.Model, user: User) -> bool:
    """Return whether `user` may change who `record` is shared with."""
    if user.is_admin or getattr(record, "owner_id", None) == user.pk:
        return True
    return restrict(type(record).objects.filter(pk=record.pk), user, "edit").exists()


def record_share(
    *,
    record: models.Model,
    by: User,
    user: User | None = None,
    team: Team | None = None,
    access: str = ShareAccess.VIEW,
) -> Share:
    """Share `record` with one user or one team at `access`; sharing again changes the access.

    Only the owner, someone who may edit the record or an admin may share it.
    """
    if not record_shares_manageable(record=record, user=by):
        raise PermissionDeniedError(_("Only the owner or an editor of this record may share it."))
    if (user is None) == (team is None):
        raise ApplicationError(_("Share with either a user or a team."), field="user")
    if access not in ShareAccess.values:
        raise ApplicationError(_("Choose view or edit access."), field="access")
    if user is not None and not user.is_active:
        raise ApplicationError(_("%(user)s is not active.") % {"user": user}, field="user")
    content_type = ContentType.objects.get_for_model(record)
    with transaction.atomic():
        share, _created = Share.objects.update_or_create(
            content_type=content_type, object_id=record.pk, user=user, team=team,
            defaults={"access": access, "created_by": by},
        )
    return share


def record_unshare(*, record: models.Model, by: User, share_id: int) -> None:
    """Remove one share of `record`; a share of another record raises ApplicationError."""
    if not record_shares_manageable(record=record, user=by):
        raise PermissionDeniedError(_("Only the owner or an editor of this record may share it."))
    deleted, _rows = Share.objects.filter(
        pk=share_id, content_type=ContentType.objects.get_for_model(record), object_id=record.pk
    ).delete()
    if not deleted:
        raise ApplicationError(_("This record has no such share."), field="share")
