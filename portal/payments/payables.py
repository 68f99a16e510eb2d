"""What hosted services declare payable: a function per ``<body>/<purpose>`` that computes, for the account that
asks and the fields it sent, the ``Payable`` (or None: nothing to pay). The core does the rest (creation, the
gateway, the confirmation, the history)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from flask import Flask, current_app

from portal.payments.schemas import Payable

if TYPE_CHECKING:
    from portal.payments.models import Payment

KEY, PAID_KEY = "portal.payables", "portal.payables.on_paid"
Compute = Callable[[int, Mapping[str, str]], "Payable | None"]
OnPaid = Callable[["Payment"], None]


class UnavailableError(Exception):
    """What is payable cannot be known now: the system that says it (a fund's) does not answer. Nothing is charged;
    ``body_name`` is shown to the person, ``back`` is the page to go back to (the choice of what to pay)."""

    def __init__(self, body_name: str, back: str) -> None:
        super().__init__(f"{body_name} does not answer")
        self.body_name, self.back = body_name, back


def declare(app: Flask, body: str, purpose: str, compute: Compute, on_paid: OnPaid | None = None) -> None:
    """``compute`` says what is payable (None: nothing; it raises ``UnavailableError`` when that cannot be known
    now); ``on_paid`` (optional) is told of each payment once it is paid, in the transaction that marks it paid (it
    asks for jobs, e.g. the write to the fund's system)."""
    app.extensions.setdefault(KEY, {})[f"{body}/{purpose}"] = compute
    if on_paid is not None:
        app.extensions.setdefault(PAID_KEY, {})[f"{body}/{purpose}"] = on_paid


def paid(payment: Payment) -> None:
    on_paid: OnPaid | None = current_app.extensions.get(PAID_KEY, {}).get(f"{payment.body.code}/{payment.purpose}")
    if on_paid is not None:
        on_paid(payment)


def payable(body: str, purpose: str, account_id: int, fields: Mapping[str, str]) -> Payable | None:
    compute: Compute | None = current_app.extensions.get(KEY, {}).get(f"{body}/{purpose}")
    if compute is None:
        return None
    found = compute(account_id, fields)
    if found is not None and (found.body, found.purpose) != (body, purpose):
        raise ValueError("a payable is declared for its own body and purpose")
    return found
