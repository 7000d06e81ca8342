"""The lead pages: the generic suite and the conversion wizard."""

import pytest
from django.urls import reverse

from clientela.accounts.models import Account
from clientela.accounts.tests.factories import AccountFactory
from clientela.contacts.models import Contact
from clientela.contacts.tests.factories import ContactFactory
from clientela.core.testing.views import RecordViewTests
from clientela.leads.models import Lead
from clientela.leads.tests.factories import LeadFactory

pytestmark = pytest.mark.django_db


class TestLeadViews(RecordViewTests):
    model = Lead
    app = "leads"
    module_slug = "leads"
    form_data = {"first_name": "Grace", "last_name": "Hopper", "company": "Navy",
                 "status": "new", "source": "web"}
    edit_data = {"status": "in_process", "company": "Navy Labs"}
    invalid_data = {"email": "grace-at-navy"}
    invalid_field = "email"
    bulk_edit_data = {"status": "dead"}
    hidden_field = "mobile"
    hidden_value = "0700 900 123"

    def make(self, user, **fields):
        return LeadFactory(owner=user, mobile=self.hidden_value, **fields)


def convert_url(lead) -> str:
    return reverse("leads:lead_convert", args=[lead.pk])


def test_lead_detail_offers_convert_to_those_who_may_edit_it(client, rep, teammate):
    lead = LeadFactory(owner=rep)
    client.force_login(rep)
    labels = [action.label for action in client.get(lead.get_absolute_url()).context["actions"]]
    assert labels[0] == "Convert"
    client.force_login(teammate)
    labels = [action.label for action in client.get(lead.get_absolute_url()).context["actions"]]
    assert "Convert" not in labels
    assert client.get(convert_url(lead)).status_code == 403


def test_wizard_shows_matching_accounts_and_contacts_the_user_may_see(client, rep, outsider):
    lead = LeadFactory(owner=rep, company="Acme", email="grace@acme.example",
                       first_name="Grace", last_name="Hopper")
    account = AccountFactory(owner=rep, name="Acme")
    AccountFactory(owner=outsider, name="ACME")
    contact = ContactFactory(owner=rep, first_name="Grace", last_name="Hopper")
    client.force_login(rep)
    response = client.get(convert_url(lead))
    assert response.status_code == 200
    form = response.context["form"]
    assert [choice for choice, _label in form.fields["account_choice"].choices] == [
        str(account.pk), "new", "none",
    ]
    assert [choice for choice, _label in form.fields["contact_choice"].choices] == [
        str(contact.pk), "new",
    ]
    assert form["account_name"].value() == "Acme"
    assert form["account_choice"].value() == str(account.pk), "the exact name is preselected"
    assert form["contact_choice"].value() == "new", "a namesake with another email is not"


def test_wizard_preselects_the_contact_with_the_lead_email(client, rep):
    lead = LeadFactory(owner=rep, company="Acme", email="Grace@acme.example")
    contact = ContactFactory(owner=rep, email="grace@acme.example")
    client.force_login(rep)
    form = client.get(convert_url(lead)).context["form"]
    assert form["contact_choice"].value() == str(contact.pk)
    assert form["account_choice"].value() == "new"


def test_converting_into_new_records_redirects_to_the_new_contact(client, rep):
    lead = LeadFactory(owner=rep, company="Acme", email="grace@acme.example",
                       first_name="Grace", last_name="Hopper")
    client.force_login(rep)
    response = client.post(convert_url(lead), {
        "account_choice": "new", "account_name": "Acme Corp", "contact_choice": "new",
        "contact_first_name": "Grace", "contact_last_name": "Hopper",
        "contact_email": "grace@acme.example", "contact_phone": "",
    })
    contact = Contact.objects.get()
    assert response.status_code == 302
    assert response["Location"] == contact.get_absolute_url()
    lead.refresh_from_db()
    assert (lead.status, lead.converted_contact, lead.converted_account.name) == (
        "converted", contact, "Acme Corp",
    )
    assert (contact.email, contact.account.name) == ("grace@acme.example", "Acme Corp")
    detail = client.get(lead.get_absolute_url())
    assert "Convert" not in [action.label for action in detail.context["actions"]]
    assert detail.context["converted_contact_url"] == contact.get_absolute_url()


def test_converting_into_an_existing_account_links_it(client, rep):
    lead = LeadFactory(owner=rep, company="Acme", last_name="Hopper")
    account = AccountFactory(owner=rep, name="Acme")
    client.force_login(rep)
    response = client.post(convert_url(lead), {
        "account_choice": str(account.pk), "contact_choice": "new",
        "contact_last_name": "Hopper",
    })
    assert response.status_code == 302
    assert Account.objects.count() == 1
    assert Contact.objects.get().account == account


def test_converting_twice_is_refused_and_changes_nothing(client, rep):
    lead = LeadFactory(owner=rep, company="Acme", last_name="Hopper")
    client.force_login(rep)
    data = {"account_choice": "none", "contact_choice": "new", "contact_last_name": "Hopper"}
    assert client.post(convert_url(lead), data).status_code == 302
    counts = (Account.objects.count(), Contact.objects.count())
    response = client.post(convert_url(lead), data, follow=True)
    assert response.redirect_chain == [(lead.get_absolute_url(), 302)]
    assert [str(message) for message in response.context["messages"]][-1] == (
        "The lead is already converted."
    )
    assert (Account.objects.count(), Contact.objects.count()) == counts
    assert client.get(convert_url(lead)).status_code == 302


def test_wizard_with_missing_names_shows_field_errors_and_writes_nothing(client, rep):
    lead = LeadFactory(owner=rep, company="Acme", last_name="Hopper")
    client.force_login(rep)
    response = client.post(convert_url(lead), {
        "account_choice": "new", "account_name": " ", "contact_choice": "new",
        "contact_last_name": "",
    })
    assert response.status_code == 200
    assert sorted(response.context["form"].errors) == ["account_name", "contact_last_name"]
    lead.refresh_from_db()
    assert (lead.converted_at, Account.objects.count(), Contact.objects.count()) == (None, 0, 0)


def test_wizard_of_a_lead_the_user_may_not_see_is_404(client, rep, outsider):
    lead = LeadFactory(owner=outsider)
    client.force_login(rep)
    assert client.get(convert_url(lead)).status_code == 404
    assert client.post(convert_url(lead), {"account_choice": "none"}).status_code == 404
    lead.refresh_from_db()
    assert lead.converted_at is None
