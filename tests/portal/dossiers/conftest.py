"""Fixtures of the dossier tests: the app with the dummy hosted plugin."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message


@pytest.fixture
def smtp_server() -> Iterator[list[object]]:
    """A real SMTP server on 127.0.0.1 that keeps what it receives."""
    received: list[object] = []

    class Keep(Message):
        def handle_message(self, message: object) -> None:
            received.append(message)

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Keep(), hostname="127.0.0.1", port=port)
    controller.start()
    received.append(port)
    yield received
    controller.stop()
