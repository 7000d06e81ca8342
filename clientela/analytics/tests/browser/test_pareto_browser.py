"""The Pareto page in a real Chromium: Chart.js draws the curve, the headline says it in
words, and a column header sorts the customers."""

import pytest
from playwright.sync_api import expect

from clientela.analytics.models import CustomerResult
from clientela.core.testing.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Whether the page's canvas holds a Chart.js chart and has been painted at a visible size.
DRAWN = """() => {
  const canvas = document.getElementById("analytics-chart");
  if (!canvas || canvas.chart === undefined || !canvas.width || !canvas.height) { return false; }
  const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  for (let index = 3; index < pixels.length; index += 4) { if (pixels[index]) { return true; } }
  return false;
}"""


def first_customer(page):
    """The customer cell of the table's first row."""
    return page.locator(".analytics-table tbody tr").first.locator("td").nth(1)


def test_the_curve_is_drawn_and_the_table_sorts_by_a_header(page, finished_run, screenshot):
    sign_in(page, "manager")
    page.goto("/analytics/pareto/")
    expect(page.locator("[data-figure='headline']")).to_contain_text(
        "of customers bring")
    page.wait_for_function(DRAWN)
    assert page.evaluate("document.getElementById('analytics-chart').chart.config.type") == "line"
    screenshot("analytics-02-pareto")

    results = CustomerResult.objects.filter(run=finished_run).select_related("account")
    expect(first_customer(page)).to_have_text(results.get(pareto_rank=1).account.name)
    # Revenue ascending: the five lapsed customers bought nothing in the period; the name
    # breaks the tie.
    page.locator(".analytics-table thead").get_by_role("link", name="Revenue").click()
    expect(first_customer(page)).to_have_text("Customer 26")
    expect(page.locator(".analytics-table thead").get_by_label("ascending")).to_have_count(1)
    page.locator(".analytics-table thead").get_by_role("link", name="Revenue").click()
    highest = results.order_by("-revenue", "account__name").first()
    expect(first_customer(page)).to_have_text(highest.account.name)
    expect(page.locator(".analytics-table thead").get_by_label("descending")).to_have_count(1)
