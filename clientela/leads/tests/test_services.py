"""Lead conversion and its matches."""

import pytest
from django.core.exceptions import ValidationError

from clientela.accounts.models import Account
from clientela.accounts.tests.factories import AccountFactory
from clientela.contacts.models import Contact, ContactEmail
from clientela.contacts.tests.factories import ContactFactory
from clientela.core.exceptions import ApplicationError, PermissionDeniedError
from clientela.core.models import ObjectChange
from clientela.leads.choices import LeadErrorCode
from clientela.leads.selectors import lead_conversion_matches
from clientela.leads.services import LeadConversionError, lead_convert
from clientela.leads.tests.factories import LeadFactory

pytestmark = pytest.mark.django_db


def test_conversion_creates_account_and_contact_from_the_lead(rep, team_east):
    lead = LeadFactory(owner=rep, salutation="ms", first_name="Ann", last_name="Lee",
                       company="NewCo", email="ann@newco.example", phone="555",
                       mobile="666", city="Madrid", website="https://newco.example")
    result = lead_convert(lead=lead, user=rep, account_data={"industry": "retail"})
    account, contact = result.account, result.contact
    assert (account.name, account.industry, account.billing_city, account.website,
            account.owner, account.team) == (
        "NewCo", "retail", "Madrid", "https://newco.example", rep, team_east)
    assert (contact.salutation, contact.full_name, contact.email, contact.phone, contact.city,
            contact.account) == ("ms", "Ann Lee", "ann@newco.example", "555", "Madrid", account)
    assert list(contact.phones.values_list("number", "label", "is_primary")) == [
        ("555", "work", True), ("666", "mobile", False)]
    assert list(contact.account_links.values_list("account_id", "is_primary")) == [
        (account.pk, True)]
    lead.refresh_from_db()
    assert (lead.status, lead.converted_account, lead.converted_contact, lead.version) == (
        "converted", account, contact, 2)
    assert lead.converted_at is not None
    assert result.opportunity is None
    actors = set(ObjectChange.objects.values_list("user__username", flat=True))
    assert actors == {"rep"}


def test_no_account_without_company_or_when_not_wanted(rep):
    lead = LeadFactory(owner=rep, last_name="Solo")
    assert lead_convert(lead=lead, user=rep).account is None
    other = LeadFactory(owner=rep, last_name="Corp", company="Corp")
    assert lead_convert(lead=other, user=rep, create_account=False).account is None
    assert Account.objects.count() == 0


def test_existing_contact_is_linked_to_the_existing_account(rep):
    account = AccountFactory(owner=rep, name="Acme")
    primary = AccountFactory(owner=rep, name="Old")
    contact = ContactFactory(owner=rep, last_name="Lee")
    contact.account_links.create(account=primary, is_primary=True)
    lead = LeadFactory(owner=rep, last_name="Lee", company="Acme")
    result = lead_convert(lead=lead, user=rep, account=account, contact=contact)
    assert (result.account, result.contact) == (account, contact)
    assert list(contact.account_links.values_list("account_id", "is_primary")) == [
        (primary.pk, True), (account.pk, False)]
    assert Contact.objects.count() == 1


def test_converted_and_dead_leads_are_refused_and_nothing_changes(rep):
    lead = LeadFactory(owner=rep, last_name="Lee", company="Acme")
    lead_convert(lead=lead, user=rep)
    with pytest.raises(LeadConversionError) as refused:
        lead_convert(lead=lead, user=rep)
    assert refused.value.code == LeadErrorCode.ALREADY_CONVERTED
    dead = LeadFactory(owner=rep, last_name="Gone", company="Gone", status="dead")
    with pytest.raises(LeadConversionError) as refused:
        lead_convert(lead=dead, user=rep)
    assert refused.value.code == LeadErrorCode.DEAD
    assert (Account.objects.count(), Contact.objects.count()) == (1, 1)


def test_records_out_of_reach_are_refused(rep, teammate, outsider):
    hidden_account = AccountFactory(owner=outsider)
    readonly_contact = ContactFactory(owner=teammate)
    lead = LeadFactory(owner=rep, last_name="Lee")
    with pytest.raises(ApplicationError) as refused:
        lead_convert(lead=lead, user=rep, account=hidden_account)
    assert refused.value.field == "account"
    with pytest.raises(ApplicationError) as refused:
        lead_convert(lead=lead, user=rep, contact=readonly_contact)
    assert refused.value.field == "contact"
    with pytest.raises(PermissionDeniedError):
        lead_convert(lead=LeadFactory(owner=teammate, last_name="T"), user=rep)
    lead.refresh_from_db()
    assert lead.status == "new"


def test_invalid_overlay_rolls_everything_back(rep):
    lead = LeadFactory(owner=rep, last_name="Lee", company="Acme")
    with pytest.raises(ValidationError) as refused:
        lead_convert(lead=lead, user=rep, contact_data={"birth_date": "not a date"})
    assert list(refused.value.message_dict) == ["contact.birth_date"]
    with pytest.raises(ApplicationError) as refused:
        lead_convert(lead=lead, user=rep, account_data={"colour": "red"})
    assert refused.value.field == "account.colour"
    assert (Account.objects.count(), Contact.objects.count()) == (0, 0)
    lead.refresh_from_db()
    assert lead.status == "new"


def test_matches_rank_name_before_domain_and_respect_visibility(rep, outsider):
    by_name = AccountFactory(owner=rep, name="acme corp")
    by_domain = AccountFactory(owner=rep, name="Acme Holding", email="info@acme.example")
    AccountFactory(owner=outsider, name="Acme Corp")
    by_email = ContactFactory(owner=rep, last_name="Other", email="")
    ContactEmail.objects.create(contact=by_email, email="ann@acme.example")
    by_full_name = ContactFactory(owner=rep, first_name="Ann", last_name="Lee")
    ContactFactory(owner=outsider, first_name="Ann", last_name="Lee")
    lead = LeadFactory(owner=rep, first_name="ann", last_name="LEE", company="ACME Corp",
                       email="ann@acme.example")
    matches = lead_conversion_matches(lead=lead, user=rep)
    assert matches.accounts == [by_name, by_domain]
    assert matches.contacts == [by_email, by_full_name]


def test_free_mail_domains_do_not_match_accounts(rep):
    AccountFactory(owner=rep, name="Someone", email="x@gmail.com")
    lead = LeadFactory(owner=rep, last_name="Lee", email="ann@gmail.com")
    assert lead_conversion_matches(lead=lead, user=rep).accounts == []
