"""Merging contacts: channels and links kept once, latest consent wins, mirrors follow."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from clientela.accounts.tests.factories import AccountFactory
from clientela.contacts.choices import ContactRole
from clientela.contacts.models import Consent, Contact, ContactAccount, ContactEmail, ContactPhone
from clientela.contacts.services import contact_merge
from clientela.contacts.tests.factories import ContactFactory
from clientela.core.exceptions import PermissionDeniedError
from clientela.core.models import ObjectChange
from clientela.leads.models import Lead
from clientela.leads.tests.factories import LeadFactory

pytestmark = pytest.mark.django_db


def emails(contact, *rows):
    for address, is_primary in rows:
        ContactEmail.objects.create(contact=contact, email=address, is_primary=is_primary)


def phones(contact, *rows):
    for number, is_primary in rows:
        ContactPhone.objects.create(contact=contact, number=number, is_primary=is_primary)


def test_same_address_and_number_kept_once_with_the_survivors_primary(rep):
    survivor = ContactFactory(owner=rep, email="ann@x.com", phone="+49 30 1")
    duplicate = ContactFactory(owner=rep, email="ANN@x.com", phone="0171")
    emails(survivor, ("ann@x.com", True))
    emails(duplicate, ("ANN@x.com", True), ("ann.private@y.com", False))
    phones(survivor, ("+49 30 1", True))
    phones(duplicate, ("0171", True), ("+49 (30) 1", False))

    contact_merge(survivor=survivor, duplicates=[duplicate.pk], user=rep)

    stored = Contact.objects.get(pk=survivor.pk)
    assert list(stored.emails.values_list("email", "is_primary")) == [
        ("ann@x.com", True), ("ann.private@y.com", False)]
    assert list(stored.phones.values_list("number", "is_primary")) == [
        ("+49 30 1", True), ("0171", False)]
    assert (stored.email, stored.phone) == ("ann@x.com", "+49 30 1")
    assert ContactEmail.objects.filter(contact=duplicate).count() == 0


def test_a_survivor_without_channels_takes_the_duplicates_primaries_as_mirrors(rep):
    survivor = ContactFactory(owner=rep)
    duplicate = ContactFactory(owner=rep, email="b@x.com", phone="2")
    emails(duplicate, ("a@x.com", False), ("b@x.com", True))
    phones(duplicate, ("2", True))

    contact_merge(survivor=survivor, duplicates=[duplicate.pk], user=rep)

    stored = Contact.objects.get(pk=survivor.pk)
    assert list(stored.emails.values_list("email", "is_primary")) == [
        ("b@x.com", True), ("a@x.com", False)]
    assert (stored.email, stored.phone) == ("b@x.com", "2")
    change = ObjectChange.objects.filter(object_id=survivor.pk, action="update",
                                         content_type__model="contact").get()
    assert change.changes == {"email": ["", "b@x.com"], "phone": ["", "2"],
                              "merged": [None, [duplicate.pk]]}


def test_account_links_unique_per_account_one_primary_and_account_mirror(rep):
    acme, globex, initech = (AccountFactory(owner=rep) for _ in range(3))
    survivor = ContactFactory(owner=rep, account=acme)
    duplicate = ContactFactory(owner=rep, account=globex)
    ContactAccount.objects.create(contact=survivor, account=acme, is_primary=True)
    ContactAccount.objects.create(contact=survivor, account=initech)
    ContactAccount.objects.create(contact=duplicate, account=globex, is_primary=True,
                                  role=ContactRole.BUYER)
    ContactAccount.objects.create(contact=duplicate, account=initech,
                                  role=ContactRole.DECISION_MAKER)

    contact_merge(survivor=survivor, duplicates=[duplicate.pk], user=rep)

    assert sorted(ContactAccount.objects.filter(contact=survivor)
                  .values_list("account_id", "role", "is_primary")) == sorted([
                      (acme.pk, "other", True), (initech.pk, "decision_maker", False),
                      (globex.pk, "buyer", False)])
    assert Contact.objects.get(pk=survivor.pk).account_id == acme.pk


def test_the_most_recent_consent_per_channel_wins(rep):
    now = timezone.now()
    survivor = ContactFactory(owner=rep)
    duplicate = ContactFactory(owner=rep)
    Consent.objects.create(contact=survivor, channel="email", status="opted_in",
                           at=now - datetime.timedelta(days=10))
    Consent.objects.create(contact=survivor, channel="sms", status="opted_in", at=now)
    Consent.objects.create(contact=duplicate, channel="email", status="opted_out", at=now)
    Consent.objects.create(contact=duplicate, channel="sms", status="opted_out",
                           at=now - datetime.timedelta(days=1))
    Consent.objects.create(contact=duplicate, channel="phone", status="opted_out", at=now)

    contact_merge(survivor=survivor, duplicates=[duplicate.pk], user=rep)

    assert dict(Consent.objects.filter(contact=survivor).values_list("channel", "status")) == {
        "email": "opted_out", "sms": "opted_in", "phone": "opted_out"}
    assert Consent.objects.filter(contact=duplicate).count() == 0


def test_leads_converted_into_a_duplicate_point_at_the_survivor(rep):
    survivor = ContactFactory(owner=rep)
    duplicate = ContactFactory(owner=rep)
    lead = LeadFactory(owner=rep)
    Lead.all_objects.filter(pk=lead.pk).update(converted_contact=duplicate)

    contact_merge(survivor=survivor, duplicates=[duplicate.pk], user=rep)

    assert Lead.objects.get(pk=lead.pk).converted_contact_id == survivor.pk
    assert ObjectChange.objects.filter(
        object_id=duplicate.pk, action="delete", content_type__model="contact"
    ).get().changes == {"merged_into": [None, survivor.pk]}


def test_mirror_fields_cannot_be_chosen(rep):
    survivor = ContactFactory(owner=rep)
    duplicate = ContactFactory(owner=rep, email="d@x.com")
    with pytest.raises(ValidationError) as refused:
        contact_merge(survivor=survivor, duplicates=[duplicate.pk],
                      fields={"email": duplicate.pk}, user=rep)
    assert refused.value.message_dict == {
        "fields.email": ["This field cannot be chosen in a merge."]}


def test_a_rep_cannot_merge_into_a_teammates_contact_and_nothing_changes(rep, teammate):
    theirs = ContactFactory(owner=teammate)
    mine = ContactFactory(owner=rep)
    emails(mine, ("m@x.com", True))
    with pytest.raises(PermissionDeniedError):
        contact_merge(survivor=theirs, duplicates=[mine.pk], user=rep)
    assert Contact.objects.filter(pk=mine.pk).exists()
    assert list(ContactEmail.objects.filter(contact=mine).values_list("email", flat=True)) == [
        "m@x.com"]
