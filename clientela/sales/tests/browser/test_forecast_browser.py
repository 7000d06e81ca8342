"""The forecast page in a real Chromium: choosing the subject from the keyboard refreshes the
figures in place, and a figure leads to the opportunities behind it.

Screenshots go to test-artifacts/screenshots/ for people to look at.
"""

import datetime
import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from playwright.sync_api import expect

from clientela.core.testing.browser import sign_in
from clientela.core.testing.factories import UserFactory, role
from clientela.sales.models import Stage
from clientela.sales.tests.factories import OpportunityFactory, QuotaFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seller(transactional_db, seeded_roles, team_east):
    """A sales manager, with the pipelines the flushed database lost seeded again (the
    grants are, by `seeded_roles`)."""
    importlib.import_module("clientela.sales.migrations.0005_seed_pipelines").seed_pipelines(
        apps, None)
    return UserFactory(username="maria", first_name="María", last_name="García",
                       role=role("sales-manager"), team=team_east)


def test_pick_a_team_from_the_keyboard_and_drill_down(page, seller, team_east, screenshot):
    colleague = UserFactory(username="ana", first_name="Ana", last_name="Ruiz",
                            role=role("sales-rep"), team=team_east, manager=seller)
    won = Stage.objects.get(pipeline__name="New business", name="Closed won")
    OpportunityFactory(owner=seller, name="Acme rollout", stage=won, amount=Decimal("12000"),
                       closed_on=datetime.date(2031, 11, 3))
    OpportunityFactory(owner=colleague, name="Beta pilot", stage=won, amount=Decimal("3000"),
                       closed_on=datetime.date(2031, 10, 20))
    QuotaFactory(owner=seller, period_kind="quarter", period_start=datetime.date(2031, 10, 1),
                 amount=Decimal("24000"))
    sign_in(page, "maria")
    page.goto("/forecast/?period=2031-Q4")
    expect(page.locator("[data-figure='closed_won']")).to_have_text("12,000.00\u00a0EUR")
    expect(page.locator("[data-figure='attainment']")).to_have_text("50.0 %")
    screenshot("sales-07-forecast-mine")

    subject = page.get_by_label("Whose forecast")
    subject.focus()
    subject.select_option(label="East")
    expect(page.locator("[data-figure='closed_won']")).to_have_text("15,000.00\u00a0EUR")
    expect(page.locator(".forecast-table tbody tr")).to_have_count(2)
    assert f"subject=team%3A{team_east.pk}" in page.url
    screenshot("sales-08-forecast-team")

    page.locator("[data-figure='closed_won'] a").click()
    expect(page.locator("#record-table tbody tr")).to_have_count(2)
    expect(page.locator("#record-table")).to_contain_text("Beta pilot")
