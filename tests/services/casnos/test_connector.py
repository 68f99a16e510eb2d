"""CASNOS's connector against the sandbox's CASNOS, checked against sandbox/funds/openapi/casnos.yaml."""

from __future__ import annotations

import uuid
from datetime import date

from tests.conftest import AppFactory
from tests.funds_sandbox import Sandbox
from tests.services.connectors import checked, operations_documented, operations_supported


def test_a_non_salaried_worker_reads_the_retirement_account(make_app: AppFactory, funds_sandbox: Sandbox) -> None:
    casnos = checked(make_app, funds_sandbox, "casnos")
    assert operations_supported(casnos.app, "casnos") == operations_documented("casnos")
    person = casnos.link_by_code(funds_sandbox, "790621033210", date(1979, 6, 21), "+213770112233")
    account = casnos.call("retirement_account", person)
    assert account["arrears"] == sum(line["due"] - line["paid"] for line in account["years"]) > 0
    assert casnos.contract.checked == ["find_person 200", "confirm_person 200", "retirement_account 200"]


def test_a_year_paid_then_refunded_is_owed_again(make_app: AppFactory, funds_sandbox: Sandbox) -> None:
    casnos = checked(make_app, funds_sandbox, "casnos")
    person = casnos.link_by_code(funds_sandbox, "790621033210", date(1979, 6, 21), "+213770112233")
    owed = casnos.call("retirement_account", person)["arrears"]
    key = uuid.uuid4().hex
    payment = {"year": 2023, "amount": 1000.0, "paid_at": "2026-12-01T10:00:00+01:00", "receipt": "WXYZ-EFGH-IJKL"}
    casnos.call("record_payment", person, payment, key)
    assert casnos.call("retirement_account", person)["arrears"] == owed - 1000
    cancelled = casnos.call("cancel_payment", person, {"recorded_key": key, "refunded_at": "2026-12-02T09:00:00+01:00",
                                                       "reason": "refunded"}, f"{key}-cancel")  # fmt: skip
    assert (cancelled["year"], cancelled["cancelled"]) == (2023, True)
    assert casnos.call("retirement_account", person)["arrears"] == owed
    assert casnos.contract.checked[-2:] == ["cancel_payment 200", "retirement_account 200"]
