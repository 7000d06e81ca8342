"""Users, teams and roles over the API: everyone signed in reads, administrators write."""

import pytest

from clientela.core.testing.api import api_client
from clientela.users.models import FieldPermission, Role, Team, User

pytestmark = pytest.mark.django_db


def test_anyone_signed_in_reads_users_and_teams_without_passwords(rep, team_east):
    client = api_client(rep)
    users = client.get("/api/v1/users/").json()["results"]
    me = next(user for user in users if user["username"] == "rep")
    assert me["team"] == team_east.pk and "password" not in me
    assert client.get("/api/v1/teams/").json()["results"] == [
        {"id": team_east.pk, "name": "East", "description": ""}]


def test_non_admins_cannot_write_users_teams_or_roles(rep):
    client = api_client(rep)
    assert client.post("/api/v1/teams/", {"name": "North"}, format="json").status_code == 403
    assert client.patch(f"/api/v1/users/{rep.pk}/", {"first_name": "X"},
                        format="json").status_code == 403
    assert client.delete(f"/api/v1/roles/{rep.role_id}/").status_code == 403
    assert not Team.objects.filter(name="North").exists()


def test_admin_creates_a_user_with_a_checked_password(admin_user, team_east):
    client = api_client(admin_user)
    response = client.post("/api/v1/users/", {"username": "new", "password": "123"},
                           format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["password"]
    response = client.post("/api/v1/users/", {
        "username": "new", "password": "a-long-enough-pass-42", "team": team_east.pk,
        "role": Role.objects.get(slug="sales-rep").pk,
    }, format="json")
    assert response.status_code == 201
    user = User.objects.get(username="new")
    assert user.check_password("a-long-enough-pass-42") and user.team == team_east


def test_deleting_a_user_deactivates_it(admin_user, rep):
    assert api_client(admin_user).delete(f"/api/v1/users/{rep.pk}/").status_code == 204
    rep.refresh_from_db()
    assert rep.is_active is False


def test_roles_expose_and_replace_grants_and_field_rules(admin_user, rep):
    client = api_client(admin_user)
    role = client.get(f"/api/v1/roles/{rep.role_id}/").json()
    accounts = next(grant for grant in role["permissions"] if grant["module"] == "accounts")
    assert (accounts["view"], accounts["edit"], accounts["can_create"]) == ("team", "own", True)
    response = client.patch(f"/api/v1/roles/{rep.role_id}/", {
        "permissions": [{"module": "accounts", "can_access": True, "view": "all"}],
        "field_permissions": [{"module": "accounts", "field": "phone", "access": "hidden"}],
    }, format="json")
    assert response.status_code == 200, response.json()
    assert [grant["module"] for grant in response.json()["permissions"]] == ["accounts"]
    assert list(FieldPermission.objects.filter(role_id=rep.role_id).values_list(
        "field", "access")) == [("phone", "hidden")]


def test_edit_wider_than_view_is_refused_and_changes_nothing(admin_user, rep):
    client = api_client(admin_user)
    before = list(rep.role.permissions.values_list("module", "view", "edit"))
    response = client.patch(f"/api/v1/roles/{rep.role_id}/", {
        "permissions": [{"module": "accounts", "can_access": True, "view": "own",
                         "edit": "all"}],
    }, format="json")
    assert response.status_code == 400
    assert list(rep.role.permissions.values_list("module", "view", "edit")) == before
