"""The Record base: ownership, optimistic locking, change log and the recycle bin."""

import pytest
from django.db import transaction

from clientela.accounts.models import Account
from clientela.core.exceptions import StaleVersionError
from clientela.core.models import ObjectChange

pytestmark = pytest.mark.django_db


def make_account(user, **fields):
    account = Account(name=fields.pop("name", "Acme"), **fields).stamp(user)
    account.full_clean()
    account.save()
    return account


def test_new_record_is_owned_by_its_creator_and_gets_their_team(rep, team_east):
    account = make_account(rep)
    assert (account.owner, account.team, account.created_by, account.version) == (
        rep, team_east, rep, 1,
    )


def test_update_with_the_stored_version_bumps_it(rep):
    account = make_account(rep)
    account.name = "Acme Iberia"
    account.stamp(rep, expected_version=1).save()
    account.refresh_from_db()
    assert (account.name, account.version) == ("Acme Iberia", 2)


def test_stale_update_is_refused_and_changes_nothing(rep, teammate):
    account = make_account(rep)
    first = Account.objects.get(pk=account.pk)
    second = Account.objects.get(pk=account.pk)
    first.name = "First"
    first.stamp(rep, expected_version=1).save()
    second.name = "Second"
    # The refusal fails the enclosing transaction, as any failed save does; a caller that
    # carries on wraps the save in a block of its own.
    with pytest.raises(StaleVersionError) as refused, transaction.atomic():
        second.stamp(teammate, expected_version=1).save()
    assert refused.value.current.name == "First"
    assert Account.objects.get(pk=account.pk).name == "First"


def test_change_log_records_old_and_new_values_of_changed_fields_only(rep):
    account = make_account(rep, phone="111")
    account.phone = "222"
    account.stamp(rep).save()
    update = ObjectChange.objects.filter(object_id=account.pk, action="update").get()
    assert update.changes == {"phone": ["111", "222"]}
    assert update.user == rep


def test_saving_without_changes_logs_nothing(rep):
    account = make_account(rep)
    account.stamp(rep).save()
    assert list(ObjectChange.objects.values_list("action", flat=True)) == ["create"]


def test_soft_delete_hides_the_record_and_restore_brings_it_back(rep):
    account = make_account(rep)
    account.soft_delete(rep)
    assert not Account.objects.filter(pk=account.pk).exists()
    assert Account.all_objects.get(pk=account.pk).deleted_by == rep
    account.restore(rep)
    assert Account.objects.filter(pk=account.pk).exists()
    actions = list(ObjectChange.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["create", "delete", "restore"]


def test_a_change_by_no_signed_in_user_is_recorded_without_one(rep):
    from django.contrib.auth.models import AnonymousUser

    account = make_account(rep)
    entry = ObjectChange.record(account, ObjectChange.Action.UPDATE, AnonymousUser(),
                                {"name": "Old"}, {"name": "New"})
    assert (entry.user, entry.user_name) == (None, "")
    assert entry.changes == {"name": ["Old", "New"]}
