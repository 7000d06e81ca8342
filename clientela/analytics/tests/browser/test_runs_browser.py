"""Starting an analysis from the analytics area in a real Chromium: the button of the empty
area queues a run, and its page follows it to the end.

Celery runs eagerly in tests, so the run is computed as the starting request commits; the run
page then shows its final state, which its polling would otherwise reach within seconds.
"""

import re

import pytest
from playwright.sync_api import expect

from clientela.analytics.models import AnalysisRun
from clientela.core.testing.browser import sign_in

from ..conftest import CUSTOMERS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_manager_runs_the_analysis_and_sees_it_succeed(page, history_accounts, screenshot):
    sign_in(page, "manager")
    page.goto("/analytics/")
    expect(page.get_by_text("No analysis has been run yet.")).to_be_visible()

    page.get_by_role("button", name="Run the analysis now").click()

    page.wait_for_url(re.compile(r"/analytics/runs/\d+/$"))
    run = AnalysisRun.objects.get()
    assert page.url.endswith(f"/analytics/runs/{run.pk}/")
    progress = page.locator("#run-progress")
    expect(progress.locator(".badge")).to_have_text("Succeeded", timeout=15_000)
    expect(progress.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "100")
    expect(progress.locator(".progress-bar")).to_have_text("100%")
    expect(progress.get_by_role("status")).to_contain_text(
        f"{CUSTOMERS} customers classified and valued.")
    # A finished run is no longer polled.
    expect(progress).not_to_have_attribute("hx-trigger", re.compile(".+"))
    screenshot("analytics-01-run-succeeded")

    progress.get_by_role("link", name="Open the results").click()
    page.wait_for_url(re.compile(r"/analytics/$"))
    expect(page.locator("[data-figure='customers']")).to_have_text(str(CUSTOMERS))
