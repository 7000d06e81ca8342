"""Celery entry points of the analytics: compute a run, and start the nightly one."""

from __future__ import annotations

from celery import shared_task
from celery.schedules import crontab

from clientela.config.celery import app as celery_app


@shared_task(name="analytics.run_execute")
def run_execute_task(run_id: int) -> str:
    """Compute one queued analysis run; return its final status."""
    from .services import run_execute

    return run_execute(run_id=run_id).status


@shared_task(name="analytics.run_nightly")
def run_nightly_task() -> int | None:
    """Start the nightly run (when the company runs one); return its id."""
    from .services import run_nightly

    run = run_nightly()
    return run.pk if run else None


# At night, after the day's invoices were marked overdue.
celery_app.conf.beat_schedule = {
    **(celery_app.conf.beat_schedule or {}),
    "analytics.run_nightly": {"task": "analytics.run_nightly",
                              "schedule": crontab(hour=2, minute=30)},
}
