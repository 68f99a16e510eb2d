"""The sandbox funds (``python -m sandbox.funds``) started as a process of their own on a free port of 127.0.0.1, and
the test-only controls they expose: the codes they "sent", the faults to inject, the calls they received."""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema_rs
import requests
import yaml

from tests.processes import end, free_port

ROOT = Path(__file__).resolve().parent.parent
OPENAPI = ROOT / "sandbox" / "funds" / "openapi"


class Sandbox:
    """The running sandbox at ``url``; ``fund_url(code)`` is where a fund's interface lives."""

    def __init__(self, url: str) -> None:
        self.url = url

    def fund_url(self, fund: str) -> str:
        return f"{self.url}/{fund}/v1"

    def last_code(self, phone: str) -> str:
        messages = requests.get(f"{self.url}/_sandbox/outbox", timeout=5).json()["messages"]
        codes = [message["code"] for message in messages if message["phone"] == phone]
        assert codes, f"no code sent to {phone}: {messages}"
        return str(codes[-1])

    def fault(self, fund: str, mode: str, seconds: float = 0, times: int | None = None) -> None:
        body: dict[str, Any] = {"mode": mode, "seconds": seconds, "times": times}
        requests.put(f"{self.url}/_sandbox/faults/{fund}", json=body, timeout=5).raise_for_status()

    def clear(self) -> None:
        requests.delete(f"{self.url}/_sandbox/faults", timeout=5).raise_for_status()

    def calls(self, fund: str) -> int:
        return int(requests.get(f"{self.url}/_sandbox/calls", timeout=5).json().get(fund, 0))

    def payments(self) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = requests.get(f"{self.url}/_sandbox/payments", timeout=5).json()["payments"]
        return found


@contextmanager
def running_sandbox() -> Iterator[Sandbox]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    # Its log goes to a file: a pipe nobody reads would fill up and stop the server mid-session.
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen([sys.executable, "-m", "sandbox.funds", "--port", str(port)], cwd=ROOT,
                                   stdout=log, stderr=log)  # fmt: skip
        try:
            deadline = time.monotonic() + 20
            while not _answers(url):
                if process.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise RuntimeError(f"the sandbox funds did not start: {log.read()[-2000:]!r}")
                time.sleep(0.1)
            yield Sandbox(url)
        finally:
            end(process)


def _answers(url: str) -> bool:
    try:
        return requests.get(url + "/_sandbox/health", timeout=1).ok
    except requests.RequestException:
        return False


def openapi(fund: str) -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load((OPENAPI / f"{fund}.yaml").read_text(encoding="utf-8"))
    return document


class Contract:
    """A fund's OpenAPI document, checking the answers its system gives (``check``: a ``requests`` response hook)."""

    def __init__(self, fund: str) -> None:
        self.document = openapi(fund)
        self.base = urlsplit(self.document["servers"][0]["url"]).path  # /<fund>/v1
        self.checked: list[str] = []  # "<operationId> <status>" of each answer checked

    def check(self, response: requests.Response, *args: Any, **kwargs: Any) -> None:
        method = (response.request.method or "").lower()
        path = urlsplit(response.request.url or "").path.removeprefix(self.base)
        template, operation = self._operation(method, path)
        declared = operation["responses"].get(str(response.status_code))
        assert declared is not None, f"{method} {template} answered {response.status_code}, not in the document"
        declared = self._resolve(declared)
        schema = declared["content"]["application/json"]["schema"]
        validator = jsonschema_rs.validator_for({**schema, "components": self.document["components"]})
        errors = [error.message for error in validator.iter_errors(response.json())]
        assert not errors, f"{method} {template}: {errors}"
        self.checked.append(f"{operation['operationId']} {response.status_code}")

    def _operation(self, method: str, path: str) -> tuple[str, dict[str, Any]]:
        for template, item in self.document["paths"].items():
            if re.fullmatch(re.sub(r"\{[^}]+\}", "[^/]+", template), path) and method in item:
                return template, item[method]
        raise AssertionError(f"{method} {path} is not in the document")

    def _resolve(self, item: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in item:
            node: Any = self.document
            for part in item["$ref"].removeprefix("#/").split("/"):
                node = node[part]
            item = node
        return item
