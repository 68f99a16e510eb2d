"""CNAS's connector against the sandbox's CNAS, every answer checked against sandbox/funds/openapi/cnas.yaml: the
affiliation, the quarters of a member abroad, and a payment recorded once under its idempotency key."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from portal.registry.connector import NotFoundError
from tests.conftest import AppFactory
from tests.funds_sandbox import Sandbox
from tests.services.connectors import checked, operations_documented, operations_supported

NADIA = ("850909044556", date(1985, 9, 9), "+33612345678")


def test_the_connector_supports_what_the_document_describes(make_app: AppFactory, funds_sandbox: Sandbox) -> None:
    cnas = checked(make_app, funds_sandbox, "cnas")
    assert operations_supported(cnas.app, "cnas") == operations_documented("cnas")


def test_a_member_abroad_reads_the_quarters_and_a_payment_is_recorded_once(
    make_app: AppFactory, funds_sandbox: Sandbox
) -> None:
    cnas = checked(make_app, funds_sandbox, "cnas")
    person = cnas.link_by_code(funds_sandbox, *NADIA)
    assert cnas.call("affiliation_certificate", person)["regime"] == "voluntary_abroad"
    before = {line["quarter"]: line["paid"] for line in cnas.call("contributions_due", person)["quarters"]}
    assert before["2025-Q3"] and before["2025-Q4"] and not before["2026-Q1"]
    receipt, key = f"BDL-{uuid.uuid4().hex[:8]}", uuid.uuid4().hex
    payment = {"quarter": "2026-Q1", "amount": 46875.0, "paid_at": "2026-03-02T10:00:00+01:00", "receipt": receipt}
    first, again = cnas.call("record_payment", person, payment, key), cnas.call("record_payment", person, payment, key)
    assert first == again
    assert [line["receipt"] for line in funds_sandbox.payments()].count(receipt) == 1
    after = cnas.call("contributions_due", person)
    assert {line["quarter"]: line["paid"] for line in after["quarters"]}["2026-Q1"]
    assert after["due"] == sum(line["amount"] for line in after["quarters"] if not line["paid"])
    assert cnas.contract.checked[-3:] == ["record_payment 201", "record_payment 200", "contributions_due 200"]


def test_a_payment_refunded_is_cancelled_once_and_its_quarter_is_due_again(
    make_app: AppFactory, funds_sandbox: Sandbox
) -> None:
    cnas = checked(make_app, funds_sandbox, "cnas")
    person = cnas.link_by_code(funds_sandbox, *NADIA)
    key = uuid.uuid4().hex
    payment = {"quarter": "2026-Q2", "amount": 46875.0, "paid_at": "2026-04-02T10:00:00+01:00", "receipt": key[:8]}
    cancellation = {"recorded_key": key, "refunded_at": "2026-04-03T09:00:00+01:00", "reason": "refunded"}
    with pytest.raises(NotFoundError):  # nothing recorded under that key yet: the job tries again later
        cnas.call("cancel_payment", person, cancellation, f"{key}-cancel")
    cnas.call("record_payment", person, payment, key)
    first = cnas.call("cancel_payment", person, cancellation, f"{key}-cancel")
    assert first["cancelled"] is True and first == cnas.call("cancel_payment", person, cancellation, f"{key}-cancel")
    assert not {line["quarter"]: line["paid"] for line in cnas.call("contributions_due", person)["quarters"]}["2026-Q2"]
    assert cnas.contract.checked[-4:] == ["record_payment 201", "cancel_payment 200", "cancel_payment 200",
                                          "contributions_due 200"]  # fmt: skip
