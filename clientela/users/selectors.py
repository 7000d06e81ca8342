"""Reads of the users app: users, teams, roles, and the shares of a record."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Model, QuerySet

from clientela.core import registry
from clientela.core.permissions import restrict

from .models import Role, Share, Team, User


def user_list() -> QuerySet[User]:
    """Return every user with role, team and manager loaded, by username."""
    return User.objects.select_related("role", "team", "manager").order_by("username")


def team_list() -> QuerySet[Team]:
    """Return every team with its number of members, by name."""
    return Team.objects.annotate(member_count=Count("members")).order_by("name")


def role_list() -> QuerySet[Role]:
    """Return every role with its number of users, by name."""
    return Role.objects.annotate(user_count=Count("users")).order_by("name")


def record_visible(*, user: User, module_slug: str, pk: int) -> Model | None:
    """Return the live record of `module_slug` with `pk` if `user` may see it, else None."""
    try:
        model = registry.get_module(module_slug).model
    except KeyError:
        return None
    return restrict(model.objects.all(), user, "view").filter(pk=pk).first()


def record_share_list(*, record: Model) -> QuerySet[Share]:
    """Return the shares of `record`: users first, then teams, by name."""
    return (
        Share.objects.filter(
            content_type=ContentType.objects.get_for_model(record), object_id=record.pk
        )
        .select_related("user", "team", "created_by")
        .order_by("team__name", "user__username")
    )
