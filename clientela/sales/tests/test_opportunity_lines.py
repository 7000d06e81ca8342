"""Opportunity lines: products that drive the amount, in the API and on the pages."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from clientela.core.testing.api import api_client
from clientela.sales.models import Opportunity, OpportunityLine
from clientela.sales.services.opportunities import opportunity_close
from clientela.sales.tests.factories import OpportunityFactory, ProductFactory, rate, stage

pytestmark = pytest.mark.django_db


@pytest.fixture
def licence(rep):
    return ProductFactory(owner=rep, name="Seat licence", list_price=Decimal("120.00"),
                          tax_rate=Decimal("21"))


def test_lines_drive_the_amount_net_of_discounts_before_tax(rep, licence):
    response = api_client(rep).post("/api/v1/opportunities/", {
        "name": "Seats", "stage": stage("Prospecting").pk, "amount": "1.00",
        "lines": [{"product": licence.pk, "quantity": "10", "discount_percent": "10"},
                  {"description": "Onboarding", "quantity": "2", "unit_price": "350.00"}],
    }, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    # 10 × 120.00 less 10 % = 1,080.00; 2 × 350.00 = 700.00; tax is not part of the deal.
    assert body["amount"] == "1780.00"
    assert [(line["description"], line["line_total"]) for line in body["lines"]] == [
        ("Seat licence", "1306.8000"), ("Onboarding", "700.0000")]


def test_without_lines_the_amount_is_the_one_given_again(rep, licence):
    opportunity = OpportunityFactory(owner=rep)
    client = api_client(rep)
    url = f"/api/v1/opportunities/{opportunity.pk}/"
    client.patch(url, {"lines": [{"product": licence.pk, "quantity": "2"}]}, format="json")
    assert Opportunity.objects.get(pk=opportunity.pk).amount == Decimal("240.00")
    # An amount sent while lines stay is overruled by them...
    client.patch(url, {"amount": "9999.00"}, format="json")
    assert Opportunity.objects.get(pk=opportunity.pk).amount == Decimal("240.00")
    # ...and is the user's again once the lines are gone.
    response = client.patch(url, {"lines": [], "amount": "500.00"}, format="json")
    assert response.json()["amount"] == "500.00"
    assert not OpportunityLine.objects.exists()


def test_changing_the_currency_prices_the_products_again(rep, licence):
    rate("USD", timezone.localdate().isoformat(), "0.800000")
    opportunity = OpportunityFactory(owner=rep, currency="EUR")
    client = api_client(rep)
    url = f"/api/v1/opportunities/{opportunity.pk}/"
    client.patch(url, {"lines": [{"product": licence.pk, "quantity": "1"}]}, format="json")
    body = client.patch(url, {"currency": "USD"}, format="json").json()
    assert (body["currency"], body["amount"], body["lines"][0]["unit_price"]) == (
        "USD", "150.00", "150.0000")


def test_a_bad_line_is_400_naming_it_and_nothing_changes(rep):
    opportunity = OpportunityFactory(owner=rep, amount=Decimal("1000.00"))
    name = opportunity.name
    response = api_client(rep).patch(f"/api/v1/opportunities/{opportunity.pk}/", {
        "name": "Renamed", "lines": [{"description": "Box", "quantity": "0",
                                      "unit_price": "5"}]}, format="json")
    assert response.status_code == 400
    assert "lines[0].quantity" in response.json()["errors"]
    opportunity.refresh_from_db()
    assert (opportunity.name, opportunity.amount) == (name, Decimal("1000.00"))


def test_lines_alone_can_make_an_opportunity_winnable(rep, licence):
    opportunity = OpportunityFactory(owner=rep, amount=None)
    api_client(rep).patch(f"/api/v1/opportunities/{opportunity.pk}/", {
        "lines": [{"product": licence.pk, "quantity": "3"}]}, format="json")
    won = opportunity_close(user=rep, opportunity=Opportunity.objects.get(pk=opportunity.pk),
                            won=True)
    assert (won.status, won.amount) == ("won", Decimal("360.00"))


def test_the_edit_page_saves_lines_and_the_detail_page_lists_them(client, rep, licence):
    opportunity = OpportunityFactory(owner=rep)
    client.force_login(rep)
    response = client.post(reverse("sales:opportunity_edit", args=[opportunity.pk]), {
        "name": opportunity.name, "pipeline": opportunity.pipeline_id,
        "stage": opportunity.stage_id, "currency": "EUR", "amount": "1", "owner": rep.pk,
        "version": opportunity.version,
        "contacts-TOTAL_FORMS": "0", "contacts-INITIAL_FORMS": "0",
        "lines-TOTAL_FORMS": "2", "lines-INITIAL_FORMS": "0",
        "lines-0-product": licence.pk, "lines-0-quantity": "4",
        "lines-1-description": "", "lines-1-quantity": "-1",
    })
    assert response.status_code == 200
    row_errors = response.context["formsets"][1][1].forms[1].errors
    assert "quantity" in row_errors or "description" in row_errors
    response = client.post(reverse("sales:opportunity_edit", args=[opportunity.pk]), {
        "name": opportunity.name, "pipeline": opportunity.pipeline_id,
        "stage": opportunity.stage_id, "currency": "EUR", "amount": "1", "owner": rep.pk,
        "version": opportunity.version,
        "contacts-TOTAL_FORMS": "0", "contacts-INITIAL_FORMS": "0",
        "lines-TOTAL_FORMS": "1", "lines-INITIAL_FORMS": "0",
        "lines-0-product": licence.pk, "lines-0-quantity": "4",
    })
    assert response.status_code == 302
    page = client.get(opportunity.get_absolute_url()).content.decode()
    assert 'id="opportunity-lines"' in page and "Seat licence" in page
    assert "480.00" in page
