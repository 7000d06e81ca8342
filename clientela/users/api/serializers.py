"""API representations of users, teams and roles."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from clientela.core.api.exceptions import django_errors
from clientela.users.choices import FieldAccess, Scope
from clientela.users.models import FieldPermission, Role, RolePermission, Team, User
from clientela.users.services import role_save, user_manager_chain_valid


class TeamSerializer(serializers.ModelSerializer):
    class Meta:
        model = Team
        fields = ["id", "name", "description"]


class UserSerializer(serializers.ModelSerializer):
    """A user's basic fields; `password` is write-only and checked by the password rules."""

    full_name = serializers.SerializerMethodField()
    password = serializers.CharField(write_only=True, required=False, trim_whitespace=False)

    class Meta:
        model = User
        fields = ["id", "username", "first_name", "last_name", "full_name", "email", "role",
                  "team", "manager", "language", "time_zone", "is_active", "password"]

    def get_full_name(self, user: User) -> str:
        return str(user)

    def validate(self, attrs):
        password = attrs.get("password")
        if password is not None:
            candidate = self.instance or User(**{
                name: value for name, value in attrs.items() if name != "password"
            })
            try:
                validate_password(password, candidate)
            except DjangoValidationError as error:
                raise serializers.ValidationError({"password": error.messages}) from error
        elif self.instance is None:
            raise serializers.ValidationError({"password": [_("Set a password for a new user.")]})
        if attrs.get("manager") is not None and self.instance is not None and not (
            user_manager_chain_valid(user=self.instance, manager=attrs["manager"])
        ):
            raise serializers.ValidationError({"manager": [
                _("A user cannot report to themselves or to their own reports.")
            ]})
        return attrs

    def create(self, validated_data):
        password = validated_data.pop("password")
        user = User(**validated_data)
        user.set_password(password)
        return self._save(user)

    def update(self, instance, validated_data):
        password = validated_data.pop("password", None)
        for name, value in validated_data.items():
            setattr(instance, name, value)
        if password is not None:
            instance.set_password(password)
        return self._save(instance)

    def _save(self, user: User) -> User:
        try:
            user.full_clean()
        except DjangoValidationError as error:
            raise serializers.ValidationError(django_errors(error)) from error
        user.save()
        return user


# One inline schema for the three scoped grants: a shared enum would need three names.
@extend_schema_field({"allOf": [{"type": "string", "enum": Scope.values}], "default": "none"})
class ScopeField(serializers.ChoiceField):
    """How far a grant reaches: none, own, team or all."""

    def __init__(self, **kwargs):
        super().__init__(Scope.choices, default=Scope.NONE, **kwargs)


class RolePermissionSerializer(serializers.ModelSerializer):
    view = ScopeField()
    edit = ScopeField()
    delete = ScopeField()

    class Meta:
        model = RolePermission
        fields = ["module", "can_access", "view", "can_create", "edit", "delete", "can_import",
                  "can_export"]
        validators: list = []


class FieldPermissionSerializer(serializers.ModelSerializer):
    access = serializers.ChoiceField(FieldAccess.choices)

    class Meta:
        model = FieldPermission
        fields = ["module", "field", "access"]
        validators: list = []


class RoleSerializer(serializers.ModelSerializer):
    """A role with its module grants and field rules, written together (all or nothing)."""

    permissions = RolePermissionSerializer(many=True, required=False)
    field_permissions = FieldPermissionSerializer(many=True, required=False)

    class Meta:
        model = Role
        fields = ["id", "slug", "name", "description", "is_admin", "permissions",
                  "field_permissions"]

    def create(self, validated_data):
        return self._save(Role(), validated_data)

    def update(self, instance, validated_data):
        return self._save(instance, validated_data)

    def _save(self, role: Role, validated_data) -> Role:
        """Save the role through `role_save`; lists left out of a PATCH stay as they are."""
        grants = validated_data.pop("permissions", None)
        rules = validated_data.pop("field_permissions", None)
        for name, value in validated_data.items():
            setattr(role, name, value)
        if grants is None:
            grants = list(role.permissions.values()) if role.pk else []
        if rules is None:
            rules = list(role.field_permissions.values()) if role.pk else []
        try:
            return role_save(
                role=role,
                grants={grant["module"]: grant for grant in grants},
                field_rules=[(rule["module"], rule["field"], rule["access"]) for rule in rules],
            )
        except DjangoValidationError as error:
            raise serializers.ValidationError(django_errors(error)) from error
