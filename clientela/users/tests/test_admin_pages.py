"""The administrators' pages: users, teams and roles with the grants matrix and field rules."""

import pytest
from django.urls import reverse

from clientela.core.registry import permission_modules
from clientela.users.forms import GrantsForm
from clientela.users.models import FieldPermission, Role, RolePermission, Team, User

pytestmark = pytest.mark.django_db

ADMIN_PAGES = [
    ("users:user_list", {}), ("users:user_create", {}), ("users:team_list", {}),
    ("users:team_create", {}), ("users:role_list", {}), ("users:role_create", {}),
    ("customization:custom_field_list", {}), ("customization:custom_field_create", {}),
    ("customization:recycle_bin", {}), ("customization:recycle_bin_empty", {}),
]


@pytest.mark.parametrize(("name", "kwargs"), ADMIN_PAGES)
def test_admin_pages_open_for_admins_and_are_forbidden_to_others(
    client, admin_user, manager, name, kwargs
):
    client.force_login(manager)
    assert client.get(reverse(name, kwargs=kwargs)).status_code == 403
    client.force_login(admin_user)
    assert client.get(reverse(name, kwargs=kwargs)).status_code == 200


def test_a_non_admin_cannot_change_a_role(client, rep):
    role = Role.objects.get(slug="sales-rep")
    client.force_login(rep)
    response = client.post(reverse("users:role_delete", args=[role.pk]))
    assert response.status_code == 403
    assert Role.objects.filter(pk=role.pk).exists()


def user_data(**overrides):
    data = {
        "username": "newbie", "first_name": "New", "last_name": "Bie",
        "email": "newbie@example.com", "role": Role.objects.get(slug="sales-rep").pk,
        "team": "", "manager": "", "is_active": "on", "language": "en", "time_zone": "UTC",
        "password": "", "password_confirm": "",
    }
    data.update(overrides)
    return data


def test_admin_creates_a_user_with_a_generated_password_shown_once(client, admin_user, team_east):
    client.force_login(admin_user)
    response = client.post(reverse("users:user_create"), user_data(team=team_east.pk))
    assert response.status_code == 200
    user = User.objects.get(username="newbie")
    password = response.context["password"]
    assert len(password) >= 20
    assert user.check_password(password)
    assert (user.role.slug, user.team, user.is_active) == ("sales-rep", team_east, True)


def test_admin_sets_a_password_and_manager(client, admin_user, manager, rep):
    client.force_login(admin_user)
    response = client.post(
        reverse("users:user_edit", args=[rep.pk]),
        user_data(username="rep", manager=manager.pk, password="another-good-pass-77",
                  password_confirm="another-good-pass-77"),
    )
    assert response.status_code == 302
    rep.refresh_from_db()
    assert rep.check_password("another-good-pass-77")
    assert rep.manager == manager


def test_a_cycle_of_managers_is_refused(client, admin_user, manager, rep):
    client.force_login(admin_user)
    response = client.post(
        reverse("users:user_edit", args=[manager.pk]),
        user_data(username="manager", manager=rep.pk,
                  role=Role.objects.get(slug="sales-manager").pk),
    )
    assert response.status_code == 400
    assert response.context["form"].errors["manager"] == [
        "A user cannot report to themselves or to their own reports."
    ]
    manager.refresh_from_db()
    assert manager.manager is None


def test_an_admin_cannot_deactivate_themselves(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("users:user_edit", args=[admin_user.pk]),
        user_data(username="admin", role=admin_user.role_id, is_active=""),
    )
    assert response.status_code == 400
    admin_user.refresh_from_db()
    assert admin_user.is_active


def test_mismatched_passwords_change_nothing(client, admin_user, rep):
    client.force_login(admin_user)
    response = client.post(
        reverse("users:user_edit", args=[rep.pk]),
        user_data(username="rep", password="another-good-pass-77", password_confirm="other"),
    )
    assert response.status_code == 400
    rep.refresh_from_db()
    assert rep.check_password("secret-pass-123")
    assert rep.first_name != "New"


def test_teams_are_created_renamed_and_deleted(client, admin_user, rep, team_east):
    client.force_login(admin_user)
    assert client.post(reverse("users:team_create"), {"name": "North", "description": ""}
                       ).status_code == 302
    north = Team.objects.get(name="North")
    client.post(reverse("users:team_edit", args=[north.pk]), {"name": "Nord", "description": "x"})
    north.refresh_from_db()
    assert (north.name, north.description) == ("Nord", "x")
    assert client.post(reverse("users:team_delete", args=[team_east.pk])).status_code == 302
    rep.refresh_from_db()
    assert rep.team is None
    assert list(Team.objects.values_list("name", flat=True)) == ["Nord"]


def test_a_duplicate_team_name_is_refused(client, admin_user, team_east):
    client.force_login(admin_user)
    response = client.post(reverse("users:team_create"), {"name": "East", "description": ""})
    assert response.status_code == 400
    assert Team.objects.filter(name="East").count() == 1


