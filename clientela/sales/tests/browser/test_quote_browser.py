"""A quote in a real Chromium: its priced lines and totals, sent, accepted, turned into an order.

Screenshots go to test-artifacts/screenshots/ for people to look at.
"""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from clientela.core.testing.browser import sign_in
from clientela.sales.models import Order
from clientela.sales.tests.factories import ProductFactory, QuoteFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_quote_is_sent_accepted_and_becomes_an_order(page, admin_user, screenshot):
    router = ProductFactory(owner=admin_user, sku="RT-100", name="Edge router",
                            list_price=Decimal("1250.00"), cost=Decimal("800.00"),
                            tax_rate=Decimal("21"))
    quote = QuoteFactory(owner=admin_user, subject="Branch network", lines=[
        {"product": router.pk, "quantity": "3", "discount_percent": "10"},
        {"description": "Installation", "quantity": "0.5", "unit_price": "95.00",
         "tax_rate": "21"},
    ])
    sign_in(page, "admin")
    page.goto(quote.get_absolute_url())
    # 3 × 1,250.00 less 10 % = 3,375.00 and 47.50 of installation, plus 21 % tax on each line
    # (708.75 and 9.975 rounded half up to 9.98): 4,141.23.
    expect(page.get_by_text("4,141.23 EUR", exact=True)).to_be_visible()
    screenshot("sales-quote-01-draft")

    page.get_by_role("button", name="Mark as sent").click()
    page.get_by_role("button", name="Accept", exact=True).click()
    expect(page.get_by_text("Accepted").first).to_be_visible()
    screenshot("sales-quote-02-accepted")

    page.get_by_role("button", name="Convert to order").click()
    expect(page).to_have_url(Order.objects.get(quote=quote).get_absolute_url())
    screenshot("sales-quote-03-order")
