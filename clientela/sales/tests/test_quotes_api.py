"""The quotes API: the generic suite, nested lines with their totals, and the status verbs."""

from decimal import Decimal

import pytest

from clientela.accounts.tests.factories import AccountFactory
from clientela.core.testing.api import RecordAPITests, api_client
from clientela.sales.models import Quote, QuoteLine
from clientela.sales.tests.factories import ProductFactory, QuoteFactory

pytestmark = pytest.mark.django_db


class TestQuoteAPI(RecordAPITests):
    url = "/api/v1/quotes/"
    factory = QuoteFactory
    update_payload = {"subject": "Revised offer", "terms": "Net 30"}
    wrong_types = ({"valid_until": "soon"}, "valid_until")
    hidden_field = "terms"

    @pytest.fixture(autouse=True)
    def payload(self, rep):
        account = AccountFactory(owner=rep)
        self.valid_payload = {
            "subject": "Offer", "account": account.pk, "tags": ["q3"],
            "lines": [{"description": "Setup", "quantity": "1", "unit_price": "10.00"}],
        }


def test_create_computes_rounded_lines_and_totals(rep):
    account = AccountFactory(owner=rep)
    response = api_client(rep).post("/api/v1/quotes/", {
        "subject": "Small parts", "account": account.pk, "currency": "EUR",
        "lines": [
            {"description": "Washer", "quantity": "3", "unit_price": "0.335", "tax_rate": "21"},
            {"description": "Bolt", "quantity": "10", "unit_price": "2.50",
             "discount_percent": "10", "tax_rate": "21"},
            {"description": "Nut", "quantity": "4", "unit_price": "5.00",
             "discount_amount": "1.50"},
        ],
    }, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    amounts = [(line["line_subtotal"], line["line_discount"], line["line_tax"],
                line["line_total"]) for line in body["lines"]]
    assert amounts == [
        ("1.0100", "0.0000", "0.2100", "1.2200"),
        ("25.0000", "2.5000", "4.7300", "27.2300"),
        ("20.0000", "1.5000", "0.0000", "18.5000"),
    ]
    assert (body["subtotal"], body["discount_total"], body["tax_total"], body["total"]) == (
        "46.0100", "4.0000", "4.9400", "46.9500")
    assert body["status"] == "draft"


def test_unit_price_and_tax_default_from_the_product(rep):
    product = ProductFactory(owner=rep, list_price=Decimal("80.00"), tax_rate=Decimal("7"),
                             cost=Decimal("30.00"), name="Licence")
    account = AccountFactory(owner=rep)
    response = api_client(rep).post("/api/v1/quotes/", {
        "subject": "Licences", "account": account.pk,
        "lines": [{"product": product.pk, "quantity": "2"}],
    }, format="json")
    assert response.status_code == 201, response.json()
    line = response.json()["lines"][0]
    assert (line["description"], line["unit_price"], line["tax_rate"], line["line_total"]) == (
        "Licence", "80.0000", "7.00", "171.2000")
    assert QuoteLine.objects.get().unit_cost == Decimal("30.00")


@pytest.mark.parametrize(("line", "field"), [
    ({"description": "X", "quantity": "0", "unit_price": "1"}, "lines[1].quantity"),
    ({"description": "X", "quantity": "-2", "unit_price": "1"}, "lines[1].quantity"),
    ({"description": "X", "quantity": "many", "unit_price": "1"}, "lines[1].quantity"),
    ({"description": "X", "quantity": "1"}, "lines[1].unit_price"),
    ({"quantity": "1", "unit_price": "1"}, "lines[1].description"),
    ({"description": "X", "quantity": "1", "unit_price": "1", "discount_percent": "5",
      "discount_amount": "1"}, "lines[1].discount_amount"),
    ({"description": "X", "quantity": "1", "unit_price": "1", "discount_percent": "101"},
     "lines[1].discount_percent"),
    ({"description": "X", "quantity": "1", "unit_price": "1", "discount_amount": "2"},
     "lines[1].discount_amount"),
    ({"description": "X", "quantity": "1", "unit_price": "1", "tax_rate": "-1"},
     "lines[1].tax_rate"),
    ({"product": 10**9, "quantity": "1"}, "lines[1].product"),
])
def test_bad_line_is_400_naming_the_line_and_field_and_writes_nothing(rep, line, field):
    account = AccountFactory(owner=rep)
    response = api_client(rep).post("/api/v1/quotes/", {
        "subject": "Offer", "account": account.pk,
        "lines": [{"description": "Fine", "quantity": "1", "unit_price": "1"}, line],
    }, format="json")
    assert response.status_code == 400, response.json()
    assert field in response.json()["errors"]
    assert (Quote.all_objects.count(), QuoteLine.objects.count()) == (0, 0)


def test_an_account_the_user_cannot_see_is_400(rep, outsider):
    hidden = AccountFactory(owner=outsider)
    response = api_client(rep).post("/api/v1/quotes/", {"subject": "Offer",
                                                        "account": hidden.pk}, format="json")
    assert (response.status_code, list(response.json()["errors"])) == (400, ["account"])


def test_patching_lines_replaces_them_and_logs_the_change(rep):
    quote = QuoteFactory(owner=rep)
    response = api_client(rep).patch(f"/api/v1/quotes/{quote.pk}/", {
        "lines": [{"description": "Training", "quantity": "1.5", "unit_price": "100"}],
    }, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["total"] == "150.0000"
    assert list(quote.lines.values_list("description", flat=True)) == ["Training"]
    history = api_client(rep).get(f"/api/v1/quotes/{quote.pk}/history/").json()
    assert any("lines" in entry["changes"] for entry in history["results"])


def test_totals_are_read_only(rep):
    quote = QuoteFactory(owner=rep)
    api_client(rep).patch(f"/api/v1/quotes/{quote.pk}/", {"total": "1.00"}, format="json")
    quote.refresh_from_db()
    assert quote.total == Decimal("121.00")


def test_send_then_accept_and_an_accepted_quote_is_final(rep):
    quote = QuoteFactory(owner=rep)
    client = api_client(rep)
    response = client.post(f"/api/v1/quotes/{quote.pk}/accept/", format="json")
    assert (response.status_code, response.json()["code"]) == (400, "not_sent")
    assert client.post(f"/api/v1/quotes/{quote.pk}/send/", format="json").json()[
        "status"] == "sent"
    response = client.post(f"/api/v1/quotes/{quote.pk}/accept/", format="json")
    assert (response.status_code, response.json()["status"]) == (200, "accepted")
    response = client.patch(f"/api/v1/quotes/{quote.pk}/", {"subject": "Changed"},
                            format="json")
    assert (response.status_code, response.json()["code"]) == (400, "accepted_is_final")
    assert client.delete(f"/api/v1/quotes/{quote.pk}/").status_code == 400
    quote.refresh_from_db()
    assert quote.subject != "Changed" and quote.deleted_at is None


def test_verbs_with_a_stale_version_are_409_and_change_nothing(rep):
    quote = QuoteFactory(owner=rep)
    response = api_client(rep).post(f"/api/v1/quotes/{quote.pk}/send/", format="json",
                                     headers={"If-Match": f'"{quote.version - 1}"'})
    assert response.status_code == 409
    quote.refresh_from_db()
    assert quote.status == "draft"


def test_verbs_on_an_invisible_quote_are_404_and_on_a_teammates_403(rep, teammate, outsider):
    hidden, shared = QuoteFactory(owner=outsider), QuoteFactory(owner=teammate)
    client = api_client(rep)
    assert client.post(f"/api/v1/quotes/{hidden.pk}/send/", format="json").status_code == 404
    assert client.post(f"/api/v1/quotes/{shared.pk}/send/", format="json").status_code == 403
    assert set(Quote.objects.values_list("status", flat=True)) == {"draft"}


def test_the_bulk_api_cannot_delete_an_accepted_quote(rep):
    quote = QuoteFactory(owner=rep)
    client = api_client(rep)
    client.post(f"/api/v1/quotes/{quote.pk}/send/", format="json")
    client.post(f"/api/v1/quotes/{quote.pk}/accept/", format="json")
    response = client.delete("/api/v1/quotes/bulk/", {"ids": [quote.pk]}, format="json")
    assert response.status_code == 400
    assert Quote.objects.filter(pk=quote.pk).exists()
