"""API of users, teams and roles: anyone signed in reads them, administrators write them."""

from __future__ import annotations

from rest_framework import permissions, viewsets

from clientela.core.api.parsers import JSONParser
from clientela.core.api.registry import register_viewset
from clientela.users.models import Role, Team, User
from clientela.users.services import role_delete

from .serializers import RoleSerializer, TeamSerializer, UserSerializer


class AdminWritesOrReadOnly(permissions.BasePermission):
    """Allow reads to anyone signed in and writes to administrators only."""

    message = "Only administrators may change users, teams and roles."

    def has_permission(self, request, view) -> bool:
        user = request.user
        if user is None or not user.is_authenticated:
            return False
        return request.method in permissions.SAFE_METHODS or user.is_admin


class PlatformViewSet(viewsets.ModelViewSet):
    permission_classes = [permissions.IsAuthenticated, AdminWritesOrReadOnly]
    parser_classes = [JSONParser]
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]


class UserViewSet(PlatformViewSet):
    """Users; deleting one deactivates it, so its records keep their owner."""

    queryset = User.objects.select_related("role", "team").order_by("username", "id")
    serializer_class = UserSerializer

    def perform_destroy(self, instance: User) -> None:
        instance.is_active = False
        instance.save(update_fields=["is_active"])


class TeamViewSet(PlatformViewSet):
    queryset = Team.objects.order_by("name", "id")
    serializer_class = TeamSerializer


class RoleViewSet(PlatformViewSet):
    """Roles with their module grants and field rules; a role in use cannot be deleted."""

    queryset = Role.objects.prefetch_related("permissions", "field_permissions").order_by(
        "name", "id"
    )
    serializer_class = RoleSerializer

    def perform_destroy(self, instance: Role) -> None:
        role_delete(role=instance)


register_viewset("users", UserViewSet)
register_viewset("teams", TeamViewSet)
register_viewset("roles", RoleViewSet)
