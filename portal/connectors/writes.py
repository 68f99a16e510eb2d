"""Writes to a fund's system are jobs (``portal.jobs``): asked for in the request's transaction, run by a worker,
retried with the queue's back-off until the fund confirms, and listed for the fund's agents when they keep failing
(the back office's failed jobs, scoped to the body). The idempotency key goes to the fund with each attempt, so a
write the fund received but whose answer was lost is recorded once."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.catalogue.models import Body
from portal.connectors import client, linking
from portal.extensions import db
from portal.jobs import ledger
from portal.jobs.models import Job
from portal.registry.connector import WRITES

KIND = "fund-write"


def ask(account_id: int, fund: str, operation: str, data: dict[str, Any], key: str, kind: str = KIND,
        **more: Any) -> Job:  # fmt: skip
    """Ask for ``operation`` (a write of the contract) with ``data`` for the account's person at ``fund``; asking
    again with the same ``key`` is the same job. A module whose write has a sequel gives its own job ``kind``
    (whose handler calls :func:`perform`) and what the sequel needs (``more``, kept in the job, never sent to the
    fund). The caller commits."""
    if operation not in WRITES:
        raise ValueError(f"{operation!r} is not a write of the connector contract")
    body_id = db.session.scalar(select(Body.id).where(Body.code == fund))
    payload = {"account_id": account_id, "fund": fund, "operation": operation, "data": data, "key": key, **more}
    return ledger.later(kind, payload, key=job_key(kind, fund, key), body_id=body_id)


def job_key(kind: str, fund: str, key: str) -> str:
    """The ledger's key of the job that writes ``key`` to ``fund`` (asked for by :func:`ask` with ``kind``)."""
    return f"{kind}:{fund}:{key}"[:120]


def perform(payload: dict[str, Any]) -> Any:
    """One attempt of the write a job holds: the fund's answer; any failure (the fund down, a malformed answer, no
    link) raises, and the queue retries. The caller commits (the access log's entry)."""
    account_id, fund = int(payload["account_id"]), str(payload["fund"])
    person = linking.person_of(account_id, fund)
    if person is None:
        raise LookupError(f"the account is not linked to {fund}'s records")
    return client.call(account_id, fund, str(payload["operation"]), person, payload["data"], str(payload["key"]))


@ledger.handler(KIND, _l("A write to a fund's system"))
def run(payload: dict[str, Any]) -> None:
    perform(payload)
    db.session.commit()  # the access log's entry
