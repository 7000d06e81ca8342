"""The pricing rule, branch by branch, and the category hierarchy."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from clientela.accounts.tests.factories import AccountFactory
from clientela.core.exceptions import ApplicationError
from clientela.sales.choices import PriceSource
from clientela.sales.exceptions import NoExchangeRateError
from clientela.sales.models import ProductCategory
from clientela.sales.selectors import unit_price_for
from clientela.sales.services import product_category_delete
from clientela.sales.tests.factories import (
    PriceBookEntryFactory,
    PriceBookFactory,
    ProductCategoryFactory,
    ProductFactory,
    rate,
)

pytestmark = pytest.mark.django_db
DAY = datetime.date(2030, 6, 1)


@pytest.fixture
def product(manager):
    rate("USD", "2030-01-01", "0.8")
    return ProductFactory(owner=manager, list_price=Decimal("100.00"), currency_id="EUR")


def book(manager, product, price, **fields):
    price_book = PriceBookFactory(owner=manager, **fields)
    PriceBookEntryFactory(price_book=price_book, product=product, unit_price=Decimal(price))
    return price_book


def test_without_account_or_books_the_list_price_in_the_products_currency(product):
    assert unit_price_for(product, on_date=DAY) == (Decimal("100.00"), "EUR",
                                                    PriceSource.LIST_PRICE)


def test_list_price_converted_when_no_book_has_the_product(product):
    assert unit_price_for(product, currency="USD", on_date=DAY) == (
        Decimal("125.00"), "USD", PriceSource.LIST_PRICE)
    with pytest.raises(NoExchangeRateError):
        unit_price_for(product, currency="USD", on_date=datetime.date(2019, 1, 1))


def test_the_accounts_default_book_comes_first(manager, product):
    own = book(manager, product, "70.00", name="Key account", currency_id="USD")
    book(manager, product, "80.00", name="Resellers", currency_id="USD", segment="reseller")
    book(manager, product, "90.00", name="General", currency_id="USD")
    account = AccountFactory(owner=manager, customer_class="reseller", price_book=own)
    assert unit_price_for(product, account) == (Decimal("70.00"), "USD",
                                                PriceSource.ACCOUNT_PRICE_BOOK)
    assert unit_price_for(product, account, currency="USD") == (
        Decimal("70.00"), "USD", PriceSource.ACCOUNT_PRICE_BOOK)


def test_an_inactive_default_book_or_one_without_the_product_is_passed_over(manager, product):
    own = book(manager, product, "70.00", currency_id="USD", is_active=False)
    book(manager, product, "80.00", currency_id="USD", segment="reseller")
    account = AccountFactory(owner=manager, customer_class="reseller", currency="USD",
                             price_book=own)
    assert unit_price_for(product, account) == (Decimal("80.00"), "USD",
                                                PriceSource.SEGMENT_PRICE_BOOK)
    empty = PriceBookFactory(owner=manager, currency_id="USD")
    account.price_book = empty
    assert unit_price_for(product, account).source == PriceSource.SEGMENT_PRICE_BOOK


def test_a_default_book_in_another_currency_gives_way_to_the_asked_currency(manager, product):
    own = book(manager, product, "70.00", currency_id="USD")
    account = AccountFactory(owner=manager, price_book=own)
    assert unit_price_for(product, account, currency="EUR", on_date=DAY) == (
        Decimal("100.00"), "EUR", PriceSource.LIST_PRICE)


def test_the_segment_book_then_the_general_book_in_that_currency(manager, product):
    book(manager, product, "95.00", name="Zeta general", currency_id="EUR")
    book(manager, product, "85.00", name="Business", currency_id="EUR", segment="business")
    book(manager, product, "60.00", name="Consumers USD", currency_id="USD",
         segment="consumer")
    business = AccountFactory(owner=manager, customer_class="business", currency="EUR")
    consumer = AccountFactory(owner=manager, customer_class="consumer", currency="EUR")
    assert unit_price_for(product, business) == (Decimal("85.00"), "EUR",
                                                 PriceSource.SEGMENT_PRICE_BOOK)
    assert unit_price_for(product, consumer) == (Decimal("95.00"), "EUR",
                                                 PriceSource.GENERAL_PRICE_BOOK)
    assert unit_price_for(product) == (Decimal("95.00"), "EUR",
                                       PriceSource.GENERAL_PRICE_BOOK)


def test_among_general_books_the_first_by_name_wins_and_deleted_books_never_count(
    manager, product
):
    second = book(manager, product, "91.00", name="B general")
    first = book(manager, product, "92.00", name="A general")
    assert unit_price_for(product).price == Decimal("92.00")
    first.soft_delete(manager)
    assert unit_price_for(product).price == Decimal("91.00")
    second.is_active = False
    second.stamp(manager).save()
    assert unit_price_for(product).source == PriceSource.LIST_PRICE


def test_the_accounts_currency_is_used_when_no_currency_is_asked(manager, product):
    book(manager, product, "120.00", currency_id="USD")
    account = AccountFactory(owner=manager, currency="USD")
    assert unit_price_for(product, account) == (Decimal("120.00"), "USD",
                                                PriceSource.GENERAL_PRICE_BOOK)
    unknown = AccountFactory(owner=manager, currency="XAU")
    assert unit_price_for(product, unknown, on_date=DAY) == (
        Decimal("100.00"), "EUR", PriceSource.LIST_PRICE)


def test_a_category_cannot_sit_under_itself_or_its_descendants():
    top = ProductCategoryFactory(name="Hardware")
    middle = ProductCategoryFactory(name="Computers", parent=top)
    bottom = ProductCategoryFactory(name="Laptops", parent=middle)
    for parent in (top, bottom):
        top.parent = parent
        with pytest.raises(ValidationError) as error:
            top.full_clean()
        assert list(error.value.message_dict) == ["parent"]


def test_category_page_refuses_a_cycle_with_a_clear_message(client, admin_user):
    top = ProductCategoryFactory(name="Software")
    child = ProductCategoryFactory(name="Licences", parent=top)
    client.force_login(admin_user)
    response = client.post(reverse("sales:category_edit", args=[top.pk]),
                           {"name": "Software", "parent": child.pk})
    assert response.status_code == 400
    assert response.context["form"].errors["parent"] == [
        "A category cannot be its own parent or sit under one of its own subcategories."]
    top.refresh_from_db()
    assert top.parent_id is None
    response = client.get(reverse("sales:category_list"))
    assert [(depth, category.name) for depth, category in response.context["tree"]] == [
        (0, "Software"), (1, "Licences")]


def test_a_category_in_use_is_not_deleted(manager):
    category = ProductCategoryFactory(name="Services")
    ProductFactory(owner=manager, category=category)
    with pytest.raises(ApplicationError):
        product_category_delete(category=category)
    empty = ProductCategoryFactory(name="Empty")
    product_category_delete(category=empty)
    assert list(ProductCategory.objects.values_list("name", flat=True)) == ["Services"]
