"""A real SMTP server on loopback that keeps what it receives, for tests that send mail."""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage


@dataclass
class ReceivedMail:
    """One message as the server received it: the envelope's recipients and the message."""

    sender: str
    recipients: list[str]
    message: EmailMessage


@dataclass
class MailCollector:
    """The aiosmtpd handler that keeps every message."""

    received: list[ReceivedMail] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.received.append(ReceivedMail(envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


def free_port() -> int:
    """Return a loopback port nothing listens on (closed again at once)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def smtp_server() -> Iterator[tuple[int, MailCollector]]:
    """Run an SMTP server on a free loopback port; yield the port and what it receives."""
    from aiosmtpd.controller import Controller

    collector = MailCollector()
    controller = Controller(collector, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller.port, collector
    finally:
        controller.stop()
