"""The sandbox payment gateway (sandbox/gateway/server.py: its own WSGI process) for the tests, started with Python
on a free port of 127.0.0.1, and a cardholder's browser on its hosted page: ``requests`` typing a test card there,
as a person would; the card number goes to the sandbox only."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import requests

from tests.processes import end, free_port

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "sandbox" / "gateway" / "server.py"
USER, PASSWORD = "merchant", "test-gateway-password"
FORM = re.compile(r'<form method="post" action="([^"]+)"')


@contextmanager
def running_gateway() -> Iterator[str]:
    """The sandbox's base URL (its ``/payment/rest`` interface is under it) while it runs."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "SANDBOX_GATEWAY_USER": USER, "SANDBOX_GATEWAY_PASSWORD": PASSWORD}
    process = subprocess.Popen([sys.executable, str(SCRIPT), "--port", str(port)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
    try:
        deadline = time.monotonic() + 20
        while not _answers(base):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the sandbox gateway did not start: {process.stderr and process.stderr.read()!r}")
            time.sleep(0.1)
        yield base
    finally:
        end(process)


def _answers(base: str) -> bool:
    try:
        return requests.get(base + "/sandbox/health", timeout=1).ok
    except requests.RequestException:
        return False


def settings(base: str, timeout: float = 2.0) -> dict[str, Any]:
    """The platform's settings for this sandbox: CIB/Edahabia and Visa alike (the credentials as a file would)."""
    gateway = {"url": base + "/payment/rest", "user": USER, "password": PASSWORD, "terminal": "E010900000"}
    return {"PAYMENT_SATIM": gateway, "PAYMENT_BDL_VISA": gateway, "PAYMENT_TIMEOUT": timeout,
            "PAYMENT_POLL_INTERVAL": 0, "PAYMENT_ROUTES": {"*": "satim", "demo/abroad": "bdl_visa"}}  # fmt: skip


def inject(base: str, operation: str, fault: str, times: int = 1, delay: float = 3.0) -> None:
    """The sandbox's next ``operation`` misbehaves: "timeout" (answers after ``delay`` s), "500", "late"."""
    answer = requests.post(base + "/sandbox/faults", json={"operation": operation, "fault": fault, "times": times,
                                                           "delay": delay}, timeout=5)  # fmt: skip
    answer.raise_for_status()


def clear_faults(base: str) -> None:
    """The sandbox is well again: the faults injected and not yet used are dropped."""
    requests.delete(base + "/sandbox/faults", timeout=5).raise_for_status()


def pay_on_hosted_page(form_url: str, card: str | None, code: str = "") -> str:
    """The cardholder on the gateway's page types ``card`` (None: presses Cancel), and the one-time code if the
    card asks for 3-D Secure: the address the gateway sends the browser back to (on the platform)."""
    browser = requests.Session()
    page = browser.get(form_url, timeout=5)
    assert page.status_code == 200, page.text
    found = FORM.search(page.text)
    assert found is not None, page.text
    fields = {"do": "cancel"} if card is None else {"do": "pay", "pan": card, "expiry": "12/30", "cvv": "123",
                                                    "name": "AMINE SAADI"}  # fmt: skip
    answer = browser.post(urljoin(form_url, unescape(found.group(1))), data=fields, allow_redirects=False, timeout=5)
    if answer.status_code == 200:  # the 3-D Secure challenge
        challenge = FORM.search(answer.text)
        assert challenge is not None, answer.text
        target = urljoin(form_url, unescape(challenge.group(1)))
        answer = browser.post(target, data={"otp": code}, allow_redirects=False, timeout=5)
    assert answer.status_code == 303, answer.text
    return str(answer.headers["Location"])
