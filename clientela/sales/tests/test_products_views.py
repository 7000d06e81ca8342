"""The product and price book pages: the generic suite, plus margins, prices and entries."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from clientela.core.testing.views import RecordViewTests
from clientela.sales.models import PriceBook, PriceBookEntry, Product
from clientela.sales.tests.factories import (
    PriceBookEntryFactory,
    PriceBookFactory,
    ProductCategoryFactory,
    ProductFactory,
)
from clientela.users.models import FieldPermission, RolePermission

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


@pytest.fixture
def owner_scoped_grants(db):
    """Give sales reps the owner/team scopes the generic suites exercise.

    The seeded roles let every rep see the whole catalogue and change none of it; the generic
    suites check the scopes themselves (own, team, other), so they run against the grants the
    customer modules have.
    """
    RolePermission.objects.filter(role__slug="sales-rep",
                                  module__in=("products", "price-books")).update(
        view="team", can_create=True, edit="own", delete="own", can_export=True,
    )


@pytest.mark.usefixtures("owner_scoped_grants")
class TestProductViews(RecordViewTests):
    model = Product
    app = "sales"
    module_slug = "products"
    form_data = {"sku": "WID-1", "name": "Widget", "unit": "piece", "list_price": "10.00",
                 "currency": "EUR", "tax_rate": "21.00", "is_active": True}
    edit_data = {"name": "Widget Pro", "list_price": "12.50"}
    invalid_data = {"list_price": "-1"}
    invalid_field = "list_price"
    bulk_edit_data = {"unit": "hour"}
    hidden_field = "description"
    hidden_value = "Supplier: Hidden Parts Ltd"

    def make(self, user, **fields):
        return ProductFactory(owner=user, description=self.hidden_value, **fields)


@pytest.mark.usefixtures("owner_scoped_grants")
class TestPriceBookViews(RecordViewTests):
    model = PriceBook
    app = "sales"
    module_slug = "price-books"
    form_data = {"name": "Retail", "currency": "EUR", "is_active": True}
    edit_data = {"name": "Retail 2026", "segment": "consumer"}
    invalid_data = {"currency": "XXX"}
    invalid_field = "currency"
    bulk_edit_data = {"segment": "reseller"}
    hidden_field = "description"
    hidden_value = "Negotiated with the buying group"
    extra_form_data = {"entries-TOTAL_FORMS": "0", "entries-INITIAL_FORMS": "0"}

    def make(self, user, **fields):
        return PriceBookFactory(owner=user, description=self.hidden_value, **fields)


def hide_cost(user):
    FieldPermission.objects.create(role=user.role, module="products", field="cost",
                                   access="hidden")


def test_product_detail_shows_prices_with_currency_and_the_margin(client, manager):
    product = ProductFactory(owner=manager, list_price=Decimal("1250.00"),
                             cost=Decimal("800.00"))
    client.force_login(manager)
    response = client.get(product.get_absolute_url())
    pricing = dict(response.context["panels"])["Pricing"]
    cells = {label: cell.text for label, cell in pricing}
    assert cells["List price"] == f"1,250.00{NBSP}EUR"
    assert cells["Cost"] == f"800.00{NBSP}EUR"
    assert cells["Margin"] == f"450.00{NBSP}EUR (36.0 %)"


def test_a_hidden_cost_leaves_no_trace_on_the_product_pages(client, manager, rep):
    product = ProductFactory(owner=manager, list_price=Decimal("1000.00"),
                             cost=Decimal("123.45"))
    hide_cost(rep)
    client.force_login(rep)
    for url in (product.get_absolute_url(),
                reverse("sales:product_history", args=[product.pk]),
                reverse("sales:product_list") + "?columns=cost"):
        content = client.get(url).content.decode()
        assert "123.45" not in content
        assert "876.55" not in content
        assert "Margin" not in content
    response = client.get(reverse("sales:product_export"), {"format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert "cost" not in [header.lower() for header in rows[0]]
    assert "123.45" not in response.content.decode()


def test_duplicate_sku_in_another_letter_case_is_a_field_error(client, manager):
    ProductFactory(owner=manager, sku="ABC-1")
    client.force_login(manager)
    response = client.post(reverse("sales:product_add"), {
        "sku": "abc-1", "name": "Clash", "unit": "piece", "list_price": "1", "currency": "EUR",
        "tax_rate": "0", "owner": manager.pk,
    })
    assert response.status_code == 200
    assert response.context["form"].errors == {"sku": ["Another product already has this SKU."]}
    assert Product.objects.count() == 1


def test_tax_rate_above_100_is_a_field_error(client, manager):
    client.force_login(manager)
    response = client.post(reverse("sales:product_add"), {
        "sku": "T-1", "name": "Taxed", "unit": "piece", "list_price": "1", "currency": "EUR",
        "tax_rate": "100.01", "owner": manager.pk,
    })
    assert list(response.context["form"].errors) == ["tax_rate"]
    assert not Product.objects.exists()


def entries_data(rows, initial=0):
    data = {"entries-TOTAL_FORMS": str(len(rows)), "entries-INITIAL_FORMS": str(initial)}
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"entries-{index}-{name}"] = value
    return data


def test_price_book_page_saves_its_entries_and_records_them_in_history(client, manager):
    first, second = ProductFactory(owner=manager, sku="A-1"), ProductFactory(owner=manager,
                                                                              sku="B-2")
    client.force_login(manager)
    data = {"name": "Partners", "currency": "EUR", "segment": "reseller", "is_active": True,
            "owner": manager.pk,
            **entries_data([{"product": first.pk, "unit_price": "80.00"},
                            {"product": second.pk, "unit_price": "9.50"},
                            {"product": "", "unit_price": ""}])}
    response = client.post(reverse("sales:pricebook_add"), data)
    assert response.status_code == 302, response.context["formsets"]
    book = PriceBook.objects.get()
    assert sorted(book.entries.values_list("product__sku", "unit_price")) == [
        ("A-1", Decimal("80.00")), ("B-2", Decimal("9.50")),
    ]
    edit = client.get(reverse("sales:pricebook_edit", args=[book.pk]))
    formset = dict(edit.context["formsets"])["Prices"]
    assert [row.initial for row in formset.forms[:2]] == [
        {"product": first.pk, "unit_price": Decimal("80.00")},
        {"product": second.pk, "unit_price": Decimal("9.50")},
    ]
    data.update({"version": 1, **entries_data(
        [{"product": first.pk, "unit_price": "75.00"},
         {"product": second.pk, "unit_price": "9.50", "DELETE": "on"}], initial=2)})
    assert client.post(reverse("sales:pricebook_edit", args=[book.pk]), data).status_code == 302
    assert list(book.entries.values_list("product__sku", "unit_price")) == [
        ("A-1", Decimal("75.00")),
    ]
    history = client.get(reverse("sales:pricebook_history", args=[book.pk])).context["history"]
    assert history[0]["rows"] == [
        ("Price book entries", "A-1: 80.00, B-2: 9.50", "A-1: 75.00"),
    ]


def test_a_product_listed_twice_in_a_book_is_an_error_on_the_row(client, manager):
    product = ProductFactory(owner=manager)
    client.force_login(manager)
    data = {"name": "Twice", "currency": "EUR", "is_active": True, "owner": manager.pk,
            **entries_data([{"product": product.pk, "unit_price": "1.00"},
                            {"product": product.pk, "unit_price": "2.00"}])}
    response = client.post(reverse("sales:pricebook_add"), data)
    assert response.status_code == 200
    formset = dict(response.context["formsets"])["Prices"]
    assert formset.forms[1].errors == {
        "product": ["This product is listed twice; a book has one price per product."]
    }
    assert not PriceBook.all_objects.exists()
    assert not PriceBookEntry.objects.exists()


def test_a_negative_unit_price_is_an_error_on_the_row(client, manager):
    product = ProductFactory(owner=manager)
    client.force_login(manager)
    data = {"name": "Neg", "currency": "EUR", "owner": manager.pk,
            **entries_data([{"product": product.pk, "unit_price": "-5"}])}
    response = client.post(reverse("sales:pricebook_add"), data)
    formset = dict(response.context["formsets"])["Prices"]
    assert list(formset.forms[0].errors) == ["unit_price"]
    assert not PriceBook.all_objects.exists()


def test_price_book_and_product_pages_list_each_others_prices(client, manager):
    product = ProductFactory(owner=manager, sku="LIC-1", name="Licence",
                             list_price=Decimal("100.00"))
    book = PriceBookFactory(owner=manager, name="Partners", currency_id="USD")
    PriceBookEntryFactory(price_book=book, product=product, unit_price=Decimal("1234.5"))
    client.force_login(manager)
    prices = client.get(book.get_absolute_url()).context["related"][0]
    assert [[cell.text for cell in row] for row in prices.rows] == [
        ["LIC-1", "Licence", f"1,234.50{NBSP}USD", f"100.00{NBSP}EUR"],
    ]
    books = client.get(product.get_absolute_url()).context["related"][0]
    assert [[cell.text for cell in row] for row in books.rows] == [
        ["Partners", f"1,234.50{NBSP}USD"],
    ]


def test_product_list_filters_by_category_and_searches_sku_and_name(client, manager):
    hardware = ProductCategoryFactory(name="Hardware")
    laptop = ProductFactory(owner=manager, sku="HW-LAP", name="Laptop", category=hardware)
    ProductFactory(owner=manager, sku="SV-HOUR", name="Consulting hour")
    client.force_login(manager)
    rows = client.get(reverse("sales:product_list"), {"category": hardware.pk}).context["rows"]
    assert [record.pk for record, _cells in rows] == [laptop.pk]
    for query in ("hw-lap", "laptop"):
        rows = client.get(reverse("sales:product_list"), {"q": query}).context["rows"]
        assert [record.pk for record, _cells in rows] == [laptop.pk]


def test_account_form_and_page_carry_the_default_price_book(client, manager):
    from clientela.accounts.models import Account

    book = PriceBookFactory(owner=manager, name="Key accounts")
    client.force_login(manager)
    response = client.post(reverse("accounts:account_add"), {
        "name": "Acme", "account_type": "customer", "customer_class": "business",
        "currency": "EUR", "price_book": book.pk, "owner": manager.pk,
    })
    assert response.status_code == 302
    account = Account.objects.get()
    assert account.price_book == book
    panels = dict(client.get(account.get_absolute_url()).context["panels"])
    assert [(label, cell.text) for label, cell in panels["Sales"]] == [
        ("Price book", "Key accounts"),
    ]


def test_products_import_from_a_file_naming_currency_by_code_and_category_by_name(manager):
    from clientela.core.jobs.importing import import_records

    ProductCategoryFactory(name="Services")
    header = ["SKU", "Name", "Category", "Unit", "List price", "Cost", "Currency"]
    rows = [["SV-1", "Consulting", "services", "hour", "120.00", "70.00", "usd"],
            ["SV-2", "Training", "Services", "hour", "90.00", "", "EUR"]]
    mapping = {"SKU": "sku", "Name": "name", "Category": "category", "Unit": "unit",
               "List price": "list_price", "Cost": "cost", "Currency": "currency"}
    created, errors = import_records(model=Product, user=manager, header=header, rows=rows,
                                     mapping=mapping)
    assert errors == []
    assert list(Product.objects.filter(pk__in=created).order_by("sku").values_list(
        "sku", "currency", "category__name", "cost")) == [
        ("SV-1", "USD", "Services", Decimal("70.00")), ("SV-2", "EUR", "Services", None),
    ]
    created, errors = import_records(model=Product, user=manager, header=header,
                                     rows=[["sv-1", "Again", "", "hour", "1", "", "EUR"]],
                                     mapping=mapping)
    assert (created, [(error.row, error.field) for error in errors]) == ([], [(2, "sku")])
