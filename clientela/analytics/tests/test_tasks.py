"""The analytics' Celery side: the nightly run and the task that computes a run."""

import pytest

from clientela.analytics.choices import RunStatus, RunTrigger
from clientela.analytics.models import AnalysisRun, AnalyticsSettings
from clientela.analytics.services import run_nightly
from clientela.analytics.tasks import run_execute_task, run_nightly_task
from clientela.config.celery import app as celery_app

from .conftest import CUSTOMERS

pytestmark = pytest.mark.django_db


def test_the_nightly_run_is_on_the_beat_schedule():
    entry = celery_app.conf.beat_schedule["analytics.run_nightly"]
    assert entry["task"] == "analytics.run_nightly"
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({2}, {30})


def test_the_nightly_run_starts_unless_turned_off(history_accounts,
                                                  django_capture_on_commit_callbacks):
    settings = AnalyticsSettings.load()
    settings.nightly = False
    settings.save()
    assert run_nightly() is None
    assert not AnalysisRun.objects.exists()
    settings.nightly = True
    settings.save()
    with django_capture_on_commit_callbacks(execute=True):
        run_id = run_nightly_task()
    run = AnalysisRun.objects.get(pk=run_id)
    assert run.trigger == RunTrigger.SCHEDULED and run.created_by is None
    # The committed run went to the worker (eager here) and was computed there.
    assert run.status == RunStatus.SUCCEEDED
    assert run.customers.count() == CUSTOMERS


def test_the_task_reports_the_status_it_left(finished_run):
    assert run_execute_task(finished_run.pk) == RunStatus.SUCCEEDED
