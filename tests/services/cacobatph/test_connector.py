"""CACOBATPH's connector against the sandbox's CACOBATPH, checked against sandbox/funds/openapi/cacobatph.yaml."""

from __future__ import annotations

from datetime import date

import pytest

from portal.registry.connector import NotFoundError
from tests.conftest import AppFactory
from tests.funds_sandbox import Sandbox
from tests.services.connectors import checked, operations_documented, operations_supported


def test_an_employer_account_by_year_and_worker(make_app: AppFactory, funds_sandbox: Sandbox) -> None:
    cacobatph = checked(make_app, funds_sandbox, "cacobatph")
    assert operations_supported(cacobatph.app, "cacobatph") == operations_documented("cacobatph")
    assert cacobatph.link_by_code(funds_sandbox, "651102004417", date(1965, 11, 2), "+213661234567") == "CBT-0001"
    account = cacobatph.call("employer_account", "EMP-16-0042")
    assert account["employer"]["name"] == "SARL Atlas Bâtiment"
    assert [len(year["workers"]) for year in account["years"]] == [2, 2]
    with pytest.raises(NotFoundError):
        cacobatph.call("employer_account", "EMP-00-0000")
    assert cacobatph.contract.checked[-2:] == ["employer_account 200", "employer_account 404"]
