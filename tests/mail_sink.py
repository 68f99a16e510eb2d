"""An SMTP server that keeps what it receives, for the tests and the benchmarks: in the test's process
(``mail_server``), or as a process of its own that can be stopped and started again on the same port
(``MailSink``), writing every message it accepts to a journal, so that a message delivered twice shows.

Run alone: ``python -m tests.mail_sink --port 2525 --journal mail.jsonl [--slow 2 --delay 8]``."""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import Message
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message as MessageHandler

from tests.processes import end, free_port

PROJECT_ROOT = Path(__file__).resolve().parent.parent  # not imported from portal: the process starts faster alone
READY_TIMEOUT = 30.0  # seconds aiosmtpd waits for its own server to answer (1 by default: short on a busy machine)


class SlowMailServer(MessageHandler):
    """Keeps what it receives (and writes it to ``journal`` when given); the first ``slow`` recipients are answered
    only after ``delay`` seconds (a sender killed meanwhile has sent nothing: the message's text is never received).
    Each recipient held is noted in the journal as it starts waiting."""

    def __init__(self, slow: int = 0, delay: float = 0.0, journal: Path | None = None) -> None:
        super().__init__()
        self.received: list[Message] = []
        self.slow, self.delay, self.journal = slow, delay, journal
        self._lock = threading.Lock()

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:  # noqa: N802
        if self.slow:
            self.slow -= 1
            self._note({"event": "held", "to": address})
            await asyncio.sleep(self.delay)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    def handle_message(self, message: Message) -> None:
        self.received.append(message)
        self._note({"event": "message", "message_id": str(message["Message-ID"]), "to": str(message["To"]),
                    "subject": str(message["Subject"])})  # fmt: skip

    def _note(self, entry: dict[str, str]) -> None:
        if self.journal is None:
            return
        with self._lock, self.journal.open("a", encoding="utf-8") as journal:
            journal.write(json.dumps(entry, ensure_ascii=False) + "\n")


@contextmanager
def mail_server(handler: SlowMailServer, port: int | None = None) -> Iterator[int]:
    """``handler`` listening on 127.0.0.1 (a free port unless given), in this process; its port."""
    port = port or free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, ready_timeout=READY_TIMEOUT)
    controller.start()
    try:
        yield port
    finally:
        controller.stop()


class MailSink:
    """The SMTP server as a process of its own on one port: stopped (an outage) and started again, slow or not; what
    it accepted, across its restarts, is read from its journal."""

    def __init__(self, folder: Path) -> None:
        self.port, self.journal, self.log = free_port(), folder / "mail.jsonl", folder / "mail-sink.log"
        self.journal.touch()
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, slow: int = 0, delay: float = 0.0) -> None:
        command = [sys.executable, "-m", "tests.mail_sink", "--port", str(self.port), "--journal", str(self.journal),
                   "--slow", str(slow), "--delay", str(delay)]  # fmt: skip
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(command, cwd=PROJECT_ROOT, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + READY_TIMEOUT + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the SMTP sink did not start on port {self.port}: see {self.log}") from None
                time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None:
            end(self.process)
        self.process = None

    def entries(self, event: str = "message") -> list[dict[str, str]]:
        lines = self.journal.read_text(encoding="utf-8").splitlines()
        return [entry for entry in map(json.loads, lines) if entry["event"] == event]

    def deliveries(self) -> Counter[str]:
        """How many times each Message-ID was received (more than once: a duplicate)."""
        return Counter(entry["message_id"] for entry in self.entries())


def main() -> None:
    parser = argparse.ArgumentParser(description="An SMTP server that writes what it receives to a journal.")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--journal", type=Path, required=True)
    parser.add_argument("--slow", type=int, default=0, help="recipients answered only after --delay seconds")
    parser.add_argument("--delay", type=float, default=0.0)
    arguments = parser.parse_args()
    handler = SlowMailServer(arguments.slow, arguments.delay, arguments.journal)
    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    with mail_server(handler, arguments.port):
        stopped.wait()


if __name__ == "__main__":
    main()
