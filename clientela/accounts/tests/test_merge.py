"""Merging accounts: every relation moves to the survivor, clashing links become one."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from clientela.accounts.models import Account
from clientela.accounts.services import account_merge
from clientela.accounts.tests.factories import AccountFactory
from clientela.contacts.choices import ContactRole
from clientela.contacts.models import Contact, ContactAccount
from clientela.contacts.tests.factories import ContactFactory
from clientela.core.exceptions import ApplicationError, PermissionDeniedError
from clientela.core.models import ObjectChange
from clientela.customization.models import CustomField, Tag
from clientela.leads.tests.factories import LeadFactory

pytestmark = pytest.mark.django_db


def changes_of(record, action):
    return list(ObjectChange.objects.filter(object_id=record.pk, action=action,
                                            content_type__model=type(record)._meta.model_name)
                .values_list("changes", flat=True))


def link(contact, account, role=ContactRole.OTHER, is_primary=False):
    return ContactAccount.objects.create(contact=contact, account=account, role=role,
                                         is_primary=is_primary)


def test_merging_repoints_children_contacts_links_and_leads(rep):
    survivor = AccountFactory(owner=rep, name="Acme")
    duplicate = AccountFactory(owner=rep, name="ACME Inc")
    child = AccountFactory(owner=rep, name="Acme East", parent=duplicate)
    contact = ContactFactory(owner=rep, account=duplicate)
    link(contact, duplicate, is_primary=True)
    lead = LeadFactory(owner=rep)
    type(lead).all_objects.filter(pk=lead.pk).update(converted_account=duplicate)
    child_version = child.version

    result = account_merge(survivor=survivor, duplicates=[duplicate.pk], user=rep)

    assert result.pk == survivor.pk
    child.refresh_from_db()
    contact.refresh_from_db()
    lead.refresh_from_db()
    assert child.parent_id == survivor.pk
    assert child.version == child_version + 1
    assert contact.account_id == survivor.pk
    assert list(contact.account_links.values_list("account_id", "is_primary")) == [
        (survivor.pk, True)]
    assert lead.converted_account_id == survivor.pk
    assert changes_of(child, "update")[0] == {"parent": [duplicate.pk, survivor.pk]}
    assert changes_of(contact, "update")[0] == {"account": [duplicate.pk, survivor.pk]}
    assert Account.objects.filter(pk=duplicate.pk).exists() is False
    assert Account.all_objects.get(pk=duplicate.pk).deleted_by == rep


def test_two_links_of_one_contact_become_one_keeping_primary_and_specific_role(rep):
    survivor = AccountFactory(owner=rep)
    duplicate = AccountFactory(owner=rep)
    other = AccountFactory(owner=rep)
    contact = ContactFactory(owner=rep, account=duplicate)
    link(contact, survivor, role=ContactRole.OTHER)
    link(contact, duplicate, role=ContactRole.BUYER, is_primary=True)
    link(contact, other, role=ContactRole.USER)
    second = ContactFactory(owner=rep, account=survivor)
    link(second, survivor, role=ContactRole.BILLING, is_primary=True)
    link(second, duplicate, role=ContactRole.TECHNICAL)

    account_merge(survivor=survivor, duplicates=[duplicate], user=rep)

    assert sorted(contact.account_links.values_list("account_id", "role", "is_primary")) == \
        sorted([(survivor.pk, "buyer", True), (other.pk, "user", False)])
    assert list(second.account_links.values_list("account_id", "role", "is_primary")) == [
        (survivor.pk, "billing", True)]
    assert Contact.objects.get(pk=contact.pk).account_id == survivor.pk


def test_chosen_fields_win_others_fill_empty_and_history_records_both_sides(rep):
    CustomField.objects.create(module="accounts", name="segment", label="Segment", type="text")
    CustomField.objects.create(module="accounts", name="region", label="Region", type="text")
    survivor = AccountFactory(owner=rep, name="Acme", phone="", website="https://acme.test",
                              custom={"segment": "smb"}, tags=[Tag.objects.create(name="a")])
    older = timezone.now() - datetime.timedelta(days=30)
    duplicate = AccountFactory(owner=rep, name="ACME Corp", phone="+49 1",
                               website="https://old.test",
                               custom={"segment": "ent", "region": "north"},
                               tags=[Tag.objects.create(name="b")])
    Account.all_objects.filter(pk=duplicate.pk).update(created_at=older)

    account_merge(survivor=survivor, duplicates=[duplicate.pk],
                  fields={"name": duplicate.pk}, user=rep)

    stored = Account.objects.get(pk=survivor.pk)
    assert (stored.name, stored.phone, stored.website) == ("ACME Corp", "+49 1",
                                                           "https://acme.test")
    assert stored.custom == {"segment": "smb", "region": "north"}
    assert sorted(stored.tags.values_list("name", flat=True)) == ["a", "b"]
    assert stored.created_at == older
    assert changes_of(stored, "update")[0] == {
        "name": ["Acme", "ACME Corp"], "phone": ["", "+49 1"],
        "custom.region": [None, "north"], "merged": [None, [duplicate.pk]],
        "tags": [["a"], ["a", "b"]],
    }
    assert changes_of(duplicate, "delete")[0] == {"merged_into": [None, survivor.pk]}


def test_a_parent_merged_into_its_child_leaves_no_self_reference(rep):
    parent = AccountFactory(owner=rep)
    child = AccountFactory(owner=rep, parent=parent)
    account_merge(survivor=child, duplicates=[parent.pk], user=rep)
    assert Account.objects.get(pk=child.pk).parent_id is None


def test_a_rep_cannot_merge_away_a_teammates_account_they_only_view(rep, teammate):
    survivor = AccountFactory(owner=rep)
    theirs = AccountFactory(owner=teammate)
    with pytest.raises(PermissionDeniedError):
        account_merge(survivor=survivor, duplicates=[theirs.pk], user=rep)
    assert Account.objects.filter(pk=theirs.pk).exists()
    assert Account.objects.get(pk=survivor.pk).version == 1


def test_invisible_missing_self_and_deleted_duplicates_are_refused_naming_duplicates(
        rep, outsider):
    survivor = AccountFactory(owner=rep)
    hidden = AccountFactory(owner=outsider)
    deleted = AccountFactory(owner=rep)
    deleted.soft_delete(rep)
    cases = [
        ([hidden.pk], f"No such records: {hidden.pk}."),
        ([999999], "No such records: 999999."),
        ([survivor.pk], "A record cannot be merged into itself."),
        ([deleted.pk], f"These records are in the recycle bin: {deleted.pk}."),
        ([], "Choose at least one record to merge into this one."),
        ([ContactFactory(owner=rep)], "Only records of the same type can be merged."),
    ]
    for duplicates, message in cases:
        with pytest.raises(ApplicationError) as refused:
            account_merge(survivor=survivor, duplicates=duplicates, user=rep)
        assert (refused.value.field, refused.value.message) == ("duplicates", message)
    assert Account.objects.get(pk=survivor.pk).version == 1
    assert Account.objects.filter(pk=hidden.pk).exists()


def test_unknown_or_unmerged_field_choices_are_refused(rep):
    survivor = AccountFactory(owner=rep)
    duplicate = AccountFactory(owner=rep)
    with pytest.raises(ValidationError) as refused:
        account_merge(survivor=survivor, duplicates=[duplicate.pk],
                      fields={"name": 12345, "version": survivor.pk, "custom.nope": survivor.pk},
                      user=rep)
    assert refused.value.message_dict == {
        "fields.name": ["Choose the id of one of the merged records."],
        "fields.version": ["This field cannot be chosen in a merge."],
        "fields.custom.nope": ["This field cannot be chosen in a merge."],
    }
    assert Account.objects.filter(pk=duplicate.pk).exists()


def test_a_validation_error_midway_writes_nothing(rep):
    duplicate = AccountFactory(owner=rep, name="Dup")
    child = AccountFactory(owner=rep, name="Child", parent=duplicate)
    # The survivor sits under the duplicate's child: once the child moves under the survivor,
    # the two would be each other's parent, which the survivor's clean() refuses.
    survivor = AccountFactory(owner=rep, name="Survivor", parent=child)
    contact = ContactFactory(owner=rep, account=duplicate)
    link(contact, duplicate, is_primary=True)
    entries = ObjectChange.objects.count()

    with pytest.raises(ValidationError) as refused:
        account_merge(survivor=survivor, duplicates=[duplicate.pk], user=rep)

    assert list(refused.value.message_dict) == ["parent"]
    assert Account.objects.get(pk=child.pk).parent_id == duplicate.pk
    assert Account.objects.get(pk=child.pk).version == 1
    assert Contact.objects.get(pk=contact.pk).account_id == duplicate.pk
    assert list(ContactAccount.objects.values_list("account_id", flat=True)) == [duplicate.pk]
    assert Account.objects.filter(pk=duplicate.pk).exists()
    assert ObjectChange.objects.count() == entries
