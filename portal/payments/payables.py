"""What hosted services declare payable: a function per ``<body>/<purpose>`` that computes, for the account that
asks and the fields it sent, the ``Payable`` (or None: nothing to pay). The core does the rest (creation, the
gateway, the confirmation, the history)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from flask import Flask, current_app

from portal.payments.schemas import Payable

if TYPE_CHECKING:
    from portal.payments.models import Payment

KEY, PAID_KEY = "portal.payables", "portal.payables.on_paid"
REFUNDED_KEY, REVERSES_KEY = "portal.payables.on_refunded", "portal.payables.reverses"
SERVICE_KEY, GIVEN_UP_KEY = "portal.payables.service", "portal.payables.given_up"
Compute = Callable[[int, Mapping[str, str]], "Payable | None"]
OnPaid = Callable[["Payment"], None]
Reverses = Callable[["Payment"], bool]
GivenUp = Callable[["Payment"], Mapping[str, int]]


class UnavailableError(Exception):
    """What is payable cannot be known now: the system that says it (a fund's) does not answer. Nothing is charged;
    ``body_name`` is shown to the person, ``back`` is the page to go back to (the choice of what to pay)."""

    def __init__(self, body_name: str, back: str) -> None:
        super().__init__(f"{body_name} does not answer")
        self.body_name, self.back = body_name, back


def declare(app: Flask, body: str, purpose: str, compute: Compute, on_paid: OnPaid | None = None,
            on_refunded: OnPaid | None = None, reverses: Reverses | None = None, given_up: GivenUp | None = None,
            service: str = "") -> None:  # fmt: skip
    """``compute`` says what is payable (None: nothing; it raises ``UnavailableError`` when that cannot be known
    now); ``on_paid`` (optional) is told of each payment once it is paid, in the
    transaction that marks it paid (it asks for jobs, e.g. the write to the fund's system); ``on_refunded`` once it
    is refunded in full (a partial refund tells nothing), and ``reverses`` says whether the body's system undoes a
    refunded payment (its items are then released by the hosted service, else they stay held as paid), and
    ``given_up`` which of a refunded payment's items it failed to undo after every attempt (with each one's job).
    ``service`` is the slug of the hosted service the payment belongs to, which a mandate names."""
    pair = f"{body}/{purpose}"
    app.extensions.setdefault(KEY, {})[pair] = compute
    hooks = ((PAID_KEY, on_paid), (REFUNDED_KEY, on_refunded), (REVERSES_KEY, reverses), (GIVEN_UP_KEY, given_up))
    for key, value in hooks:
        if value is not None:
            app.extensions.setdefault(key, {})[pair] = value
    app.extensions.setdefault(SERVICE_KEY, {})[(body, purpose)] = service


def _declared(key: str, payment: Payment) -> Any:
    return current_app.extensions.get(key, {}).get(f"{payment.body.code}/{payment.purpose}")


def paid(payment: Payment) -> None:
    on_paid: OnPaid | None = _declared(PAID_KEY, payment)
    if on_paid is not None:
        on_paid(payment)


def refunded(payment: Payment) -> None:
    on_refunded: OnPaid | None = _declared(REFUNDED_KEY, payment)
    if on_refunded is not None:
        on_refunded(payment)


def reverses(payment: Payment) -> bool:
    """Whether the body's system undoes this payment once refunded (its items then become payable again)."""
    found: Reverses | None = _declared(REVERSES_KEY, payment)
    return found is not None and found(payment)


def given_up(payment: Payment) -> Mapping[str, int]:
    """The items of this refunded payment that the body's system failed to undo after every attempt, each with the
    job that gave up (on the failed jobs' page)."""
    found: GivenUp | None = _declared(GIVEN_UP_KEY, payment)
    return {} if found is None else found(payment)


def services() -> dict[tuple[str, str], str]:
    """The declared payables, ``(body, purpose)``, with the hosted service each belongs to ("" for none)."""
    declared: dict[tuple[str, str], str] = current_app.extensions.get(SERVICE_KEY, {})
    return declared


def payable(body: str, purpose: str, account_id: int, fields: Mapping[str, str]) -> Payable | None:
    compute: Compute | None = current_app.extensions.get(KEY, {}).get(f"{body}/{purpose}")
    if compute is None:
        return None
    found = compute(account_id, fields)
    if found is not None and (found.body, found.purpose) != (body, purpose):
        raise ValueError("a payable is declared for its own body and purpose")
    return found
