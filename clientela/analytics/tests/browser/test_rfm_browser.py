"""The RFM heat map in a real Chromium: a click on a cell narrows the customers to it."""

import re

import pytest
from playwright.sync_api import expect

from clientela.core.testing.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_heat_map_cell_filters_the_table_to_its_customers(page, finished_run, screenshot):
    sign_in(page, "manager")
    page.goto("/analytics/rfm/")
    counts = page.locator("[data-cell-count]")
    expect(counts.first).to_be_visible()
    # The fullest cell, so the filter visibly narrows the thirty customers.
    cells = {cell.get_attribute("data-cell-count"): int(cell.inner_text())
             for cell in counts.all()}
    chosen = max(cells, key=lambda key: (cells[key], key))
    r, fm = chosen.split("-")
    assert 0 < cells[chosen] < sum(cells.values())
    badge = page.locator("#customers-title .badge")
    expect(badge).not_to_have_text(str(cells[chosen]))

    page.locator(f"[data-cell='{chosen}'] a").click()

    page.wait_for_url(re.compile(rf"[?&]r={r}&fm={fm}$"))
    expect(badge).to_have_text(str(cells[chosen]))
    expect(page.locator(f"[data-cell='{chosen}']")).to_have_class(re.compile("border-dark"))
    expect(page.locator("[data-figure='selection']")).to_be_visible()
    rows = page.locator(".analytics-table tbody tr")
    expect(rows).to_have_count(cells[chosen])
    # Every customer listed has the cell's recency score (the table's second column).
    assert set(rows.locator("td:nth-child(2)").all_inner_texts()) == {r}
    screenshot("analytics-03-rfm-cell")
