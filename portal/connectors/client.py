"""The one client every call to a fund's system goes through: the fund's address from the settings, a time budget
(``CONNECTOR_TIMEOUT`` seconds for the call, its retries included), retries with back-off for reads only, the
fund's circuit breaker, and an entry in the citizen's access log for each call that goes out."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from flask import current_app

from portal import data_access
from portal.connectors.breaker import breakers
from portal.connectors.transport import HttpTransport
from portal.registry import get_registry
from portal.registry.connector import Connector, FundError, FundUnavailableError, MalformedAnswerError, supported

if TYPE_CHECKING:
    import requests

SESSION_KEY = "portal.connectors.session"


class BreakerOpenError(FundUnavailableError):
    """The fund failed too often lately: it is not called until its pause ends."""


def connector_of(fund: str) -> type[Connector] | None:
    """The connector of an enabled body, if it has one."""
    body = get_registry().bodies.get(fund)
    return body.connector if body is not None else None


def offers(fund: str, operation: str) -> bool:
    """Whether ``fund``'s connector supports ``operation`` and the platform knows where its system is."""
    connector = connector_of(fund)
    return connector is not None and operation in supported(connector) and address_of(fund) is not None


def address_of(fund: str) -> str | None:
    """``FUND_URLS[fund]``, else ``FUNDS_BASE_URL/<fund>/v1`` (the sandbox's layout), else None (not configured)."""
    config = current_app.config
    if fund in config["FUND_URLS"]:
        return str(config["FUND_URLS"][fund])
    base = config["FUNDS_BASE_URL"]
    return f"{str(base).rstrip('/')}/{fund}/v1" if base else None


def call(account_id: int, fund: str, operation: str, *args: Any, retry: bool = False) -> Any:
    """Call ``operation`` of ``fund``'s connector for the account: the connector's result, else a
    :class:`FundError` (``BreakerOpenError`` at once when the fund failed too often lately)."""
    connector, address = connector_of(fund), address_of(fund)
    if connector is None or address is None or operation not in supported(connector):
        raise LookupError(f"{fund!r} offers no {operation!r}")
    if not breakers().allows(fund):
        raise BreakerOpenError(f"{fund} failed too often lately")
    data_access.fund_called(account_id, fund, operation)
    deadline = time.monotonic() + float(current_app.config["CONNECTOR_TIMEOUT"])
    instance = connector(HttpTransport(address, deadline, _session()))
    try:
        result = _with_retries(lambda: getattr(instance, operation)(*args), deadline, retry)
    except FundError as error:
        working = not isinstance(error, FundUnavailableError | MalformedAnswerError)  # not found, refused: it answered
        breakers().succeeded(fund) if working else breakers().failed(fund)
        raise
    except Exception:  # a connector's own fault counts too, and never leaves the breaker's trial call pending
        breakers().failed(fund)
        raise
    breakers().succeeded(fund)
    return result


def _with_retries(attempt: Callable[[], Any], deadline: float, retry: bool) -> Any:
    """Try once, or (``retry``) up to CONNECTOR_READ_ATTEMPTS times while the fund is unavailable and time is left,
    waiting CONNECTOR_RETRY_DELAY seconds, doubled each time."""
    attempts = int(current_app.config["CONNECTOR_READ_ATTEMPTS"]) if retry else 1
    delay = float(current_app.config["CONNECTOR_RETRY_DELAY"])
    for number in range(1, attempts + 1):
        try:
            return attempt()
        except FundUnavailableError:
            wait = delay * 2 ** (number - 1)
            if number == attempts or time.monotonic() + wait >= deadline:
                raise
            time.sleep(wait)
    raise AssertionError("unreachable")  # pragma: no cover


def _session() -> requests.Session:
    """One pool of connections per app (tests hook its answers to check them against the funds' documents)."""
    import requests  # here: a worker that serves only the catalogue never loads it (bench/memory.py)

    session: requests.Session = current_app.extensions.setdefault(SESSION_KEY, requests.Session())
    return session
