"""Guessing tracking codes: the tracking form and the API add to one count per address, so using both doors does
not double the tries."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

REFERENCE = "MTESS-2026-000001-6"


def by_api(client: FlaskClient) -> TestResponse:
    return client.get(f"/api/v1/dossiers/{REFERENCE}", headers={"X-Tracking-Code": "AAAAA-AAAAA"})


def by_form(client: FlaskClient) -> TestResponse:
    return client.post("/fr/track", data={"reference": REFERENCE, "code": "AAAAA-AAAAA"})


Door = Callable[[FlaskClient], TestResponse]


@pytest.mark.parametrize(
    ("first", "then"), [(by_api, by_form), (by_form, by_api)], ids=["api-then-form", "form-then-api"]
)
def test_the_tracking_form_and_the_api_share_one_count_of_guesses(portal_app: Flask, first: Door, then: Door) -> None:
    client = portal_app.test_client()
    assert [first(client).status_code for _ in range(10)] in ([404] * 10, [422] * 10)
    refused = then(client)
    assert refused.status_code == 429
    assert first(client).status_code == 429
