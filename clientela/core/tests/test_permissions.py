"""restrict(user, action): roles, scopes, the manager's reach and shares."""

import pytest
from django.contrib.contenttypes.models import ContentType

from clientela.accounts.models import Account
from clientela.core.permissions import can, field_rules
from clientela.users.models import FieldPermission, RolePermission, Share

pytestmark = pytest.mark.django_db


def make_account(user, name):
    account = Account(name=name).stamp(user)
    account.save()
    return account


def visible(user, action="view"):
    return set(Account.objects.restrict(user, action).values_list("name", flat=True))


def test_sales_rep_sees_the_team_but_edits_only_own(rep, teammate, outsider):
    make_account(rep, "mine")
    make_account(teammate, "teammate's")
    make_account(outsider, "other team's")
    assert visible(rep) == {"mine", "teammate's"}
    assert visible(rep, "edit") == {"mine"}
    assert visible(outsider) == {"other team's"}


def test_manager_reaches_records_of_everyone_reporting_to_them(manager, rep):
    RolePermission.objects.filter(role=manager.role, module="accounts").update(edit="own")
    manager.team = None
    make_account(rep, "rep's")
    assert visible(manager, "edit") == {"rep's"}


def test_read_only_sees_everything_and_may_not_edit_or_create(reader, rep):
    make_account(rep, "mine")
    assert visible(reader) == {"mine"}
    assert visible(reader, "edit") == set()
    assert not can(reader, "accounts", "create")


def test_user_without_a_role_sees_nothing(rep, django_user_model):
    make_account(rep, "mine")
    nobody = django_user_model.objects.create(username="nobody")
    assert visible(nobody) == set()


def test_share_with_a_user_grants_view_and_edit_only_when_said(rep, outsider):
    account = make_account(rep, "shared")
    content_type = ContentType.objects.get_for_model(Account)
    share = Share.objects.create(content_type=content_type, object_id=account.pk, user=outsider)
    assert visible(outsider) == {"shared"}
    assert visible(outsider, "edit") == set()
    share.access = "edit"
    share.save()
    assert visible(outsider, "edit") == {"shared"}
    assert visible(outsider, "delete") == set()


def test_share_with_a_team_reaches_its_members(rep, outsider, team_west):
    account = make_account(rep, "shared")
    content_type = ContentType.objects.get_for_model(Account)
    Share.objects.create(content_type=content_type, object_id=account.pk, team=team_west)
    assert visible(outsider) == {"shared"}


def test_export_needs_the_export_grant(reader, rep):
    make_account(rep, "mine")
    assert visible(reader, "export") == set()
    assert visible(rep, "export") == {"mine"}


def test_field_rules_come_from_the_role(rep):
    FieldPermission.objects.create(role=rep.role, module="accounts", field="annual_revenue",
                                   access="hidden")
    FieldPermission.objects.create(role=rep.role, module="accounts", field="rating",
                                   access="read_only")
    assert field_rules(rep, "accounts") == ({"annual_revenue"}, {"rating"})
