"""The opportunity pages: the generic suite, the detail page, closing and the related lists."""

import pytest
from django.urls import reverse

from clientela.accounts.tests.factories import AccountFactory
from clientela.contacts.tests.factories import ContactFactory
from clientela.core.testing.views import RecordViewTests
from clientela.sales.models import Opportunity, StageChange
from clientela.sales.tests.factories import OpportunityFactory, stage

pytestmark = pytest.mark.django_db

EMPTY_CONTACTS = {"contacts-TOTAL_FORMS": "0", "contacts-INITIAL_FORMS": "0",
                  "lines-TOTAL_FORMS": "0", "lines-INITIAL_FORMS": "0"}


class TestOpportunityViews(RecordViewTests):
    model = Opportunity
    app = "sales"
    module_slug = "opportunities"
    invalid_data = {"amount": "-1"}
    invalid_field = "amount"
    bulk_edit_data = {"lead_source": "web"}
    hidden_field = "next_step"
    hidden_value = "Send the secret price list"

    form_data = {"name": "Renewal", "currency": "EUR", "amount": "1200.00"}
    edit_data = {"name": "Bigger renewal", "probability": "35"}

    @pytest.fixture(autouse=True)
    def stages(self, db):
        prospecting = stage("Prospecting")
        self.extra_form_data = {"pipeline": prospecting.pipeline_id, "stage": prospecting.pk,
                                **EMPTY_CONTACTS}

    def make(self, user, **fields):
        return OpportunityFactory(owner=user, next_step=self.hidden_value, **fields)


def test_creating_writes_the_first_stage_change_and_defaults_the_probability(client, rep):
    prospecting = stage("Prospecting")
    client.force_login(rep)
    response = client.post(reverse("sales:opportunity_add"), {
        "name": "New deal", "pipeline": prospecting.pipeline_id, "stage": prospecting.pk,
        "currency": "usd", "owner": rep.pk, **EMPTY_CONTACTS,
    })
    assert response.status_code == 302
    opportunity = Opportunity.objects.get()
    assert (opportunity.probability, opportunity.currency, opportunity.status) == (
        10, "USD", "open")
    assert list(StageChange.objects.values_list("from_stage", "to_stage", "changed_by")) == [
        (None, prospecting.pk, rep.pk)]


def test_edit_saves_contacts_with_roles_and_a_stage_change(client, rep):
    opportunity = OpportunityFactory(owner=rep)
    contact = ContactFactory(owner=rep, last_name="Buyer")
    client.force_login(rep)
    proposal = stage("Proposal")
    response = client.post(reverse("sales:opportunity_edit", args=[opportunity.pk]), {
        "name": opportunity.name, "pipeline": proposal.pipeline_id, "stage": proposal.pk,
        "currency": "EUR", "amount": "5000", "probability": "10", "owner": rep.pk,
        "version": opportunity.version,
        "contacts-TOTAL_FORMS": "1", "contacts-INITIAL_FORMS": "0",
        "contacts-0-contact": contact.pk, "contacts-0-role": "economic_buyer",
        "lines-TOTAL_FORMS": "0", "lines-INITIAL_FORMS": "0",
    })
    assert response.status_code == 302, response.context["form"].errors
    opportunity.refresh_from_db()
    # The probability was left as it was, so it follows the new stage.
    assert (opportunity.stage, opportunity.probability) == (proposal, 60)
    assert list(opportunity.contact_roles.values_list("contact", "role")) == [
        (contact.pk, "economic_buyer")]
    assert [change.to_stage.name for change in opportunity.stage_changes.all()] == [
        "Prospecting", "Proposal"]


def test_a_stage_of_another_pipeline_is_refused_on_its_field(client, rep):
    opportunity = OpportunityFactory(owner=rep)
    client.force_login(rep)
    response = client.post(reverse("sales:opportunity_edit", args=[opportunity.pk]), {
        "name": "X", "pipeline": opportunity.pipeline_id, "stage": stage("Renewed", "Renewals").pk,
        "currency": "EUR", "owner": rep.pk, "version": opportunity.version, **EMPTY_CONTACTS,
    })
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["stage"]
    opportunity.refresh_from_db()
    assert (opportunity.name != "X", opportunity.version) == (True, 1)


def test_losing_in_the_edit_form_needs_a_reason(client, rep):
    opportunity = OpportunityFactory(owner=rep)
    client.force_login(rep)
    data = {"name": opportunity.name, "pipeline": opportunity.pipeline_id,
            "stage": stage("Closed lost").pk, "currency": "EUR", "owner": rep.pk,
            "version": opportunity.version, **EMPTY_CONTACTS}
    response = client.post(reverse("sales:opportunity_edit", args=[opportunity.pk]), data)
    assert list(response.context["form"].errors) == ["lost_reason"]
    assert Opportunity.objects.get().status == "open"


