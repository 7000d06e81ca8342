"""Platform tasks: a liveness probe for workers and the clean-up of old sign-in failures."""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from clientela.config.celery import app as celery_app

PURGE_LOGIN_FAILURES_EVERY = 3600.0


@shared_task(name="core.ping")
def ping_task() -> str:
    """Return "pong"; a worker that answers is consuming from the broker."""
    return "pong"


@shared_task(name="core.purge_login_failures")
def purge_login_failures_task() -> int:
    """Delete the sign-in failures older than LOGIN_FAILURE_WINDOW; return how many went."""
    from clientela.users.models import LoginFailure

    cutoff = timezone.now() - timedelta(seconds=settings.LOGIN_FAILURE_WINDOW)
    deleted, _ = LoginFailure.objects.filter(at__lt=cutoff).delete()
    return deleted


# Beat imports the task modules before it builds its schedule, so adding the entry here keeps
# the schedule beside the task it runs; a CELERY_BEAT_SCHEDULE setting may override it.
celery_app.conf.beat_schedule = {
    "core.purge_login_failures": {
        "task": "core.purge_login_failures",
        "schedule": PURGE_LOGIN_FAILURES_EVERY,
    },
    **(celery_app.conf.beat_schedule or {}),
}
