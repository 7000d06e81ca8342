"""Platform tasks: a real worker answers ping over Redis; the purge task and its schedule."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
import uuid

import pytest
from celery import Celery
from django.utils import timezone

from clientela.config.celery import app as celery_app
from clientela.core.tasks import ping_task, purge_login_failures_task
from clientela.core.testing.services import port_open, require
from clientela.users.models import LoginFailure

REDIS_URL = "redis://127.0.0.1:6379/15"


@pytest.mark.worker
def test_a_real_worker_runs_ping_over_redis(tmp_path):
    require(port_open("127.0.0.1", 6379), "Redis on 127.0.0.1:6379")
    queue = f"test-{uuid.uuid4().hex}"
    env = {**os.environ, "CELERY_BROKER_URL": REDIS_URL, "CELERY_RESULT_BACKEND": REDIS_URL,
           "CLIENTELA_HOME": str(tmp_path),
           "DJANGO_SETTINGS_MODULE": "clientela.config.settings.base"}
    env.pop("DATABASE_URL", None)
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "clientela.config", "worker", "--pool", "solo",
         "--queues", queue, "--hostname", f"{queue}@%h", "--without-gossip",
         "--without-mingle", "--without-heartbeat", "--loglevel", "INFO"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    # A separate client app: the project's app stays eager for the rest of the suite.
    client = Celery("clientela-test-client", broker=REDIS_URL, backend=REDIS_URL,
                    set_as_current=False)
    try:
        result = client.send_task("core.ping", queue=queue)
        assert result.get(timeout=120) == "pong"
        assert result.status == "SUCCESS"
    finally:
        worker.terminate()
        try:
            output, _ = worker.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            output, _ = worker.communicate()
        client.close()
    assert worker.returncode is not None
    assert "core.ping" in output


def test_ping_returns_pong():
    assert ping_task.delay().get(timeout=10) == "pong"


@pytest.mark.django_db
def test_purge_deletes_only_failures_older_than_the_window(settings):
    settings.LOGIN_FAILURE_WINDOW = 900
    old = LoginFailure.objects.create(username="old", address="10.0.0.1")
    recent = LoginFailure.objects.create(username="recent", address="10.0.0.2")
    LoginFailure.objects.filter(pk=old.pk).update(
        at=timezone.now() - datetime.timedelta(seconds=901)
    )
    LoginFailure.objects.filter(pk=recent.pk).update(
        at=timezone.now() - datetime.timedelta(seconds=899)
    )
    assert purge_login_failures_task.delay().get(timeout=10) == 1
    assert list(LoginFailure.objects.values_list("username", flat=True)) == ["recent"]


def test_beat_runs_the_purge_every_hour():
    entry = celery_app.conf.beat_schedule["core.purge_login_failures"]
    assert entry == {"task": "core.purge_login_failures", "schedule": 3600.0}
