"""The pipeline board in a real Chromium: drag a card, see the totals follow; refusals snap back.

Screenshots go to test-artifacts/screenshots/ for people to look at.
"""

import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from playwright.sync_api import expect

from clientela.core.testing.browser import sign_in
from clientela.core.testing.factories import UserFactory, role
from clientela.sales.models import Opportunity, Stage
from clientela.sales.tests.factories import OpportunityFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seller(transactional_db, seeded_roles, team_east):
    """A sales manager, with the pipelines the flushed database lost seeded again."""
    importlib.import_module("clientela.sales.migrations.0005_seed_pipelines").seed_pipelines(
        apps, None)
    return UserFactory(username="maria", first_name="María", last_name="García",
                       role=role("sales-manager"), team=team_east)


def column(page, name):
    stage = Stage.objects.get(pipeline__name="New business", name=name)
    return page.locator(f".board-column[data-stage='{stage.pk}']")


def drag(page, card, target):
    """Drag `card` onto the list of cards of the column `target`, as a person would."""
    box = card.bounding_box()
    goal = target.locator(".board-cards").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 10)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 + 10, box["y"] + 20, steps=5)
    page.mouse.move(goal["x"] + goal["width"] / 2, goal["y"] + 20, steps=20)
    # SortableJS ignores drag-overs for 30 ms after each move of the placeholder, and an
    # emulated pointer only sends them when it moves: linger over the column like a hand would.
    for nudge in range(3):
        page.wait_for_timeout(80)
        page.mouse.move(goal["x"] + goal["width"] / 2 + nudge, goal["y"] + 22)
    page.mouse.up()


def test_drag_a_card_totals_follow_and_refused_moves_snap_back(page, seller, screenshot):
    def stage(name):
        return Stage.objects.get(pipeline__name="New business", name=name)

    big = OpportunityFactory(owner=seller, name="Acme rollout", amount=Decimal("12000"),
                             expected_close_date="2026-03-31")
    small = OpportunityFactory(owner=seller, name="Beta pilot", amount=Decimal("800"),
                               expected_close_date="2026-04-30")
    OpportunityFactory(owner=seller, name="Gamma licences", amount=Decimal("3000"),
                       stage=stage("Qualification"))
    sign_in(page, "maria")
    page.goto("/opportunities/board/")
    # The cards can be dragged once the board script has bound them.
    page.wait_for_load_state("networkidle")
    prospecting, qualification = column(page, "Prospecting"), column(page, "Qualification")
    expect(prospecting.locator(".board-total")).to_have_text("12,800.00 EUR")
    screenshot("sales-01-board")

    drag(page, prospecting.locator(".board-card", has_text="Acme rollout"), qualification)
    expect(qualification.locator(".board-count")).to_have_text("2")
    expect(qualification.locator(".board-total")).to_have_text("15,000.00 EUR")
    expect(prospecting.locator(".board-total")).to_have_text("800.00 EUR")
    big.refresh_from_db()
    assert (big.stage.name, big.probability, big.version) == ("Qualification", 20, 2)
    screenshot("sales-02-after-drag")

    # Lost needs a reason: the card goes back and the toast says why.
    drag(page, prospecting.locator(".board-card", has_text="Beta pilot"),
         column(page, "Closed lost"))
    expect(page.locator(".toast.show:not(.showing)")).to_contain_text("lost reason",
                                                                     timeout=10_000)
    expect(prospecting.locator(".board-card", has_text="Beta pilot")).to_be_visible()
    expect(column(page, "Closed lost").locator(".board-count")).to_have_text("0")
    screenshot("sales-03-refused-move")
    small.refresh_from_db()
    assert (small.stage.name, small.version) == ("Prospecting", 1)

    # Someone else saved the card meanwhile: the "Move to" menu's move is refused as stale.
    Opportunity.objects.filter(pk=small.pk).update(version=5)
    card = prospecting.locator(".board-card", has_text="Beta pilot")
    card.get_by_role("button", name="Move Beta pilot to…").click()
    # The menu offers every stage but the card's own.
    expect(card.get_by_role("button", name="Qualification")).to_be_visible()
    expect(card.get_by_role("button", name="Prospecting")).to_be_hidden()
    card.get_by_role("button", name="Proposal").click()
    expect(page.locator(".toast.show:not(.showing)").last).to_contain_text("Someone else changed")
    expect(prospecting.locator(".board-card", has_text="Beta pilot")).to_be_visible()
    expect(column(page, "Proposal").locator(".board-count")).to_have_text("0")
    small.refresh_from_db()
    assert small.stage.name == "Prospecting"
    screenshot("sales-04-stale-move")


def test_close_dialog_on_the_detail_page(page, seller, screenshot):
    opportunity = OpportunityFactory(owner=seller, name="Delta upgrade", amount=Decimal("4500"))
    sign_in(page, "maria")
    page.goto(opportunity.get_absolute_url())
    screenshot("sales-05-detail")
    page.get_by_role("button", name="Close").first.click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Lost", exact=True).check()
    dialog.get_by_role("button", name="Close opportunity").click()
    expect(page.locator("#id_reason_error")).to_contain_text("Choose why")
    page.get_by_label("Lost", exact=True).check()
    page.get_by_label("Lost reason").select_option("price")
    page.get_by_label("Detail").fill("Half the price elsewhere.")
    page.get_by_role("button", name="Close opportunity").click()
    expect(page.locator("#opportunity-status")).to_have_text("Lost")
    screenshot("sales-06-closed-lost")
    opportunity.refresh_from_db()
    assert (opportunity.status, opportunity.lost_reason, opportunity.probability) == (
        "lost", "price", 0)
