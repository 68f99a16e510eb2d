"""The HTTP transport a connector speaks through: one fund's address, JSON both ways, every request within what is
left of the call's time budget. Errors become the contract's: unavailable (timeout, connection, 5xx), not found (404),
refused (another 4xx), malformed (not a JSON object)."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from portal.registry.connector import Answer, FundUnavailableError, MalformedAnswerError, NotFoundError, RefusedError

if TYPE_CHECKING:
    import requests

SHORTEST_WAIT = 0.05  # seconds: a request is never sent with less (the budget is then spent: unavailable)


class HttpTransport:
    """Bound to ``base_url`` until ``deadline`` (``time.monotonic()``); ``session`` may be given (tests hook it)."""

    def __init__(self, base_url: str, deadline: float, session: requests.Session | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.deadline = deadline
        import requests  # here: a worker that serves only the catalogue never loads it (bench/memory.py)

        self.session = session or requests.Session()

    def get(self, path: str, params: Mapping[str, str] | None = None) -> Answer:
        return self._send("GET", path, params=dict(params or {}))

    def post(self, path: str, body: Mapping[str, Any], idempotency_key: str = "") -> Answer:
        headers = {"Idempotency-Key": idempotency_key} if idempotency_key else {}
        return self._send("POST", path, json=dict(body), headers=headers)

    def _send(self, method: str, path: str, **options: Any) -> Answer:
        import requests

        left = self.deadline - time.monotonic()
        if left < SHORTEST_WAIT:
            raise FundUnavailableError("no time left for the fund to answer")
        try:
            response = self.session.request(method, self.base_url + path, timeout=left, **options)
        except requests.Timeout as error:
            raise FundUnavailableError(f"no answer within {left:.1f} s") from error
        except requests.RequestException as error:
            raise FundUnavailableError(f"the fund's system cannot be reached ({type(error).__name__})") from error
        if response.status_code >= 500:
            raise FundUnavailableError(f"the fund's system answered {response.status_code}")
        if response.status_code == 404:
            raise NotFoundError(f"{method} {path}: not found")
        if response.status_code >= 400:
            raise RefusedError(f"{method} {path}: refused ({response.status_code})")
        try:
            answer = response.json()
        except ValueError as error:
            raise MalformedAnswerError(f"{method} {path}: the answer is not JSON") from error
        if not isinstance(answer, dict):
            raise MalformedAnswerError(f"{method} {path}: the answer is not a JSON object")
        return answer