def empty_matrix():
    data = {}
    for slug, _label in permission_modules():
        for column in ("view", "edit", "delete"):
            data[f"grants-{slug}__{column}"] = "none"
    return data


def role_data(**overrides):
    data = {
        "role-name": "Auditor", "role-slug": "auditor", "role-description": "Reads accounts.",
        "rules-TOTAL_FORMS": "3", "rules-INITIAL_FORMS": "0", "rules-MIN_NUM_FORMS": "0",
        "rules-MAX_NUM_FORMS": "1000",
        **{f"rules-{i}-field": "" for i in range(3)},
        **{f"rules-{i}-access": "hidden" for i in range(3)},
        **empty_matrix(),
    }
    data.update(overrides)
    return data


def test_the_grants_matrix_and_field_rules_are_saved_exactly(client, admin_user):
    client.force_login(admin_user)
    response = client.post(reverse("users:role_create"), role_data(**{
        "grants-accounts__can_access": "on", "grants-accounts__view": "all",
        "grants-accounts__edit": "team", "grants-accounts__delete": "own",
        "grants-accounts__can_export": "on",
        "grants-leads__can_access": "on", "grants-leads__view": "own",
        "grants-leads__can_create": "on", "grants-leads__can_import": "on",
        "rules-0-field": "accounts:annual_revenue", "rules-0-access": "hidden",
        "rules-1-field": "leads:email", "rules-1-access": "read_only",
    }))
    assert response.status_code == 302
    role = Role.objects.get(slug="auditor")
    grants = {
        grant.module: (grant.can_access, grant.view, grant.can_create, grant.edit, grant.delete,
                       grant.can_import, grant.can_export)
        for grant in RolePermission.objects.filter(role=role)
    }
    assert grants == {
        "accounts": (True, "all", False, "team", "own", False, True),
        "leads": (True, "own", True, "none", "none", True, False),
    }
    assert list(FieldPermission.objects.filter(role=role).values_list(
        "module", "field", "access")) == [
        ("accounts", "annual_revenue", "hidden"), ("leads", "email", "read_only"),
    ]


def test_editing_a_role_replaces_its_grants_and_rules(client, admin_user):
    role = Role.objects.get(slug="read-only")
    FieldPermission.objects.create(role=role, module="accounts", field="phone", access="hidden")
    client.force_login(admin_user)
    form = GrantsForm(role=role)
    assert form["accounts__view"].initial == "all"
    response = client.post(reverse("users:role_edit", args=[role.pk]), role_data(**{
        "role-name": "Read-only", "role-slug": "read-only",
        "grants-contacts__can_access": "on", "grants-contacts__view": "team",
    }))
    assert response.status_code == 302
    assert list(RolePermission.objects.filter(role=role).values_list("module", "view")) == [
        ("contacts", "team")
    ]
    assert not FieldPermission.objects.filter(role=role).exists()


def test_edit_wider_than_view_is_refused_and_nothing_changes(client, admin_user):
    role = Role.objects.get(slug="read-only")
    before = list(RolePermission.objects.filter(role=role).values_list("module", "view", "edit"))
    client.force_login(admin_user)
    response = client.post(reverse("users:role_edit", args=[role.pk]), role_data(**{
        "role-name": "Changed", "role-slug": "read-only",
        "grants-accounts__can_access": "on", "grants-accounts__view": "own",
        "grants-accounts__edit": "all",
    }))
    assert response.status_code == 400
    assert response.context["grants"].errors["accounts__edit"] == [
        "accounts: edit cannot reach further than view."
    ]
    role.refresh_from_db()
    assert role.name == "Read-only"
    assert list(RolePermission.objects.filter(role=role).values_list(
        "module", "view", "edit")) == before


def test_a_role_in_use_cannot_be_deleted(client, admin_user, rep):
    client.force_login(admin_user)
    role = rep.role
    response = client.post(reverse("users:role_delete", args=[role.pk]))
    assert response.status_code == 400
    assert "is given to 1 user(s)" in response.content.decode()
    assert Role.objects.filter(pk=role.pk).exists()


def test_an_unused_role_is_deleted_with_its_grants(client, admin_user):
    role = Role.objects.get(slug="marketing")
    client.force_login(admin_user)
    assert client.post(reverse("users:role_delete", args=[role.pk])).status_code == 302
    assert not Role.objects.filter(slug="marketing").exists()
    assert not RolePermission.objects.filter(role_id=role.pk).exists()


def test_the_role_page_lists_every_permission_module(client, admin_user):
    client.force_login(admin_user)
    content = client.get(reverse("users:role_create")).content.decode()
    for slug, _label in permission_modules():
        assert f'name="grants-{slug}__view"' in content


def test_the_user_menu_shows_admin_links_only_to_admins(rf, admin_user, rep):
    from django.template.loader import render_to_string

    admin_menu = render_to_string("users/user_menu.html", {"user": admin_user})
    rep_menu = render_to_string("users/user_menu.html", {"user": rep})
    assert reverse("users:role_list") in admin_menu
    assert reverse("users:role_list") not in rep_menu
    assert reverse("users:logout") in rep_menu
