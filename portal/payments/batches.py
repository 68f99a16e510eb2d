"""Payments (or refunds) read a batch at a time, by keyset on their id (``PAYMENT_RECONCILE_BATCH`` rows a query):
the jobs that go through every payment not final keep a bounded memory however many there are, and a payment that
changes while they run (paid by its return page, say) is neither skipped nor met twice."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeVar, overload

from flask import current_app
from sqlalchemy import Select

from portal.extensions import db
from portal.payments.models import Payment

Row = TypeVar("Row")


def batch_size() -> int:
    return max(int(current_app.config["PAYMENT_RECONCILE_BATCH"]), 1)


@overload
def in_batches(query: Select[Any]) -> Iterator[list[Payment]]: ...
@overload
def in_batches(query: Select[Any], model: type[Row]) -> Iterator[list[Row]]: ...


def in_batches(query: Select[Any], model: Any = Payment) -> Iterator[list[Any]]:
    """The rows of ``model`` (payments unless told) that ``query`` selects, in the order of their ids,
    ``batch_size()`` at a time; what the caller did with a batch is committed before the next one is read."""
    size, last, key = batch_size(), 0, model.id
    while True:
        batch: list[Any] = list(db.session.scalars(query.where(key > last).order_by(key).limit(size)))
        if not batch:
            return
        last = batch[-1].id
        yield batch
        db.session.commit()
        if len(batch) < size:
            return
