"""The Celery application, configured from Django's settings (CELERY_* names)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clientela.config.settings.base")

app = Celery("clientela")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Task modules outside an app's top-level `tasks.py`.
app.conf.imports = ["clientela.core.jobs.tasks"]
