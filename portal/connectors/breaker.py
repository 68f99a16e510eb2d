"""A circuit breaker per fund: after ``CONNECTOR_BREAKER_FAILURES`` failures in a row the fund is not called for
``CONNECTOR_BREAKER_SECONDS`` (pages answer at once from what was kept), then one call tries it again. Each web
worker keeps its own (``app.extensions``): a worker learns a fund is down by its own few failures, which costs a
few seconds at most, and no shared store is needed."""

from __future__ import annotations

import time
from dataclasses import dataclass
from threading import Lock

from flask import current_app

KEY = "portal.connectors.breakers"


@dataclass
class Breaker:
    failures: int = 0
    open_until: float = 0.0
    trying: bool = False  # half open: one call is trying the fund again


class Breakers:
    def __init__(self) -> None:
        self._lock = Lock()
        self._funds: dict[str, Breaker] = {}

    def allows(self, fund: str) -> bool:
        """Whether a call to ``fund`` may go out now (closed, or the one trial once the pause ended)."""
        with self._lock:
            breaker = self._funds.setdefault(fund, Breaker())
            if breaker.failures < _setting("CONNECTOR_BREAKER_FAILURES"):
                return True
            if time.monotonic() < breaker.open_until or breaker.trying:
                return False
            breaker.trying = True
            return True

    def succeeded(self, fund: str) -> None:
        with self._lock:
            self._funds[fund] = Breaker()

    def failed(self, fund: str) -> None:
        with self._lock:
            breaker = self._funds.setdefault(fund, Breaker())
            breaker.failures += 1
            breaker.trying = False
            if breaker.failures >= _setting("CONNECTOR_BREAKER_FAILURES"):
                breaker.open_until = time.monotonic() + float(_setting("CONNECTOR_BREAKER_SECONDS"))

    def is_open(self, fund: str) -> bool:
        with self._lock:
            breaker = self._funds.get(fund)
            return breaker is not None and time.monotonic() < breaker.open_until


def breakers() -> Breakers:
    found: Breakers = current_app.extensions.setdefault(KEY, Breakers())
    return found


def _setting(name: str) -> float:
    return float(current_app.config[name])
