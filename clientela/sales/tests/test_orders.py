"""Orders: the generic API and page suites, addresses, shipping, and conversion from a quote."""

from decimal import Decimal

import pytest
from django.urls import reverse

from clientela.accounts.tests.factories import AccountFactory
from clientela.core.exceptions import ApplicationError, PermissionDeniedError
from clientela.core.testing.api import RecordAPITests, api_client
from clientela.core.testing.views import RecordViewTests
from clientela.sales.models import Order, OrderLine
from clientela.sales.services.orders import QuoteAlreadyConvertedError, quote_convert_to_order
from clientela.sales.services.quotes import quote_accept, quote_send
from clientela.sales.tests.factories import OrderFactory, ProductFactory, QuoteFactory

pytestmark = pytest.mark.django_db

ADDRESS = {"billing_street": "1 Main St", "billing_city": "Lyon", "shipping_city": "Porto"}


def accepted_quote(user, **fields):
    quote = QuoteFactory(owner=user, **fields)
    quote_send(user=user, quote=quote)
    return quote_accept(user=user, quote=quote)


class TestOrderAPI(RecordAPITests):
    url = "/api/v1/orders/"
    factory = OrderFactory
    update_payload = {"subject": "Spring order", "description": "Deliver to gate 4"}
    wrong_types = ({"order_date": "yesterday"}, "order_date")
    hidden_field = "description"

    @pytest.fixture(autouse=True)
    def payload(self, rep):
        account = AccountFactory(owner=rep)
        self.valid_payload = {
            "subject": "Order", "account": account.pk, "tags": ["q3"],
            "lines": [{"description": "Setup", "quantity": "1", "unit_price": "10.00"}],
        }


class TestOrderViews(RecordViewTests):
    model = Order
    app = "sales"
    module_slug = "orders"
    form_data = {"subject": "Order", "currency": "EUR", "order_date": "2026-03-02",
                 "shipping_status": "pending"}
    edit_data = {"subject": "Revised order"}
    invalid_data = {"order_date": "soon"}
    invalid_field = "order_date"
    bulk_edit_data = {"shipping_status": "shipped"}
    hidden_field = "description"
    hidden_value = "Leave at the back door"

    @pytest.fixture(autouse=True)
    def account(self, db, manager):
        account = AccountFactory(owner=manager)
        self.extra_form_data = {
            "account": account.pk, "lines-TOTAL_FORMS": "1", "lines-INITIAL_FORMS": "0",
            "lines-0-description": "Setup", "lines-0-quantity": "1", "lines-0-unit_price": "10",
        }

    def make(self, user, **fields):
        return OrderFactory(owner=user, description=self.hidden_value, **fields)


def test_a_new_order_takes_the_accounts_addresses(rep):
    account = AccountFactory(owner=rep, **ADDRESS)
    response = api_client(rep).post("/api/v1/orders/", {
        "subject": "Order", "account": account.pk,
        "lines": [{"description": "Box", "quantity": "1", "unit_price": "3"}],
    }, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["billing_street"], body["billing_city"], body["shipping_city"]) == (
        "1 Main St", "Lyon", "Porto")


def test_shipping_sets_the_shipped_date_and_a_pending_order_has_none(rep):
    order = OrderFactory(owner=rep)
    client = api_client(rep)
    body = client.patch(f"/api/v1/orders/{order.pk}/", {"shipping_status": "shipped"},
                        format="json").json()
    assert body["shipped_on"] is not None
    response = client.patch(f"/api/v1/orders/{order.pk}/", {"shipping_status": "pending"},
                            format="json")
    assert (response.status_code, list(response.json()["errors"])) == (400, ["shipped_on"])


def test_a_bad_order_line_is_400_naming_it(rep):
    order = OrderFactory(owner=rep)
    response = api_client(rep).patch(f"/api/v1/orders/{order.pk}/", {
        "lines": [{"description": "X", "quantity": "1", "unit_price": "1"},
                  {"description": "Y", "quantity": "0", "unit_price": "1"}],
    }, format="json")
    assert (response.status_code, list(response.json()["errors"])) == (400, ["lines[1].quantity"])
    assert list(order.lines.values_list("description", flat=True)) == ["Consulting"]


