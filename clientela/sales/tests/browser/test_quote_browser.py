"""A quote in a real Chromium: its priced lines and totals, sent, accepted, turned into an
order, invoiced, issued, paid in two payments and, for another order, cancelled.

Screenshots go to test-artifacts/screenshots/ for people to look at.
"""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from clientela.core.testing.browser import sign_in
from clientela.sales.models import Invoice, Order
from clientela.sales.tests.factories import OrderFactory, ProductFactory, QuoteFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_quote_becomes_an_order_then_a_paid_invoice(page, admin_user, screenshot):
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

    page.get_by_role("button", name="Create invoice").click()
    invoice = Invoice.objects.get(order__quote=quote)
    expect(page).to_have_url(invoice.get_absolute_url())
    expect(page.locator("#invoice-status")).to_have_text("Draft")
    page.get_by_role("button", name="Issue").click()
    expect(page.locator("#invoice-status")).to_have_text("Issued")
    invoice.refresh_from_db()
    expect(page.get_by_role("heading", level=1)).to_contain_text(invoice.number)

    payments = page.locator("#payment-form")
    expect(payments.get_by_label("Amount")).to_have_value("4141.23")
    payments.get_by_label("Amount").fill("1000")
    payments.get_by_label("Reference").fill("TX-1001")
    payments.get_by_role("button", name="Record payment").click()
    expect(page.locator("#invoice-status")).to_have_text("Partly paid")
    expect(page.locator("#invoice-balance")).to_have_text("3,141.23 EUR")
    screenshot("sales-invoice-01-partly-paid")
    page.locator("#payment-form").get_by_role("button", name="Record payment").click()
    expect(page.locator("#invoice-status")).to_have_text("Paid")
    expect(page.locator("#payments tbody tr")).to_have_count(2)
    screenshot("sales-invoice-02-paid")


def test_an_issued_invoice_is_cancelled_with_a_credit_note(page, admin_user, screenshot):
    order = OrderFactory(owner=admin_user, subject="Spare parts")
    sign_in(page, "admin")
    page.goto(order.get_absolute_url())
    page.get_by_role("button", name="Create invoice").click()
    page.get_by_role("button", name="Issue").click()
    page.get_by_role("button", name="Cancel with a credit note").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Reason").fill("Ordered twice")
    dialog.get_by_role("button", name="Issue the credit note").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("CN-")
    expect(page.locator("#invoice-total")).to_have_text("-121.00 EUR")
    screenshot("sales-invoice-03-credit-note")
    credited = Invoice.objects.get(order=order, kind="invoice")
    assert credited.status == "cancelled"
