"""Scoring an account's attractiveness on its page with the keyboard alone, in a real
Chromium."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from clientela.analytics.models import AttractivenessScore
from clientela.core.testing.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Enough key presses to cross the panel's heading link and all its fields, not the whole page.
MOST_TABS = 20


def tab_to(page, selector: str) -> None:
    """Press Tab until the element `selector` names has the focus."""
    for _press in range(MOST_TABS):
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} was not reached with {MOST_TABS} presses of Tab")


def test_a_manager_scores_the_first_criterion_with_the_keyboard(page, finished_run,
                                                                 history_accounts, manager,
                                                                 screenshot):
    account = history_accounts[2]
    address = reverse("accounts:account", args=[account.pk])
    sign_in(page, "manager")
    # Following the link to the panel moves the keyboard's starting point there.
    page.goto(f"{address}#attractiveness")
    panel = page.locator("#attractiveness")
    first = panel.locator("select").first
    expect(first).to_have_value("")
    first_id = first.get_attribute("id")

    tab_to(page, f"#{first_id}")
    page.keyboard.type("4")
    expect(first).to_have_value("4")
    tab_to(page, "#attractiveness button[type=submit]")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(rf"{re.escape(address)}#attractiveness$"))
    expect(page.locator("#messages")).to_contain_text(
        f"The attractiveness scores of {account.name} were saved.")
    first = page.locator("#attractiveness select").first
    expect(first).to_have_value("4")
    row = page.locator("#attractiveness tbody tr").first
    expect(row.locator("[data-score-source]")).to_have_attribute("data-score-source", "manual")
    expect(row.locator("[data-score-source]")).to_contain_text(f"by {manager}")
    saved = AttractivenessScore.objects.get(account=account)
    assert (saved.criterion.name, saved.score, saved.scored_by) == ("Sales potential", 4, manager)
    screenshot("analytics-04-attractiveness-scored")