def test_converting_an_accepted_quote_copies_it_once(rep):
    product = ProductFactory(owner=rep, cost=Decimal("20.00"))
    account = AccountFactory(owner=rep, **ADDRESS)
    quote = accepted_quote(rep, account=account, lines=[
        {"product": product.pk, "quantity": "3", "unit_price": "0.335", "tax_rate": "21"},
        {"description": "Fitting", "quantity": "1", "unit_price": "40",
         "discount_percent": "10"}])
    client = api_client(rep)
    response = client.post(f"/api/v1/quotes/{quote.pk}/convert-to-order/", format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    order = Order.objects.get(pk=body["id"])
    assert (body["quote"], body["account"], body["total"], body["shipping_city"]) == (
        quote.pk, account.pk, "37.2200", "Porto")
    assert [(line["description"], line["line_total"]) for line in body["lines"]] == [
        (product.name, "1.2200"), ("Fitting", "36.0000")]
    assert OrderLine.objects.get(order=order, product=product).unit_cost == Decimal("20.00")
    again = client.post(f"/api/v1/quotes/{quote.pk}/convert-to-order/", format="json")
    assert (again.status_code, again.json()["code"]) == (409, "already_converted")
    assert Order.objects.count() == 1


def test_a_quote_not_accepted_cannot_become_an_order(rep):
    quote = QuoteFactory(owner=rep)
    response = api_client(rep).post(f"/api/v1/quotes/{quote.pk}/convert-to-order/",
                                    format="json")
    assert (response.status_code, response.json()["code"]) == (400, "quote_not_accepted")
    assert Order.objects.count() == 0


def test_converting_needs_the_create_grant_of_orders(rep, reader):
    quote = accepted_quote(rep)
    with pytest.raises(PermissionDeniedError):
        quote_convert_to_order(quote=quote, user=reader)
    response = api_client(reader).post(f"/api/v1/quotes/{quote.pk}/convert-to-order/",
                                       format="json")
    assert response.status_code == 403
    assert Order.objects.count() == 0


def test_an_invisible_quote_is_404(rep, outsider):
    quote = accepted_quote(outsider)
    response = api_client(rep).post(f"/api/v1/quotes/{quote.pk}/convert-to-order/",
                                    format="json")
    assert response.status_code == 404


def test_an_order_in_the_recycle_bin_still_counts_as_the_quotes(rep):
    quote = accepted_quote(rep)
    quote_convert_to_order(quote=quote, user=rep).soft_delete(rep)
    with pytest.raises(QuoteAlreadyConvertedError):
        quote_convert_to_order(quote=quote, user=rep)


def test_the_quote_page_converts_and_then_links_to_the_order(client, rep):
    quote = accepted_quote(rep)
    client.force_login(rep)
    assert 'id="convert-button"' in client.get(quote.get_absolute_url()).content.decode()
    response = client.post(reverse("sales:quote_convert", args=[quote.pk]))
    order = Order.objects.get(quote=quote)
    assert response["Location"] == order.get_absolute_url()
    page = client.get(quote.get_absolute_url()).content.decode()
    assert 'id="order-link"' in page and 'id="convert-button"' not in page
    assert client.get(order.get_absolute_url()).status_code == 200


def test_converting_a_draft_from_the_page_says_why_and_makes_nothing(client, rep):
    quote = QuoteFactory(owner=rep)
    client.force_login(rep)
    response = client.post(reverse("sales:quote_convert", args=[quote.pk]), follow=True)
    assert "Only an accepted quote becomes an order." in response.content.decode()
    assert Order.objects.count() == 0


def test_service_refuses_a_draft(rep):
    with pytest.raises(ApplicationError):
        quote_convert_to_order(quote=QuoteFactory(owner=rep), user=rep)


def test_the_quote_page_links_its_order_only_to_who_may_see_it(client, rep):
    from clientela.users.models import RolePermission

    quote = accepted_quote(rep)
    quote_convert_to_order(quote=quote, user=rep)
    RolePermission.objects.filter(role=rep.role, module="orders").update(view="none")
    client.force_login(rep)
    page = client.get(quote.get_absolute_url()).content.decode()
    assert 'id="order-link"' not in page and 'id="convert-button"' not in page
