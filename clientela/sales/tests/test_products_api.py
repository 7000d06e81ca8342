"""The sales API: the generic suites for products and price books, entries, margins, currencies."""

from decimal import Decimal

import pytest

from clientela.core.testing.api import RecordAPITests, api_client
from clientela.sales.models import Currency, ExchangeRate, PriceBook, Product, ProductCategory
from clientela.sales.tests.factories import PriceBookEntryFactory, PriceBookFactory, ProductFactory
from clientela.users.models import FieldPermission

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("owner_scoped_grants")]


@pytest.fixture
def owner_scoped_grants(db):
    """The generic suite checks own/team/other scopes: give reps the customer modules' grants."""
    from clientela.users.models import RolePermission

    RolePermission.objects.filter(role__slug="sales-rep",
                                  module__in=("products", "price-books")).update(
        view="team", can_create=True, edit="own", delete="own", can_export=True,
    )


class TestProductAPI(RecordAPITests):
    url = "/api/v1/products/"
    factory = ProductFactory
    valid_payload = {"sku": "WID-1", "name": "Widget", "list_price": "10.00", "cost": "4.00",
                     "currency": "EUR", "tags": ["hardware"]}
    update_payload = {"name": "Widget Pro", "list_price": "12.50"}
    wrong_types = ({"list_price": "lots"}, "list_price")
    hidden_field = "description"

    def new_payload(self, index):
        return {**self.valid_payload, "sku": f"WID-{index}"}


class TestPriceBookAPI(RecordAPITests):
    url = "/api/v1/price-books/"
    factory = PriceBookFactory
    valid_payload = {"name": "Retail", "currency": "EUR", "segment": "consumer"}
    update_payload = {"name": "Retail 2026", "segment": "business"}
    wrong_types = ({"is_active": "perhaps"}, "is_active")
    hidden_field = "description"


def test_product_carries_its_margin_unless_the_cost_is_hidden(manager, rep):
    product = ProductFactory(owner=manager, list_price=Decimal("250.00"), cost=Decimal("200.00"))
    body = api_client(manager).get(f"/api/v1/products/{product.pk}/").json()
    assert (body["list_price"], body["cost"], body["margin"], body["margin_percent"],
            body["currency"]) == ("250.00", "200.00", "50.00", "20.0", "EUR")
    FieldPermission.objects.create(role=rep.role, module="products", field="cost",
                                   access="hidden")
    client = api_client(rep)
    for body in (client.get(f"/api/v1/products/{product.pk}/").json(),
                 client.get("/api/v1/products/").json()["results"][0]):
        assert not {"cost", "margin", "margin_percent"} & set(body)
    response = client.patch(f"/api/v1/products/{product.pk}/", {"cost": "1.00"}, format="json")
    assert response.status_code in (400, 403)
    product.refresh_from_db()
    assert product.cost == Decimal("200.00")


