"""The one interface of the gateways, and the gateway chosen for a body and a purpose by configuration.

``PAYMENT_ROUTES`` maps ``<body>/<purpose>``, ``<body>`` or ``*`` to a gateway's name; each gateway's settings are
``PAYMENT_<NAME>`` (``url``: the base of its ``/payment/rest/`` interface; ``user``; ``password_file`` (or
``password`` in tests: never the repository); ``terminal``: the terminal id for ``force_terminal_id``; ``merchant``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from flask import current_app

GATEWAY_NAMES = ("satim", "bdl_visa")


class GatewayError(Exception):
    """The gateway did not answer in time, or answered with an HTTP error or no JSON: its answer is unknown."""

    def __init__(self, message: str, timed_out: bool = False) -> None:
        super().__init__(message)
        self.timed_out = timed_out


@dataclass(frozen=True)
class Order:
    """What is registered at the gateway (no personal data: the reference, the amount and the addresses)."""

    reference: str
    amount: int
    currency: str
    description: str
    language: str
    return_url: str
    fail_url: str


class Gateway(Protocol):
    """SATIM's interface family: register, the hosted page (formUrl), confirm, status, refund, reverse. Each
    returns the gateway's raw JSON answer or raises ``GatewayError``."""

    name: str

    def register(self, order: Order) -> dict[str, Any]: ...
    def confirm(self, order_id: str, language: str) -> dict[str, Any]: ...
    def status(self, order_id: str, language: str) -> dict[str, Any]: ...
    def refund(self, order_id: str, amount: int) -> dict[str, Any]: ...
    def reverse(self, order_id: str) -> dict[str, Any]: ...


@dataclass(frozen=True)
class Credentials:
    url: str
    user: str
    password: str
    terminal: str


def gateway_name(body: str, purpose: str) -> str:
    routes: dict[str, str] = current_app.config["PAYMENT_ROUTES"]
    for key in (f"{body}/{purpose}", body, "*"):
        if key in routes:
            return routes[key]
    raise LookupError(f"no payment gateway is configured for {body}/{purpose} (PAYMENT_ROUTES)")


def credentials(name: str) -> Credentials:
    settings: dict[str, str] = current_app.config.get(f"PAYMENT_{name.upper()}") or {}
    if not settings.get("url"):
        raise LookupError(f"the payment gateway {name} has no url (PAYMENT_{name.upper()})")
    password = settings.get("password") or ""
    if settings.get("password_file"):
        password = Path(settings["password_file"]).read_text(encoding="utf-8").strip()
    return Credentials(settings["url"].rstrip("/"), settings.get("user", ""), password, settings.get("terminal", ""))


def gateway(name: str) -> Gateway:
    """The gateway called ``name``: SATIM (CIB, Edahabia) and BDL's Visa acquiring speak the same interface."""
    from portal.payments.satim import SatimGateway

    if name not in GATEWAY_NAMES:
        raise LookupError(f"unknown payment gateway {name}")
    return SatimGateway(name, credentials(name), float(current_app.config["PAYMENT_TIMEOUT"]))
