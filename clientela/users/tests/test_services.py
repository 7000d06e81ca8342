"""user_create: what the createuser command and the admin pages rely on."""

import pytest

from clientela.core.exceptions import ApplicationError
from clientela.users.models import Team, User
from clientela.users.services import user_create

pytestmark = pytest.mark.django_db


def test_user_create_generates_a_strong_password_and_creates_the_team():
    user, password = user_create(
        username="zoe", role_slug="marketing", team_name="North", email="zoe@example.com",
        first_name="Zoe", last_name="Z",
    )
    assert len(password) >= 20
    assert user.check_password(password)
    assert (user.role.slug, user.team.name, user.email, user.is_active) == (
        "marketing", "North", "zoe@example.com", True
    )


def test_user_create_keeps_a_given_password_and_joins_an_existing_team(team_east):
    user, password = user_create(username="yan", password="a-long-enough-pass-9",
                                 team_name="East")
    assert password == "a-long-enough-pass-9"
    assert user.check_password(password)
    assert user.team == team_east
    assert user.role is None
    assert Team.objects.count() == 1


def test_user_create_refuses_an_unknown_role_naming_it():
    with pytest.raises(ApplicationError) as refused:
        user_create(username="xi", role_slug="wizard", team_name="Magic")
    assert refused.value.field == "role"
    assert "Unknown role wizard" in refused.value.message
    assert not User.objects.filter(username="xi").exists()
    assert not Team.objects.filter(name="Magic").exists()


def test_user_create_refuses_a_taken_username_and_a_weak_password(rep):
    with pytest.raises(ApplicationError) as taken:
        user_create(username="REP")
    assert taken.value.field == "username"
    with pytest.raises(ApplicationError) as weak:
        user_create(username="wes", password="123")
    assert weak.value.field == "password"
    assert not User.objects.filter(username="wes").exists()


def test_role_set_grants_stores_only_modules_that_grant_something():
    from clientela.users.models import Role, RolePermission
    from clientela.users.services import role_set_grants

    role = Role.objects.create(slug="tmp", name="Temporary")
    role_set_grants(role=role, grants={
        "accounts": {"can_access": True, "view": "team", "edit": "own", "delete": "none"},
        "contacts": {"can_access": False, "view": "none", "edit": "none", "delete": "none"},
    })
    assert list(RolePermission.objects.filter(role=role).values_list(
        "module", "can_access", "view", "can_create", "edit", "delete", "can_import",
        "can_export")) == [("accounts", True, "team", False, "own", "none", False, False)]


def test_role_set_grants_refuses_an_unknown_scope_and_keeps_the_old_grants():
    from clientela.users.models import Role, RolePermission
    from clientela.users.services import role_set_grants

    role = Role.objects.get(slug="read-only")
    before = set(RolePermission.objects.filter(role=role).values_list("module", "view"))
    with pytest.raises(ApplicationError) as refused:
        role_set_grants(role=role, grants={"accounts": {"can_access": True, "view": "galaxy"}})
    assert refused.value.field == "accounts__view"
    assert set(RolePermission.objects.filter(role=role).values_list("module", "view")) == before
