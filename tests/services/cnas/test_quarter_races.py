"""Two tabs, or a double click with two keys, at the same moment: of the payments that would pay the same quarter,
the database lets one exist; the others are sent to it. On SQLite and on PostgreSQL (the partial unique index)."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable

import pytest
from flask import Flask
from sqlalchemy import select

from portal.accounts.models import EMAIL, Account
from portal.extensions import db
from portal.payments import creation, items
from portal.payments.models import Payment
from portal.payments.schemas import Payable, PayableItem
from tests.conftest import AppFactory
from tests.services.cnas.quarter_payments import NADIA_PERSON, QUARTER

TABS = 6


def _account(app: Flask) -> int:
    with app.app_context():
        account = Account(identifier=f"{uuid.uuid4().hex[:8]}@example.fr", channel=EMAIL, password_hash="x")
        db.session.add(account)
        db.session.commit()
        return int(account.id)


def _race(app: Flask, account_id: int) -> tuple[list[str], list[str]]:
    """Each tab creates a payment of 2026-Q1 (and another quarter of its own) under its own key, all at once."""
    made: list[str] = []
    sent_to: list[str] = []
    errors: list[BaseException] = []
    start = threading.Barrier(TABS)

    def tab(number: int) -> None:
        own = f"2020-Q{number % 4 + 1}" if number < 4 else f"2019-Q{number % 4 + 1}"
        payable = Payable("cnas", "quarters-visa", 2 * QUARTER, "Cotisations", holder=NADIA_PERSON,
                          items=(PayableItem("2026-Q1", QUARTER), PayableItem(own, QUARTER)))  # fmt: skip
        try:
            with app.test_request_context("/fr/"):
                start.wait()
                try:
                    made.append(creation.create(account_id, payable, uuid.uuid4().hex, "fr").reference)
                except items.ItemHeldError as held:
                    assert held.payment is not None
                    sent_to.append(held.payment.reference)
        except BaseException as error:  # reported below
            errors.append(error)

    workers = [threading.Thread(target=tab, args=(number,)) for number in range(TABS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert errors == []
    return made, sent_to


def _check(make: Callable[[], Flask]) -> None:
    app = make()
    made, sent_to = _race(app, _account(app))
    assert len(made) == 1 and sent_to == made * (TABS - 1)
    with app.app_context():
        assert list(db.session.scalars(select(Payment.reference))) == made


def test_tabs_at_the_same_moment_make_one_payment_on_sqlite(make_app: AppFactory) -> None:
    _check(make_app)


@pytest.mark.postgres
def test_tabs_at_the_same_moment_make_one_payment_on_postgresql(make_app: AppFactory, postgres_url: str) -> None:
    _check(lambda: make_app(SQLALCHEMY_DATABASE_URI=postgres_url))
