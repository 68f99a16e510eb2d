"""Schemathesis, in-process against the app's own OpenAPI document: no server error, every answer conforms.

The operations are read from the document itself, so a new endpoint is tested without a change here.
(Schemathesis's pytest plugin does not run under pytest 9, so Hypothesis drives its strategies directly.)
"""

from __future__ import annotations

import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings

EXAMPLES = 60


def test_every_operation_conforms_to_the_openapi_document(app: Flask) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {operation.label for operation in operations} >= {
        "GET /api/v1/services",
        "GET /api/v1/services/{slug}",
        "GET /api/v1/bodies",
        "GET /api/v1/vocabularies",
    }
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case: schemathesis.Case) -> None:
            case.call_and_validate()

        check()
