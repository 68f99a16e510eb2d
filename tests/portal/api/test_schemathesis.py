"""Schemathesis, in-process against the app's own OpenAPI document, with every check and every phase (examples,
coverage, fuzzing, stateful): what ``schemathesis run --checks all`` does, through its engine.

The operations are read from the document itself, so a new endpoint is tested without a change here.
(Schemathesis's pytest plugin does not run under pytest 9, so the test runs the engine and reads its events.)
"""

from __future__ import annotations

import schemathesis
from flask import Flask
from schemathesis.engine import events, from_schema

from tests.portal.accounts.helpers import create_account, send_leave
from tests.portal.accounts.oauth_helpers import Flow, register_app

EXAMPLES = 30
# An application's answers are valid or not by the service's own form (GET /services/{slug}/form), which the
# document cannot express for every service at once: a well-formed application may be refused with 422; and
# the upload quota of an address (429) holds for well-formed applications too.
CONFIG = {
    "generation": {"max-examples": EXAMPLES},
    "checks": {"enabled": True},
    "operations": [
        {
            "include-path": "/api/v1/services/{slug}/dossiers",
            "include-method": "POST",
            "checks": {"positive_data_acceptance": {"expected-statuses": ["2xx", "404", "409", "422", "429"]}},
        }
    ],
}


def citizens_token(app: Flask) -> str:
    """A token of a citizen with a dossier, every scope allowed: the operations for apps are tested signed in (the
    engine's ``ignored_auth`` check sends them without it too, and expects 401)."""
    browser = app.test_client()
    create_account(app, browser, "schemathesis@example.dz")
    send_leave(browser)
    return str(Flow(register_app(app)).tokens(browser, app.test_client())["access_token"])


def failures_of_every_check(app: Flask) -> tuple[set[str], list[str]]:
    """The operations the engine tested, and each failure as ``operation | check | message``."""
    config = {**CONFIG, "headers": {"Authorization": f"Bearer {citizens_token(app)}"}}
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app, config=schemathesis.Config.from_dict(config))
    tested: set[str] = set()
    failures: list[str] = []
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished) and event.label:
            tested.add(event.label)
            failures += [
                f"{event.label} | {check.name} | {check.failure_info.failure.title}"
                for checks in event.recorder.checks.values()
                for check in checks
                if check.failure_info is not None
            ]
        elif isinstance(event, events.NonFatalError | events.FatalError):
            failures.append(f"error: {event}")
    return tested, sorted(set(failures))


def test_every_operation_conforms_to_the_openapi_document(portal_app: Flask) -> None:
    tested, failures = failures_of_every_check(portal_app)
    assert tested >= {
        "GET /api/v1/services",
        "GET /api/v1/services/{slug}",
        "GET /api/v1/bodies",
        "GET /api/v1/vocabularies",
        "GET /api/v1/services/{slug}/form",
        "POST /api/v1/services/{slug}/dossiers",
        "GET /api/v1/dossiers/{reference}",
        "GET /api/v1/me",
        "GET /api/v1/me/dossiers",
        "GET /api/v1/me/dossiers/{reference}",
        "POST /api/v1/me/dossiers/{reference}/replies",
    }
    assert failures == []
