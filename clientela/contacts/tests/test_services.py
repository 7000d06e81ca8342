"""Contact services: channels, account links and consents keep one primary and the mirrors."""

import pytest
from django.core.exceptions import ValidationError

from clientela.accounts.tests.factories import AccountFactory
from clientela.contacts.models import Contact
from clientela.contacts.services import (
    contact_set_accounts,
    contact_set_channels,
    contact_set_consents,
)
from clientela.contacts.tests.factories import ContactFactory
from clientela.core.models import ObjectChange

pytestmark = pytest.mark.django_db


def test_first_item_becomes_primary_when_none_is_marked_and_mirrors_follow(rep):
    contact = ContactFactory(owner=rep)
    contact_set_channels(contact=contact, emails=[{"email": "a@x.com"}, {"email": "b@x.com"}],
                         phones=[{"number": "1"}, {"number": "2", "label": "mobile"}], user=rep)
    stored = Contact.objects.get(pk=contact.pk)
    assert (stored.email, stored.phone) == ("a@x.com", "1")
    assert list(stored.emails.values_list("email", "is_primary")) == [
        ("a@x.com", True), ("b@x.com", False)]
    change = ObjectChange.objects.filter(object_id=contact.pk, action="update").get()
    assert change.changes == {"email": ["", "a@x.com"], "phone": ["", "1"]}
    assert change.user == rep


def test_emptying_a_list_clears_its_mirror_and_none_leaves_it(rep):
    contact = ContactFactory(owner=rep)
    contact_set_channels(contact=contact, emails=[{"email": "a@x.com"}],
                         phones=[{"number": "1"}], user=rep)
    contact_set_channels(contact=contact, emails=[], user=rep)
    stored = Contact.objects.get(pk=contact.pk)
    assert (stored.email, stored.phone, stored.emails.count()) == ("", "1", 0)


def test_invalid_items_raise_naming_them_and_write_nothing(rep):
    contact = ContactFactory(owner=rep)
    contact_set_channels(contact=contact, emails=[{"email": "keep@x.com"}], user=rep)
    with pytest.raises(ValidationError) as refused:
        contact_set_channels(
            contact=contact,
            emails=[{"email": "ok@x.com"}, {"email": "bad"}],
            phones=[{"number": "12ab"}],
            user=rep,
        )
    assert refused.value.message_dict == {
        "emails[1].email": ["Enter a valid email address."],
    }
    with pytest.raises(ValidationError) as refused:
        contact_set_channels(contact=contact, phones=[{"number": "12ab"}], user=rep)
    assert refused.value.message_dict == {"phones[0].number": ["Enter a valid phone number."]}
    stored = Contact.objects.get(pk=contact.pk)
    assert (stored.email, list(stored.emails.values_list("email", flat=True))) == (
        "keep@x.com", ["keep@x.com"])


def test_account_links_keep_one_primary_and_mirror_it(rep):
    acme, beta = AccountFactory(owner=rep), AccountFactory(owner=rep)
    contact = ContactFactory(owner=rep)
    contact_set_accounts(contact=contact, links=[{"account": acme, "role": "buyer"},
                                                 {"account": beta.pk, "is_primary": True}],
                         user=rep)
    stored = Contact.objects.get(pk=contact.pk)
    assert stored.account == beta
    assert list(stored.account_links.values_list("account_id", "role", "is_primary")) == [
        (beta.pk, "other", True), (acme.pk, "buyer", False)]
    contact_set_accounts(contact=stored, links=[], user=rep)
    assert Contact.objects.get(pk=contact.pk).account is None


def test_accounts_the_user_cannot_see_are_refused(rep, outsider):
    hidden = AccountFactory(owner=outsider)
    contact = ContactFactory(owner=rep)
    with pytest.raises(ValidationError) as refused:
        contact_set_accounts(contact=contact, links=[{"account": hidden.pk}], user=rep)
    assert refused.value.message_dict == {"accounts[0].account": ["This account does not exist."]}
    assert contact.account_links.count() == 0


def test_consents_are_one_per_channel_and_logged(rep):
    contact = ContactFactory(owner=rep)
    with pytest.raises(ValidationError) as refused:
        contact_set_consents(contact=contact, consents=[
            {"channel": "email", "status": "opted_in"},
            {"channel": "email", "status": "opted_out"},
        ], user=rep)
    assert list(refused.value.message_dict) == ["consents[1].channel"]
    contact_set_consents(contact=contact, consents=[
        {"channel": "sms", "status": "opted_out", "source": "call"}], user=rep)
    assert list(contact.consents.values_list("channel", "status", "source")) == [
        ("sms", "opted_out", "call")]
    change = ObjectChange.objects.filter(object_id=contact.pk, action="update").get()
    assert change.changes == {"consents": [{}, {"sms": "opted_out"}]}
