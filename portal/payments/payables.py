"""What hosted services declare payable: a function per ``<body>/<purpose>`` that computes, for the account that
asks and the fields it sent, the ``Payable`` (or None: nothing to pay). The core does the rest (creation, the
gateway, the confirmation, the history)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from flask import Flask, current_app

from portal.payments.schemas import Payable

KEY = "portal.payables"
Compute = Callable[[int, Mapping[str, str]], "Payable | None"]


def declare(app: Flask, body: str, purpose: str, compute: Compute) -> None:
    app.extensions.setdefault(KEY, {})[f"{body}/{purpose}"] = compute


def payable(body: str, purpose: str, account_id: int, fields: Mapping[str, str]) -> Payable | None:
    compute: Compute | None = current_app.extensions.get(KEY, {}).get(f"{body}/{purpose}")
    if compute is None:
        return None
    found = compute(account_id, fields)
    if found is not None and (found.body, found.purpose) != (body, purpose):
        raise ValueError("a payable is declared for its own body and purpose")
    return found
