"""The quadrant charts (BCG, satisfaction × loyalty) in a real Chromium: the points and the
quadrant lines are drawn, and a click in a corner lists that quadrant's customers."""

import re

import pytest
from playwright.sync_api import expect

from clientela.analytics.models import CustomerResult
from clientela.core.testing.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The chart's drawing area, in CSS pixels from the canvas's top left corner.
CHART_AREA = """() => {
  const area = document.getElementById("analytics-chart").chart.chartArea;
  return {left: area.left, top: area.top, right: area.right, bottom: area.bottom};
}"""


def click_corner(page, corner: str) -> None:
    """Click just inside one corner ("top left", "bottom left"...) of the chart's area."""
    page.wait_for_function("() => document.getElementById('analytics-chart').chart")
    area = page.evaluate(CHART_AREA)
    vertical, horizontal = corner.split()
    x = area["right"] - 12 if horizontal == "right" else area["left"] + 12
    y = area["top"] + 12 if vertical == "top" else area["bottom"] - 12
    page.locator("#analytics-chart").click(position={"x": x, "y": y})


def listed_customers(page) -> set[str]:
    """The customers' names in the table's rows (each row links its account)."""
    return {text.strip() for text in
            page.locator(".analytics-table tbody tr a[href^='/accounts/']").all_inner_texts()}


@pytest.mark.parametrize(("chart", "run_fixture", "quadrant", "corner"), [
    # The lapsed customers lost their growth and share.
    ("bcg", "finished_run", "dog", "bottom left"),
    # A lapsed, unsatisfied customer answered the survey.
    ("loyalty", "surveyed_run", "terrorist", "bottom left"),
])
def test_a_click_in_a_corner_lists_that_quadrants_customers(page, request, screenshot, chart,
                                                             run_fixture, quadrant, corner):
    run = request.getfixturevalue(run_fixture)
    expected = {result.account.name for result in CustomerResult.objects.filter(
        run=run, **{f"{chart}_quadrant": quadrant}).select_related("account")}
    assert expected
    sign_in(page, "manager")
    page.goto(f"/analytics/{chart}/")
    screenshot(f"analytics-{chart}")

    click_corner(page, corner)

    page.wait_for_url(re.compile(rf"[?&]quadrant={quadrant}$"))
    expect(page.locator(".analytics-table tbody tr")).to_have_count(len(expected))
    assert listed_customers(page) == expected
