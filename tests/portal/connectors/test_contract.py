"""The connector contract is checked when the plugins load: an unknown operation, a wrong signature, a class that is
no connector, reads without a way to link, each refused with a message naming the plugin and the field."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import pytest

from portal.registry import RegistryError, build_registry
from portal.registry.connector import OPERATIONS, Connector, PersonLinking, supported
from portal.registry.toolkit import Answer
from tests.bodies.connector import DemoConnector
from tests.plugins import Demo

LOCALES = ["ar", "fr"]


def _problems(connector: object) -> list[str]:
    plugin = type("Plugin", (Demo,), {"connector": connector})
    with pytest.raises(RegistryError) as refused:
        build_registry({"demo": plugin}, LOCALES)
    return refused.value.problems


def test_a_valid_connector_is_loaded_with_the_operations_it_overrides() -> None:
    plugin = type("Plugin", (Demo,), {"connector": DemoConnector})
    body = build_registry({"demo": plugin}, LOCALES).bodies["demo"]
    assert body.connector is DemoConnector
    assert supported(DemoConnector) == ("find_person", "confirm_person", "person_by_nin", "career", "record_payment")


def test_an_operation_the_contract_does_not_know_is_refused() -> None:
    class Misnamed(PersonLinking):
        def carreer(self, person: str) -> Answer:
            return {}

    [problem] = _problems(Misnamed)
    assert problem.startswith("plugin 'demo', field 'connector': 'carreer' is not an operation of the contract")
    assert "career" in problem  # the known operations are listed


def test_an_operation_with_another_signature_is_refused() -> None:
    class Wrong(PersonLinking):
        def career(self, nss: str, when: date) -> Answer:  # type: ignore[override]
            return {}

    assert _problems(Wrong) == [
        "plugin 'demo', field 'connector': 'career' takes (self, nss, when) but the contract says (self, person)"
    ]


def test_cancelling_a_payment_is_optional_but_checked_like_every_operation() -> None:
    class Cancels(DemoConnector):
        def cancel_payment(self, person: str, cancellation: Mapping[str, Any], key: str) -> Answer:
            return {}

    class Misspelt(DemoConnector):
        def cancel_payment(self, person: str, key: str) -> Answer:  # type: ignore[override]
            return {}

    assert supported(DemoConnector)[-1] == "record_payment"  # without it: a refund leaves the items held
    assert supported(Cancels)[-1] == "cancel_payment"
    assert _problems(Misspelt) == [
        "plugin 'demo', field 'connector': 'cancel_payment' takes (self, person, key) but the contract says "
        "(self, person, cancellation, key)"
    ]


def test_a_class_that_is_no_connector_is_refused() -> None:
    class Lookalike:
        def career(self, person: str) -> Answer:
            return {}

    [problem] = _problems(Lookalike)
    assert "is not a subclass of portal.registry.toolkit.Connector" in problem


def test_reads_without_a_way_to_link_an_account_are_refused() -> None:
    class Unlinkable(Connector):
        def career(self, person: str) -> Answer:
            return {}

    [problem] = _problems(Unlinkable)
    assert "offers no way to link an account" in problem


def test_a_connector_with_no_operation_is_refused() -> None:
    assert _problems(Connector) == ["plugin 'demo', field 'connector': supports no operation of the contract"]


def test_every_operation_of_the_contract_is_documented() -> None:
    assert all((getattr(Connector, name).__doc__ or "").strip() for name in OPERATIONS)