def test_duplicate_sku_in_any_case_is_400_naming_sku(manager):
    ProductFactory(owner=manager, sku="ABC-1")
    response = api_client(manager).post("/api/v1/products/", {
        "sku": "abc-1", "name": "Clash", "list_price": "1.00", "currency": "EUR"},
        format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {"sku": ["Another product already has this SKU."]}
    assert Product.objects.count() == 1


@pytest.mark.parametrize(("payload", "field"), [
    ({"list_price": "-0.01"}, "list_price"),
    ({"cost": "-5"}, "cost"),
    ({"tax_rate": "101"}, "tax_rate"),
    ({"currency": "XXX"}, "currency"),
    ({"unit": "barrel"}, "unit"),
])
def test_invalid_product_values_are_400_naming_the_field(manager, payload, field):
    body = {"sku": "P-1", "name": "P", "list_price": "1.00", "currency": "EUR", **payload}
    response = api_client(manager).post("/api/v1/products/", body, format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
    assert not Product.all_objects.exists()


def test_price_book_entries_are_written_whole_and_read_back(manager):
    first, second = ProductFactory(owner=manager), ProductFactory(owner=manager)
    client = api_client(manager)
    response = client.post("/api/v1/price-books/", {
        "name": "Partners", "currency": "USD", "segment": "reseller",
        "entries": [{"product": first.pk, "unit_price": "80.00"},
                    {"product": second.pk, "unit_price": "9.5"}]}, format="json")
    assert response.status_code == 201, response.json()
    book_id = response.json()["id"]
    assert response.json()["entries"] == [
        {"product": first.pk, "unit_price": "80.00"},
        {"product": second.pk, "unit_price": "9.50"},
    ]
    response = client.patch(f"/api/v1/price-books/{book_id}/", {"name": "Partners 2"},
                            format="json")
    assert len(response.json()["entries"]) == 2
    response = client.patch(f"/api/v1/price-books/{book_id}/", {
        "entries": [{"product": second.pk, "unit_price": "7.00"}]}, format="json")
    assert response.json()["entries"] == [{"product": second.pk, "unit_price": "7.00"}]
    listed = client.get("/api/v1/price-books/").json()["results"][0]
    assert listed["entries"] == [{"product": second.pk, "unit_price": "7.00"}]


def test_bad_entries_are_400_naming_the_item_and_write_nothing(manager, outsider):
    product = ProductFactory(owner=manager)
    book = PriceBookFactory(owner=manager)
    PriceBookEntryFactory(price_book=book, product=product, unit_price=Decimal("5.00"))
    client = api_client(manager)
    response = client.patch(f"/api/v1/price-books/{book.pk}/", {
        "name": "Changed", "entries": [{"product": product.pk, "unit_price": "1.00"},
                                       {"product": product.pk, "unit_price": "2.00"}]},
        format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["entries[1].product"]
    response = client.patch(f"/api/v1/price-books/{book.pk}/", {
        "entries": [{"product": product.pk, "unit_price": "-1"}]}, format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["entries[0].unit_price"]
    book.refresh_from_db()
    assert (book.name, book.version) == (PriceBook.objects.get().name, 1)
    assert list(book.entries.values_list("unit_price", flat=True)) == [Decimal("5.00")]


def test_seeded_roles_see_the_catalogue_and_only_managers_change_it(manager, rep, reader):
    RolePermissionReset.restore()
    product = ProductFactory(owner=manager)
    for user in (manager, rep, reader):
        assert api_client(user).get(f"/api/v1/products/{product.pk}/").status_code == 200
    payload = {"sku": "NEW-1", "name": "New", "list_price": "1.00", "currency": "EUR"}
    for user in (rep, reader):
        assert api_client(user).post("/api/v1/products/", payload,
                                     format="json").status_code == 403
        assert api_client(user).patch(f"/api/v1/products/{product.pk}/", {"name": "X"},
                                      format="json").status_code == 403
    assert api_client(manager).post("/api/v1/products/", payload,
                                    format="json").status_code == 201
    assert api_client(manager).patch(f"/api/v1/products/{product.pk}/", {"name": "X"},
                                     format="json").status_code == 200


class RolePermissionReset:
    """Put back the seeded grants the module-wide fixture of this file widened."""

    @staticmethod
    def restore():
        import importlib

        from django.apps import apps

        from clientela.users.models import RolePermission

        RolePermission.objects.filter(module__in=("products", "price-books")).delete()
        importlib.import_module(
            "clientela.sales.migrations.0003_seed_role_grants").seed_grants(apps, None)


def test_everyone_reads_currencies_and_only_admins_write(rep, admin_user):
    response = api_client(rep).get("/api/v1/currencies/")
    assert response.status_code == 200
    results = response.json()["results"]
    assert [item["code"] for item in results] == ["EUR", "CNY", "GBP", "PLN", "USD"]
    assert results[0]["is_base"] is True and results[0]["latest_rate"] == "1"
    usd = next(item for item in results if item["code"] == "USD")
    assert Decimal(usd["latest_rate"]) == (1 / Decimal("1.0321")).quantize(Decimal("1E-10"))
    new = {"code": "chf", "name": "Swiss franc", "symbol": "Fr", "decimal_places": 2}
    assert api_client(rep).post("/api/v1/currencies/", new, format="json").status_code == 403
    response = api_client(admin_user).post("/api/v1/currencies/", new, format="json")
    assert response.status_code == 201, response.json()
    assert Currency.objects.get(pk="CHF").name == "Swiss franc"
    response = api_client(admin_user).post("/api/v1/currencies/", new, format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["code"]


def test_the_base_cannot_be_unset_or_deleted_through_the_api(admin_user):
    client = api_client(admin_user)
    response = client.patch("/api/v1/currencies/EUR/", {"is_base": False}, format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["is_base"]
    assert client.delete("/api/v1/currencies/EUR/").status_code == 400
    assert Currency.objects.get(is_base=True).code == "EUR"
    response = client.patch("/api/v1/currencies/gbp/", {"is_base": True}, format="json")
    assert response.status_code == 200, response.json()
    assert (response.json()["is_base"], response.json()["latest_rate"]) == (True, "1")
    assert Currency.objects.get(is_base=True).code == "GBP"


def test_rates_are_posted_and_listed_by_currency_and_bad_ones_are_400(admin_user, rep):
    client = api_client(admin_user)
    response = client.post("/api/v1/exchange-rates/",
                           {"currency": "USD", "date": "2026-02-01", "rate": "0.9"},
                           format="json")
    assert response.status_code == 201, response.json()
    for payload, field in (
        ({"currency": "USD", "date": "2026-02-01", "rate": "0.8"}, "date"),
        ({"currency": "USD", "date": "2026-03-01", "rate": "0"}, "rate"),
        ({"currency": "USD", "date": "2026-03-01", "rate": "-1"}, "rate"),
        ({"currency": "EUR", "date": "2026-03-01", "rate": "1"}, "currency"),
        ({"currency": "USD", "date": "someday", "rate": "1"}, "date"),
    ):
        response = client.post("/api/v1/exchange-rates/", payload, format="json")
        assert response.status_code == 400, payload
        assert list(response.json()["errors"]) == [field], payload
    assert ExchangeRate.objects.filter(date="2026-03-01").count() == 0
    response = api_client(rep).get("/api/v1/exchange-rates/",
                                   {"currency": "USD", "date__gte": "2025-01-01"})
    body = response.json()
    results = body["results"]
    assert [item["date"] for item in results] == ["2026-02-01", "2025-01-02"]


def test_category_cycle_is_400_naming_parent(admin_user):
    top = ProductCategory.objects.create(name="Hardware")
    child = ProductCategory.objects.create(name="Laptops", parent=top)
    response = api_client(admin_user).patch(f"/api/v1/product-categories/{top.pk}/",
                                            {"parent": child.pk}, format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["parent"]
    top.refresh_from_db()
    assert top.parent_id is None
