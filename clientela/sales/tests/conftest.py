"""Fixtures of the sales tests: a real SMTP server on loopback, and one that is down."""

import pytest

from clientela.core.testing.smtp import free_port, smtp_server


@pytest.fixture
def smtp(settings):
    """A real SMTP server on loopback that Django's SMTP backend sends to."""
    with smtp_server() as (port, collector):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = port
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_HOST_USER = ""
        settings.DEFAULT_FROM_EMAIL = "sales@clientela.example"
        yield collector


@pytest.fixture
def closed_smtp(settings):
    """Django's SMTP backend pointed at a loopback port nothing listens on."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()
    settings.EMAIL_TIMEOUT = 5
