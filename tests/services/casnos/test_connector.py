"""CASNOS's connector against the sandbox's CASNOS, checked against sandbox/funds/openapi/casnos.yaml."""

from __future__ import annotations

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
