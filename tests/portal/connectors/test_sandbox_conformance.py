"""Each sandbox fund answers as its OpenAPI document says, whatever is sent (Schemathesis over HTTP, generated from
the document): no server error, only the statuses, content types and bodies the document declares."""

from __future__ import annotations

import pytest
import schemathesis
from schemathesis.engine import events, from_schema

from tests.funds_sandbox import OPENAPI, Sandbox

CHECKS = ("not_a_server_error", "status_code_conformance", "content_type_conformance",
          "response_schema_conformance")  # fmt: skip


@pytest.mark.parametrize("fund", ["cnr", "cnas", "casnos", "cacobatph"])
def test_the_sandbox_fund_follows_its_document(funds_sandbox: Sandbox, fund: str) -> None:
    config = {
        "base-url": funds_sandbox.fund_url(fund),
        "generation": {"max-examples": 8},
        "phases": {"stateful": {"enabled": False}},
        "checks": {"enabled": False, **{name: {"enabled": True} for name in CHECKS}},
    }
    schema = schemathesis.openapi.from_path(OPENAPI / f"{fund}.yaml", config=schemathesis.Config.from_dict(config))
    tested: set[str] = set()
    failures: list[str] = []
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished) and event.label:
            tested.add(event.label)
            failures += [f"{event.label} | {check.name} | {check.failure_info.failure.title}"
                         for checks in event.recorder.checks.values() for check in checks
                         if check.failure_info is not None]  # fmt: skip
        elif isinstance(event, events.NonFatalError | events.FatalError):
            failures.append(f"error: {event}")
    assert "POST /persons/search" in tested
    assert sorted(set(failures)) == []
