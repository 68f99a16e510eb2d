"""Writes to a fund's system are jobs: retried when the fund fails, recorded once by the fund whatever the number of
attempts (the idempotency key), and shown to the fund's administrators while they fail."""

from __future__ import annotations

import uuid

from flask import Flask

from portal.connectors import writes
from portal.extensions import db
from portal.jobs import ledger
from portal.jobs.models import DONE, QUEUED, Job
from tests.funds_sandbox import Sandbox
from tests.portal.backoffice.helpers import create_user, sign_in
from tests.portal.connectors.conftest import linked_account


def _payment() -> dict[str, object]:
    return {"quarter": "2026-Q1", "amount": 46875.0, "paid_at": "2026-03-02T10:00:00+01:00",
            "receipt": f"R-{uuid.uuid4().hex[:8]}"}  # fmt: skip


def test_a_payment_is_retried_after_a_failure_and_recorded_once(connected_app: Flask, funds_sandbox: Sandbox) -> None:
    account_id, payment, key = linked_account(connected_app), _payment(), uuid.uuid4().hex
    with connected_app.app_context():
        job_id = writes.ask(account_id, "demo", "record_payment", payment, key).id
        assert writes.ask(account_id, "demo", "record_payment", payment, key).id == job_id  # asked twice: one job
        db.session.commit()
        funds_sandbox.fault("cnr", "error", times=1)
        assert ledger.run(job_id) == QUEUED  # failed: waits for its next attempt
        job = db.session.get(Job, job_id)
        assert job is not None and "500" in job.last_error
        for _again in range(2):  # the second run stands for a worker whose answer was lost after the fund recorded it
            ledger.retry(job_id)
            db.session.commit()
            assert ledger.run(job_id) == DONE
    recorded = [line for line in funds_sandbox.payments() if line["receipt"] == payment["receipt"]]
    assert len(recorded) == 1 and recorded[0]["person"] == "CNR-0002"


def test_a_failing_write_is_listed_for_the_funds_administrators(connected_app: Flask, funds_sandbox: Sandbox) -> None:
    account_id = linked_account(connected_app)
    with connected_app.app_context():
        job_id = writes.ask(account_id, "demo", "record_payment", _payment(), uuid.uuid4().hex).id
        db.session.commit()
        funds_sandbox.fault("cnr", "error")
        assert ledger.run(job_id) == QUEUED
    admin = connected_app.test_client()
    sign_in(admin, create_user(connected_app, "body_admin", "demo"))
    page = admin.get("/fr/backoffice/jobs").get_data(as_text=True)
    assert "Écriture dans le système d’une caisse" in page and "500" in page
    other = connected_app.test_client()
    sign_in(other, create_user(connected_app, "body_admin", "pilote"))
    assert "Écriture dans le système d’une caisse" not in other.get("/fr/backoffice/jobs").get_data(as_text=True)
