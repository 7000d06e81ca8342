"""Lead conversion that also creates the opportunity: service, API and the wizard."""

from decimal import Decimal

import pytest
from django.urls import reverse

from clientela.accounts.models import Account
from clientela.contacts.models import Contact
from clientela.core.exceptions import PermissionDeniedError
from clientela.core.testing.api import api_client
from clientela.leads.models import Lead
from clientela.leads.services import lead_convert
from clientela.leads.tests.factories import LeadFactory
from clientela.sales.models import Opportunity, StageChange
from clientela.sales.tests.factories import stage

pytestmark = pytest.mark.django_db


def nothing_written(lead):
    lead.refresh_from_db()
    return (lead.status, Account.objects.count(), Contact.objects.count(),
            Opportunity.all_objects.count(), StageChange.objects.count()) == ("new", 0, 0, 0, 0)


def test_service_creates_the_opportunity_in_the_first_open_stage_with_the_contact(rep):
    lead = LeadFactory(owner=rep, company="Acme", source="trade_show", last_name="Lee")
    result = lead_convert(lead=lead, user=rep, opportunity_data={"amount": Decimal("900")})
    opportunity = result.opportunity
    assert (opportunity.name, opportunity.account, opportunity.stage, opportunity.probability,
            opportunity.lead_source, opportunity.amount, opportunity.owner) == (
        "Acme", result.account, stage("Prospecting"), 10, "trade_show", Decimal("900"), rep)
    assert list(opportunity.contact_roles.values_list("contact", flat=True)) == [
        result.contact.pk]
    assert opportunity.stage_changes.count() == 1


def test_service_without_opportunity_data_creates_none(rep):
    result = lead_convert(lead=LeadFactory(owner=rep, company="Acme"), user=rep)
    assert (result.opportunity, Opportunity.objects.count()) == (None, 0)


def test_service_needs_the_create_grant_on_opportunities(rep):
    rep.role.permissions.filter(module="opportunities").update(can_create=False)
    lead = LeadFactory(owner=rep, company="Acme")
    with pytest.raises(PermissionDeniedError) as refused:
        lead_convert(lead=lead, user=rep, opportunity_data={})
    assert refused.value.field == "opportunity"
    assert nothing_written(lead)


def test_api_convert_with_an_opportunity_answers_its_id(rep):
    lead = LeadFactory(owner=rep, company="Acme", last_name="Lee")
    renewal_due = stage("Renewal due", "Renewals")
    response = api_client(rep).post(f"/api/v1/leads/{lead.pk}/convert/", {
        "opportunity": {"name": "Acme renewal", "stage": renewal_due.pk, "amount": "1200.00",
                        "currency": "usd", "expected_close_date": "2026-09-30"},
    }, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    opportunity = Opportunity.objects.get()
    assert body == {"account": opportunity.account_id, "contact": Contact.objects.get().pk,
                    "opportunity": opportunity.pk}
    assert (opportunity.name, opportunity.pipeline, opportunity.stage, opportunity.currency,
            str(opportunity.expected_close_date)) == (
        "Acme renewal", renewal_due.pipeline, renewal_due, "USD", "2026-09-30")


def test_api_convert_with_null_opportunity_creates_none(rep):
    lead = LeadFactory(owner=rep, company="Acme")
    response = api_client(rep).post(f"/api/v1/leads/{lead.pk}/convert/",
                                    {"opportunity": None}, format="json")
    assert (response.status_code, response.json()["opportunity"]) == (201, None)
    assert Opportunity.objects.count() == 0


@pytest.mark.parametrize(("opportunity", "field"), [
    ({"amount": "-5"}, "opportunity.amount"),
    ({"currency": "EURO"}, "opportunity.currency"),
    ({"stage": 10**9}, "opportunity.stage"),
    ({"pipeline": "new"}, "opportunity.pipeline"),
    ({"probability": 140}, "opportunity.probability"),
    ("a deal", "opportunity"),
])
def test_api_bad_opportunity_input_is_400_naming_it_and_writes_nothing(rep, opportunity, field):
    lead = LeadFactory(owner=rep, company="Acme")
    response = api_client(rep).post(f"/api/v1/leads/{lead.pk}/convert/",
                                    {"opportunity": opportunity}, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"], response.json()
    assert nothing_written(lead)


def test_api_a_stage_of_another_pipeline_is_400_and_writes_nothing(rep):
    lead = LeadFactory(owner=rep, company="Acme")
    response = api_client(rep).post(f"/api/v1/leads/{lead.pk}/convert/", {"opportunity": {
        "pipeline": stage("Prospecting").pipeline_id,
        "stage": stage("Renewal due", "Renewals").pk,
    }}, format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["opportunity.stage"]
    assert nothing_written(lead)


def wizard(lead, **extra):
    return {
        "account_choice": "new", "account_name": lead.company, "contact_choice": "new",
        "contact_first_name": lead.first_name, "contact_last_name": lead.last_name,
        "contact_email": "", "contact_phone": "", **extra,
    }


def test_wizard_creates_the_opportunity_and_opens_it(client, rep):
    lead = LeadFactory(owner=rep, company="Acme")
    client.force_login(rep)
    url = reverse("leads:lead_convert", args=[lead.pk])
    page = client.get(url)
    assert page.context["form"]["opportunity_name"].value() == "Acme"
    response = client.post(url, wizard(
        lead, create_opportunity="on", opportunity_name="Acme pilot",
        opportunity_pipeline=stage("Renewal due", "Renewals").pipeline_id,
        opportunity_amount="300", opportunity_currency="EUR",
        opportunity_close_date="2026-10-01"))
    opportunity = Opportunity.objects.get()
    assert response.status_code == 302
    assert response["Location"] == opportunity.get_absolute_url()
    assert (opportunity.name, opportunity.stage, opportunity.amount) == (
        "Acme pilot", stage("Renewal due", "Renewals"), Decimal("300"))


def test_wizard_without_the_box_creates_no_opportunity(client, rep):
    lead = LeadFactory(owner=rep, company="Acme")
    client.force_login(rep)
    response = client.post(reverse("leads:lead_convert", args=[lead.pk]), wizard(
        lead, opportunity_name="Ignored"))
    assert response.status_code == 302
    assert Opportunity.objects.count() == 0


def test_wizard_shows_bad_opportunity_input_on_its_field_and_writes_nothing(client, rep):
    lead = LeadFactory(owner=rep, company="Acme")
    client.force_login(rep)
    response = client.post(reverse("leads:lead_convert", args=[lead.pk]), wizard(
        lead, create_opportunity="on", opportunity_name="Acme",
        opportunity_currency="E1"))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["opportunity_currency"]
    assert nothing_written(lead)
    assert Lead.objects.get().converted_at is None
