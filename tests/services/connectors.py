"""For the bundled bodies' connector tests: the platform pointed at the sandbox funds, every answer the client
receives checked against the fund's OpenAPI document (the contract), and the calls a test makes through the one
client, as the pages make them."""

from __future__ import annotations

from typing import Any

import requests
from flask import Flask

from portal.connectors import client
from portal.registry.connector import supported
from tests.funds_sandbox import Contract, Sandbox
from tests.portal.connectors.conftest import new_account


class Checked:
    """The app, an account, and the fund's contract checking each answer."""

    def __init__(self, app: Flask, fund: str) -> None:
        self.app, self.fund = app, fund
        self.contract = Contract(fund)
        session = requests.Session()
        session.hooks["response"].append(self.contract.check)
        app.extensions[client.SESSION_KEY] = session
        self.account_id = new_account(app, f"{fund}@example.dz")

    def call(self, operation: str, *args: Any) -> Any:
        with self.app.test_request_context("/fr/"):
            return client.call(self.account_id, self.fund, operation, *args)

    def link_by_code(self, sandbox: Sandbox, nss: str, born: Any, phone: str) -> str:
        challenge = self.call("find_person", nss, born)
        assert challenge is not None
        person: str = self.call("confirm_person", challenge.reference, sandbox.last_code(phone))
        return person


def checked(make_app: Any, sandbox: Sandbox, fund: str) -> Checked:
    return Checked(make_app(FUNDS_BASE_URL=sandbox.url), fund)


def operations_documented(fund: str) -> set[str]:
    """The operationIds of the fund's document."""
    document = Contract(fund).document
    return {operation["operationId"] for item in document["paths"].values() for operation in item.values()}


def operations_supported(app: Flask, fund: str) -> set[str]:
    with app.app_context():
        connector = client.connector_of(fund)
        assert connector is not None
        return set(supported(connector))
