"""Payments read a batch at a time, by keyset on their id (``PAYMENT_RECONCILE_BATCH`` rows a query): the jobs that
go through every payment not final keep a bounded memory however many there are, and a payment that changes while
they run (paid by its return page, say) is neither skipped nor met twice."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from flask import current_app
from sqlalchemy import Select

from portal.extensions import db
from portal.payments.models import Payment


def batch_size() -> int:
    return max(int(current_app.config["PAYMENT_RECONCILE_BATCH"]), 1)


def in_batches(query: Select[Any]) -> Iterator[list[Payment]]:
    """The payments ``query`` selects, in the order of their ids, ``batch_size()`` at a time; what the caller did
    with a batch is committed before the next one is read."""
    size, last = batch_size(), 0
    while True:
        batch: list[Payment] = list(db.session.scalars(query.where(Payment.id > last).order_by(Payment.id)
                                                        .limit(size)))  # fmt: skip
        if not batch:
            return
        last = batch[-1].id
        yield batch
        db.session.commit()
        if len(batch) < size:
            return
