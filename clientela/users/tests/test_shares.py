"""The sharing page of a record: who sees it, and who may add or remove shares."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from clientela.accounts.models import Account
from clientela.core.exceptions import ApplicationError, PermissionDeniedError
from clientela.users.models import Share
from clientela.users.services import record_share, record_unshare

pytestmark = pytest.mark.django_db


def make_account(user, name="Acme"):
    account = Account(name=name).stamp(user)
    account.save()
    return account


def shares_of(account):
    return set(
        Share.objects.filter(
            content_type=ContentType.objects.get_for_model(Account), object_id=account.pk
        ).values_list("user__username", "team__name", "access")
    )


def url(account):
    return reverse("users:record_shares", args=["accounts", account.pk])


def test_owner_shares_with_a_user_who_then_sees_the_record(client, rep, outsider):
    account = make_account(rep)
    assert not Account.objects.restrict(outsider, "view").filter(pk=account.pk).exists()
    client.force_login(rep)
    response = client.post(url(account), {"user": outsider.pk, "team": "", "access": "edit"})
    assert response.status_code == 302
    assert shares_of(account) == {("outsider", None, "edit")}
    assert Account.objects.restrict(outsider, "edit").filter(pk=account.pk).exists()
    client.force_login(outsider)
    page = client.get(url(account))
    assert page.status_code == 200
    assert page.context["can_manage"] is True


def test_sharing_again_changes_the_access(rep, outsider):
    account = make_account(rep)
    record_share(record=account, by=rep, user=outsider, access="edit")
    record_share(record=account, by=rep, user=outsider, access="view")
    assert shares_of(account) == {("outsider", None, "view")}


def test_owner_shares_with_a_team_and_removes_the_share(client, rep, team_west):
    account = make_account(rep)
    client.force_login(rep)
    client.post(url(account), {"user": "", "team": team_west.pk, "access": "view"})
    assert shares_of(account) == {(None, "West", "view")}
    share = Share.objects.get()
    response = client.post(url(account), {"remove": share.pk})
    assert response.status_code == 302
    assert shares_of(account) == set()


def test_both_a_user_and_a_team_is_refused(client, rep, outsider, team_west):
    account = make_account(rep)
    client.force_login(rep)
    response = client.post(url(account), {"user": outsider.pk, "team": team_west.pk,
                                          "access": "view"})
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == ["Choose either a user or a team."]
    assert shares_of(account) == set()


def test_a_viewer_who_may_not_edit_sees_the_shares_but_cannot_change_them(
    client, rep, teammate, outsider
):
    account = make_account(rep)
    record_share(record=account, by=rep, user=outsider, access="view")
    client.force_login(teammate)
    page = client.get(url(account))
    assert page.status_code == 200
    assert page.context["can_manage"] is False
    assert "Remove" not in page.content.decode()
    share = Share.objects.get()
    assert client.post(url(account), {"remove": share.pk}).status_code == 403
    assert client.post(url(account), {"user": teammate.pk, "team": "",
                                      "access": "edit"}).status_code == 403
    assert shares_of(account) == {("outsider", None, "view")}


def test_someone_who_cannot_see_the_record_gets_404(client, rep, outsider):
    account = make_account(rep)
    client.force_login(outsider)
    assert client.get(url(account)).status_code == 404
    assert client.post(url(account), {"user": outsider.pk, "team": "",
                                      "access": "edit"}).status_code == 404
    assert shares_of(account) == set()


def test_unknown_module_deleted_record_and_missing_record_are_404(client, admin_user, rep):
    account = make_account(rep)
    account.soft_delete(rep)
    client.force_login(admin_user)
    assert client.get(reverse("users:record_shares", args=["nothing", 1])).status_code == 404
    assert client.get(url(account)).status_code == 404
    assert client.get(reverse("users:record_shares", args=["accounts", 999999])
                      ).status_code == 404


def test_an_admin_and_a_manager_may_share_records_of_others(admin_user, manager, rep, outsider):
    account = make_account(rep)
    record_share(record=account, by=admin_user, user=outsider, access="view")
    record_share(record=account, by=manager, team=outsider.team, access="view")
    assert shares_of(account) == {("outsider", None, "view"), (None, "West", "view")}


def test_services_refuse_strangers_and_bad_input(rep, teammate, outsider):
    account = make_account(rep)
    with pytest.raises(PermissionDeniedError):
        record_share(record=account, by=teammate, user=outsider, access="view")
    with pytest.raises(ApplicationError, match="either a user or a team"):
        record_share(record=account, by=rep, access="view")
    with pytest.raises(ApplicationError, match="view or edit"):
        record_share(record=account, by=rep, user=outsider, access="own")
    other = make_account(rep, "Other")
    share = record_share(record=other, by=rep, user=outsider, access="view")
    with pytest.raises(ApplicationError, match="no such share"):
        record_unshare(record=account, by=rep, share_id=share.pk)
    assert shares_of(account) == set()
    assert shares_of(other) == {("outsider", None, "view")}
