"""When the database cannot be reached (a restart, a failover), visitors get a 503 in their language that says
what to do, never a stack trace or a blank 500."""

from __future__ import annotations

import pytest
from flask import Flask

from tests.conftest import AppFactory
from tests.processes import free_port


@pytest.fixture
def unreachable(make_app: AppFactory) -> Flask:
    """The platform configured with a PostgreSQL server where none listens: every connection is refused."""
    return make_app(migrate=False, SQLALCHEMY_DATABASE_URI=f"postgresql+psycopg://portal:x@127.0.0.1:{free_port()}/x")


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/fr/services", "Service momentanément indisponible"),
        ("/ar/services", "الخدمة غير متاحة مؤقتاً"),
    ],
)
def test_a_page_says_the_service_is_briefly_unavailable(unreachable: Flask, path: str, words: str) -> None:
    response = unreachable.test_client().get(path)
    page = response.get_data(as_text=True)
    assert response.status_code == 503 and response.headers["Retry-After"] == "5"
    assert words in page and "Traceback" not in page and "psycopg" not in page


def test_the_api_answers_503_in_json(unreachable: Flask) -> None:
    response = unreachable.test_client().get("/api/v1/services")
    assert response.status_code == 503 and response.headers["Retry-After"] == "5"
    assert response.is_json and "psycopg" not in response.get_data(as_text=True)