def test_detail_shows_contacts_roles_competitors_and_the_stage_history(client, rep, outsider):
    rival = AccountFactory(owner=rep, name="Rival Ltd", account_type="competitor")
    seen = ContactFactory(owner=rep, first_name="", last_name="Seen")
    unseen = ContactFactory(owner=outsider, last_name="Unseen")
    opportunity = OpportunityFactory(owner=rep, contacts=[
        {"contact": seen, "role": "champion"}])
    opportunity.contact_roles.create(contact=unseen, role="user")
    opportunity.competitors.add(rival)
    client.force_login(rep)
    response = client.get(opportunity.get_absolute_url())
    related = {item.title: item for item in response.context["related"]}
    assert [[cell.text for cell in row] for row in related["Contacts"].rows] == [
        ["Seen", "Champion"]]
    assert [row[0].text for row in related["Competitors"].rows] == ["Rival Ltd"]
    assert [entry["stay"].stage.name for entry in response.context["stays"]] == ["Prospecting"]
    assert 'id="close-dialog"' in response.content.decode()


def test_close_dialog_closes_as_lost_with_a_reason(client, rep):
    opportunity = OpportunityFactory(owner=rep)
    client.force_login(rep)
    url = reverse("sales:opportunity_close", args=[opportunity.pk])
    response = client.post(url, {"outcome": "lost", "version": opportunity.version})
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["reason"]
    response = client.post(url, {"outcome": "lost", "reason": "price", "detail": "Too dear",
                                 "closed_on": "2026-03-01", "version": opportunity.version})
    assert response.status_code == 302
    opportunity.refresh_from_db()
    assert (opportunity.status, opportunity.stage.name, opportunity.probability,
            opportunity.lost_reason, opportunity.lost_detail, str(opportunity.closed_on)) == (
        "lost", "Closed lost", 0, "price", "Too dear", "2026-03-01")


def test_close_dialog_refuses_won_without_amount_and_a_stale_version(client, rep):
    opportunity = OpportunityFactory(owner=rep, amount=None)
    client.force_login(rep)
    url = reverse("sales:opportunity_close", args=[opportunity.pk])
    response = client.post(url, {"outcome": "won", "version": opportunity.version})
    assert response.status_code == 400
    assert "amount greater than zero" in response.content.decode()
    response = client.post(url, {"outcome": "lost", "reason": "price", "version": 99})
    assert response.status_code == 409
    opportunity.refresh_from_db()
    assert (opportunity.status, opportunity.version) == ("open", 1)


def test_close_is_403_for_a_teammates_opportunity_and_404_for_an_unseen_one(
    client, rep, teammate, outsider
):
    team = OpportunityFactory(owner=teammate)
    other = OpportunityFactory(owner=outsider)
    client.force_login(rep)
    data = {"outcome": "lost", "reason": "price"}
    assert client.post(reverse("sales:opportunity_close", args=[team.pk]),
                       data).status_code == 403
    assert client.post(reverse("sales:opportunity_close", args=[other.pk]),
                       data).status_code == 404
    assert set(Opportunity.objects.values_list("status", flat=True)) == {"open"}


def test_account_and_contact_pages_list_their_visible_opportunities(client, rep, outsider):
    account = AccountFactory(owner=rep, name="Acme")
    contact = ContactFactory(owner=rep, last_name="Lee")
    OpportunityFactory(owner=rep, name="Seen deal", account=account,
                       contacts=[{"contact": contact, "role": "decision_maker"}])
    hidden = OpportunityFactory(owner=outsider, name="Hidden deal", account=account)
    hidden.contact_roles.create(contact=contact, role="user")
    client.force_login(rep)
    related = {item.title: item for item in
               client.get(account.get_absolute_url()).context["related"]}
    assert [row[0].text for row in related["Opportunities"].rows] == ["Seen deal"]
    related = {item.title: item for item in
               client.get(contact.get_absolute_url()).context["related"]}
    assert [[cell.text for cell in row] for row in related["Opportunities"].rows] == [
        ["Seen deal", "Decision maker", "Prospecting"]]


def test_merging_contacts_involved_in_one_opportunity_keeps_the_survivors_role(rep):
    from clientela.contacts.services import contact_merge

    survivor = ContactFactory(owner=rep, last_name="Lee")
    duplicate = ContactFactory(owner=rep, last_name="Lee")
    both = OpportunityFactory(owner=rep, contacts=[{"contact": survivor, "role": "champion"},
                                                   {"contact": duplicate, "role": "user"}])
    only_duplicate = OpportunityFactory(owner=rep, contacts=[
        {"contact": duplicate, "role": "economic_buyer"}])
    contact_merge(survivor=survivor, duplicates=[duplicate], user=rep)
    assert list(both.contact_roles.values_list("contact", "role")) == [
        (survivor.pk, "champion")]
    assert list(only_duplicate.contact_roles.values_list("contact", "role")) == [
        (survivor.pk, "economic_buyer")]
