"""The recycle bin: every module's deleted records, restored or deleted for good."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from clientela.accounts.models import Account
from clientela.leads.models import Lead
from clientela.users.models import Share

pytestmark = pytest.mark.django_db


def make(model, user, deleted_minutes_ago=None, **values):
    record = model(**values).stamp(user)
    record.save()
    if deleted_minutes_ago is not None:
        record.soft_delete(user)
        model.all_objects.filter(pk=record.pk).update(
            deleted_at=timezone.now() - datetime.timedelta(minutes=deleted_minutes_ago)
        )
    return record


@pytest.fixture
def bin_contents(rep):
    old = make(Account, rep, 30, name="Old Co")
    recent = make(Account, rep, 1, name="Recent Co")
    lead = make(Lead, rep, 10, last_name="Lost", company="Lead Co")
    live = make(Account, rep, name="Live Co")
    return old, recent, lead, live


def test_the_bin_lists_deleted_records_of_every_module_newest_first(
    client, admin_user, bin_contents
):
    client.force_login(admin_user)
    response = client.get(reverse("customization:recycle_bin"))
    items = response.context["items"]
    assert [(item.module.slug, str(item.record)) for item in items] == [
        ("accounts", "Recent Co"), ("leads", str(bin_contents[2])), ("accounts", "Old Co")
    ]
    assert items[0].record.deleted_by.username == "rep"
    assert "Live Co" not in response.content.decode()


def test_restore_selected_brings_records_back(client, admin_user, bin_contents):
    old, recent, lead, _live = bin_contents
    client.force_login(admin_user)
    response = client.post(reverse("customization:recycle_bin"), {
        "action": "restore", "items": [f"accounts:{old.pk}", f"leads:{lead.pk}"],
    })
    assert response.status_code == 302
    assert set(Account.objects.values_list("name", flat=True)) == {"Old Co", "Live Co"}
    assert Lead.objects.filter(pk=lead.pk).exists()
    assert Account.all_objects.get(pk=recent.pk).deleted_at is not None


def test_delete_selected_asks_for_confirmation_first(client, admin_user, bin_contents):
    old, recent, _lead, _live = bin_contents
    client.force_login(admin_user)
    response = client.post(reverse("customization:recycle_bin"), {
        "action": "purge", "items": [f"accounts:{old.pk}"],
    })
    assert response.status_code == 200
    assert [str(item.record) for item in response.context["items"]] == ["Old Co"]
    assert Account.all_objects.filter(pk=old.pk).exists()
    response = client.post(reverse("customization:recycle_bin"), {
        "action": "purge", "items": [f"accounts:{old.pk}"], "confirm": "yes",
    })
    assert response.status_code == 302
    assert not Account.all_objects.filter(pk=old.pk).exists()
    assert Account.all_objects.filter(pk=recent.pk).exists()


def test_live_records_cannot_be_purged_through_the_bin(client, admin_user, bin_contents):
    live = bin_contents[3]
    client.force_login(admin_user)
    client.post(reverse("customization:recycle_bin"), {
        "action": "purge", "items": [f"accounts:{live.pk}", "nothing:1", "accounts:x"],
        "confirm": "yes",
    })
    assert Account.objects.filter(pk=live.pk).exists()


def test_emptying_the_bin_deletes_every_deleted_record_and_their_shares(
    client, admin_user, bin_contents, outsider
):
    old, _recent, _lead, live = bin_contents
    Share.objects.create(content_type=ContentType.objects.get_for_model(Account),
                         object_id=old.pk, user=outsider, access="view")
    client.force_login(admin_user)
    page = client.get(reverse("customization:recycle_bin_empty"))
    assert len(page.context["items"]) == 3
    assert Account.all_objects.count() == 3
    response = client.post(reverse("customization:recycle_bin_empty"), {"confirm": "yes"})
    assert response.status_code == 302
    assert list(Account.all_objects.values_list("name", flat=True)) == ["Live Co"]
    assert not Lead.all_objects.exists()
    assert not Share.objects.exists()


def test_others_cannot_restore_or_empty(client, manager, bin_contents):
    client.force_login(manager)
    old = bin_contents[0]
    assert client.post(reverse("customization:recycle_bin"), {
        "action": "restore", "items": [f"accounts:{old.pk}"]}).status_code == 403
    assert client.post(reverse("customization:recycle_bin_empty"),
                       {"confirm": "yes"}).status_code == 403
    assert Account.all_objects.filter(deleted_at__isnull=False).count() == 2
    assert Lead.all_objects.count() == 1
