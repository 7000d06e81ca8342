"""A list's filter panel in a real Chromium: fetched when it first opens, filled in from the
list's filters, and applying it narrows the table in place."""

import re

import pytest
from playwright.sync_api import expect

from clientela.accounts.choices import AccountType
from clientela.accounts.tests.factories import AccountFactory
from clientela.core.testing.browser import sign_in
from clientela.core.testing.factories import UserFactory, role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def accounts(transactional_db, team_east):
    seller = UserFactory(username="maria", role=role("sales-manager"), team=team_east)
    for number in range(3):
        AccountFactory(owner=seller, name=f"Customer {number}", account_type=AccountType.CUSTOMER)
    for number in range(2):
        AccountFactory(owner=seller, name=f"Partner {number}", account_type=AccountType.PARTNER)
    return seller


def test_the_panel_loads_when_opened_and_narrows_the_list(page, accounts, screenshot):
    sign_in(page, "maria")
    page.goto("/accounts/?sort=name")
    rows = page.locator("#record-table tbody tr")
    expect(rows).to_have_count(5)
    assert page.locator("#filters select").count() == 0  # not fetched before it is opened

    page.get_by_role("button", name="Filters").click()
    kind = page.locator("#filters").get_by_label("Type", exact=True)
    expect(kind).to_be_visible()
    expect(page.locator("#filters")).not_to_have_class(re.compile("showing"))  # slid in
    screenshot("filters-panel")
    kind.select_option("partner")
    page.locator("#filters").get_by_role("button", name="Apply").click()

    page.wait_for_url(re.compile(r"account_type=partner"))
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Partner 0")
    # Opened afresh on the filtered address, the panel shows the filter in force.
    page.reload()
    page.get_by_role("button", name="Filters").click()
    expect(page.locator("#filters").get_by_label("Type", exact=True)).to_have_value("partner")
