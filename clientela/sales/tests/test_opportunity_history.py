"""An opportunity's history holds its contacts, competitors and lines as well as its fields:
one edit reads as one entry."""

from decimal import Decimal

import pytest

from clientela.accounts.tests.factories import AccountFactory
from clientela.contacts.tests.factories import ContactFactory
from clientela.core.models import ObjectChange
from clientela.core.testing.api import api_client
from clientela.sales.models import Opportunity
from clientela.sales.services.opportunities import opportunity_set_contacts
from clientela.sales.tests.factories import OpportunityFactory, ProductFactory, stage

pytestmark = pytest.mark.django_db


def history(opportunity) -> list[ObjectChange]:
    return list(ObjectChange.objects.filter(object_id=opportunity.pk,
                                            content_type__model="opportunity").order_by("pk"))


def test_an_edit_of_fields_and_related_lists_is_one_entry(rep):
    ann, bob = ContactFactory(owner=rep), ContactFactory(owner=rep)
    rival = AccountFactory(owner=rep, name="Rival")
    seats = ProductFactory(owner=rep, name="Seat", list_price=Decimal("100.00"),
                           tax_rate=Decimal("0"))
    client = api_client(rep)
    created = client.post("/api/v1/opportunities/", {
        "name": "Seats", "stage": stage("Prospecting").pk, "amount": "1.00",
        "contacts": [{"contact": ann.pk, "role": "decision_maker"}],
    }, format="json")
    assert created.status_code == 201, created.json()
    opportunity = Opportunity.objects.get(pk=created.json()["id"])
    [create] = history(opportunity)
    assert create.changes["contact_roles"] == [None, {str(ann.pk): "decision_maker"}]
    assert "competitors" not in create.changes and "lines" not in create.changes

    response = client.patch(f"/api/v1/opportunities/{opportunity.pk}/", {
        "name": "More seats",
        "contacts": [{"contact": bob.pk, "role": "influencer"}],
        "competitors": [rival.pk],
        "lines": [{"product": seats.pk, "quantity": "3"}],
    }, format="json")
    assert response.status_code == 200, response.json()
    [_create, update] = history(opportunity)
    assert update.action == "update" and update.user == rep
    assert update.changes["name"] == ["Seats", "More seats"]
    assert update.changes["contact_roles"] == [{str(ann.pk): "decision_maker"},
                                          {str(bob.pk): "influencer"}]
    assert update.changes["competitors"] == [None, [rival.pk]]
    assert update.changes["lines"] == [None, ["Seat: 3 × 100 +0% = 300"]]


def test_the_history_page_names_the_competitors(client, rep):
    rival = AccountFactory(owner=rep, name="Rival Systems")
    ann = ContactFactory(owner=rep)
    opportunity = OpportunityFactory(owner=rep)
    api_client(rep).patch(f"/api/v1/opportunities/{opportunity.pk}/", {
        "competitors": [rival.pk], "contacts": [{"contact": ann.pk, "role": "influencer"}],
    }, format="json")
    client.force_login(rep)
    page = client.get(f"/opportunities/{opportunity.pk}/history/").content.decode()
    assert "Competitors" in page and "Rival Systems" in page
    assert "Opportunity contacts" in page and f"{ann.pk}: influencer" in page


def test_sending_the_same_related_lists_again_records_nothing(rep):
    ann = ContactFactory(owner=rep)
    opportunity = OpportunityFactory(owner=rep)
    url = f"/api/v1/opportunities/{opportunity.pk}/"
    same = {"contacts": [{"contact": ann.pk, "role": "other"}], "competitors": []}
    api_client(rep).patch(url, same, format="json")
    before = len(history(opportunity))
    response = api_client(rep).patch(url, same, format="json")
    assert response.status_code == 200, response.json()
    assert len(history(opportunity)) == before


def test_contacts_set_alone_are_an_update_of_their_own(rep):
    ann = ContactFactory(owner=rep)
    opportunity = OpportunityFactory(owner=rep)
    before = len(history(opportunity))
    opportunity_set_contacts(opportunity=opportunity, user=rep,
                             contacts=[{"contact": ann.pk, "role": "champion"}])
    entries = history(opportunity)
    assert len(entries) == before + 1
    assert entries[-1].changes == {"contact_roles": [None, {str(ann.pk): "champion"}]}
