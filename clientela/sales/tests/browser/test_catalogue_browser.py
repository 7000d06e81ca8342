"""The catalogue in a real Chromium: a product with its margin, a price book with its rows.

Screenshots go to test-artifacts/screenshots/ for people to look at.
"""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from clientela.core.testing.browser import sign_in
from clientela.sales.tests.factories import (
    PriceBookEntryFactory,
    PriceBookFactory,
    ProductCategoryFactory,
    ProductFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_product_shows_its_margin_and_a_price_book_its_prices(page, admin_user, screenshot):
    hardware = ProductCategoryFactory(name="Hardware")
    router = ProductFactory(owner=admin_user, sku="RT-100", name="Edge router",
                            category=hardware, list_price=Decimal("1250.00"),
                            cost=Decimal("800.00"), unit="piece")
    ProductFactory(owner=admin_user, sku="SV-001", name="Installation hour",
                   list_price=Decimal("95.00"), cost=Decimal("40.00"), unit="hour")
    book = PriceBookFactory(owner=admin_user, name="Channel partners")
    PriceBookEntryFactory(price_book=book, product=router, unit_price=Decimal("1062.50"))

    sign_in(page, "admin")
    page.goto("/products/")
    expect(page.get_by_role("link", name="Edge router")).to_be_visible()
    screenshot("sales-catalogue-01-products")

    page.get_by_role("link", name="Edge router").click()
    # List price 1,250.00 less cost 800.00: a margin of 450.00, 36 % of the price.
    expect(page.get_by_text("450.00 EUR (36.0 %)", exact=True)).to_be_visible()
    expect(page.get_by_text("SKU", exact=True)).to_be_visible()
    screenshot("sales-catalogue-02-product")

    page.goto(book.get_absolute_url())
    expect(page.get_by_text("1,062.50")).to_be_visible()
    screenshot("sales-catalogue-03-price-book")

    page.get_by_role("link", name="Edit").first.click()
    expect(page.locator("input[value='1062.50']")).to_be_visible()
    screenshot("sales-catalogue-04-price-book-form")
