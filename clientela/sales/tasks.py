"""Celery entry points of sales: expiring quotes past their validity, the daily renewal run
of contracts and the daily overdue run of invoices."""

from __future__ import annotations

from celery import shared_task
from celery.schedules import crontab

from clientela.config.celery import app as celery_app

EXPIRE_QUOTES_EVERY = 3600.0


@shared_task(name="sales.quote_expire")
def quote_expire_task() -> int:
    """Mark the sent quotes past their valid-until date expired; return how many."""
    from .services.quotes import quotes_expire

    return quotes_expire()


@shared_task(name="sales.contract_renewal_reminders")
def contract_renewal_reminders_task() -> dict[str, int]:
    """Run the daily renewal reminders and expiries; return how many of each."""
    from .services.contracts import contract_renewal_reminders

    run = contract_renewal_reminders()
    return {"reminded": len(run.reminded), "expired": len(run.expired)}


@shared_task(name="sales.invoices_mark_overdue")
def invoices_mark_overdue_task() -> int:
    """Mark the open invoices past their due date overdue; return how many."""
    from .services.invoices import invoices_mark_overdue

    return invoices_mark_overdue()


# Beside the tasks they run, as core does. Quotes hourly rather than daily: "today" turns at
# midnight in the site's time zone, whenever the worker started. Contracts early in the
# morning, before people read their mail.
celery_app.conf.beat_schedule = {
    **(celery_app.conf.beat_schedule or {}),
    "sales.quote_expire": {"task": "sales.quote_expire", "schedule": EXPIRE_QUOTES_EVERY},
    "sales.contract_renewal_reminders": {
        "task": "sales.contract_renewal_reminders",
        "schedule": crontab(hour=6, minute=0),
    },
    # Just after midnight, so the day's lists already read what is overdue.
    "sales.invoices_mark_overdue": {
        "task": "sales.invoices_mark_overdue",
        "schedule": crontab(hour=0, minute=5),
    },
}
