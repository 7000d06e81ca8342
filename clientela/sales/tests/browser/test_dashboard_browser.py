"""The sales dashboard in a real Chromium: every chart is drawn from Chart.js served by the
app, the performance table sorts by a header, and a range without data says so.

Screenshots go to test-artifacts/screenshots/ for people to look at.
"""

import datetime
import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.utils import timezone
from playwright.sync_api import expect

from clientela.core.testing.browser import sign_in
from clientela.core.testing.factories import UserFactory, role
from clientela.sales.models import ExchangeRate, Opportunity, Stage, StageChange
from clientela.sales.tests.factories import OpportunityFactory, QuotaFactory, rate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHARTS = ("chart-funnel", "chart-revenue", "chart-win-rate", "chart-stage-time",
          "chart-performance")
# Whether a canvas has at least one painted pixel.
PAINTED = """(id) => {
  const canvas = document.getElementById(id);
  if (!canvas || !canvas.chart) { return false; }
  const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  for (let index = 3; index < pixels.length; index += 4) { if (pixels[index]) { return true; } }
  return false;
}"""


@pytest.fixture
def seller(transactional_db, seeded_roles, team_east):
    """A sales manager, with the pipelines and currencies the flushed database lost seeded
    again (the grants are, by `seeded_roles`)."""
    importlib.import_module("clientela.sales.migrations.0005_seed_pipelines").seed_pipelines(
        apps, None)
    return UserFactory(username="maria", first_name="María", last_name="García",
                       role=role("sales-manager"), team=team_east)


def stage(name: str) -> Stage:
    return Stage.objects.get(pipeline__name="New business", name=name)


def moment(text: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.fromisoformat(text), datetime.UTC)


@pytest.fixture
def sales(seller, team_east):
    colleague = UserFactory(username="ana", first_name="Ana", last_name="Ruiz",
                            role=role("sales-rep"), team=team_east, manager=seller)
    ExchangeRate.objects.filter(currency="USD").delete()
    rate("USD", "2020-01-01", "0.9")
    for owner, amount, currency, month, days in (
            (seller, "12000", "EUR", 1, 20), (seller, "8000", "USD", 2, 35),
            (colleague, "3000", "EUR", 2, 12), (colleague, "5000", "EUR", 3, 50),
            (seller, "7000", "EUR", 5, 28)):
        closed = datetime.date(2031, month, 25)
        deal = OpportunityFactory(owner=owner, stage=stage("Closed won"),
                                  amount=Decimal(amount), currency=currency, closed_on=closed)
        Opportunity.objects.filter(pk=deal.pk).update(
            created_at=moment(f"{closed - datetime.timedelta(days=days)}T09:00"))
    OpportunityFactory(owner=colleague, stage=stage("Closed lost"), lost_reason="price",
                       closed_on=datetime.date(2031, 3, 2))
    for owner, name, amount in ((seller, "Negotiation", "20000"), (seller, "Proposal", "9000"),
                                (colleague, "Qualification", "4000"),
                                (colleague, "Prospecting", "2500")):
        deal = OpportunityFactory(owner=owner, stage=stage(name), amount=Decimal(amount))
        StageChange.objects.filter(opportunity=deal).update(
            changed_at=moment("2031-01-05T09:00"))
        if name != "Prospecting":
            StageChange.objects.create(opportunity=deal, from_stage=stage("Prospecting"),
                                       to_stage=stage(name), changed_at=moment("2031-02-14T09:00"))
    for month in range(1, 7):
        QuotaFactory(owner=seller, period_start=datetime.date(2031, month, 1),
                     amount=Decimal("6000"))
        QuotaFactory(owner=colleague, period_start=datetime.date(2031, month, 1),
                     amount=Decimal("2500"))
    return colleague


def test_every_chart_is_drawn_and_the_table_sorts(page, seller, sales, screenshot):
    sign_in(page, "maria")
    page.goto("/sales/dashboard/?from=2031-01&to=2031-06")
    expect(page.locator("[data-figure='won_amount']")).to_have_text("34,200.00\u00a0EUR")
    expect(page.locator("[data-figure='win_rate']")).to_have_text("83.3 %")
    for chart in CHARTS:
        expect(page.locator(f"#{chart}")).to_be_visible()
        page.wait_for_function(PAINTED, arg=chart)
    label = page.locator("#chart-revenue").get_attribute("aria-label")
    assert "2031-02 10,200.00\u00a0EUR / 8,500.00\u00a0EUR" in label
    screenshot("sales-09-dashboard")

    table = page.locator(".dashboard-performance")
    expect(table.locator("tbody tr").first).to_have_attribute("data-user", str(seller.pk))
    table.get_by_role("button", name="Won revenue").click()
    expect(table.locator("tbody tr").first).to_have_attribute("data-user", str(sales.pk))
    expect(table.locator("th").nth(2)).to_have_attribute("aria-sort", "ascending")


def test_a_range_without_data_says_so(page, seller, screenshot):
    sign_in(page, "maria")
    page.goto("/sales/dashboard/?from=2040-01&to=2040-03")
    expect(page.locator(".dashboard-empty")).to_have_count(5)
    expect(page.locator("canvas")).to_have_count(0)
    screenshot("sales-10-dashboard-empty")
