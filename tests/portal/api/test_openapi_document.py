"""The OpenAPI document tells a client everything it must send and may get back: the Idempotency-Key and
X-Tracking-Code headers and the answers that depend on them; a 405 names the methods allowed (RFC 9110)."""

from __future__ import annotations

from typing import Any

from flask import Flask


def header(operation: dict[str, Any], name: str) -> dict[str, Any]:
    found = [item for item in operation.get("parameters", []) if item["in"] == "header" and item["name"] == name]
    assert found, f"{name} is not declared"
    return found[0]


def test_the_document_declares_the_headers_and_the_answers_that_depend_on_them(portal_app: Flask) -> None:
    paths = portal_app.test_client().get("/api/v1/openapi.json").get_json()["paths"]
    apply = paths["/api/v1/services/{slug}/dossiers"]["post"]
    key = header(apply, "Idempotency-Key")
    assert key["required"] is True
    assert (key["schema"]["minLength"], key["schema"]["maxLength"]) == (16, 64)
    assert {"400", "409", "422"} <= set(apply["responses"])
    assert "different application" in apply["responses"]["409"]["description"]
    track = paths["/api/v1/dossiers/{reference}"]["get"]
    assert header(track, "X-Tracking-Code")["required"] is True
    assert {"400", "404", "429"} <= set(track["responses"])


def test_a_missing_header_is_a_bad_request_that_says_which(portal_app: Flask) -> None:
    client = portal_app.test_client()
    no_key = client.post("/api/v1/services/hiring-aid/dossiers", json={"answers": {}})
    assert no_key.status_code == 400
    assert no_key.get_json()["errors"]["headers"]["Idempotency-Key"] == [
        "Send an Idempotency-Key header of 16 to 64 visible ASCII characters."
    ]
    no_code = client.get("/api/v1/dossiers/APE-2026-000001-6")
    assert no_code.status_code == 400
    assert "X-Tracking-Code" in no_code.get_json()["errors"]["headers"]


def test_a_method_not_allowed_names_the_methods_that_are(portal_app: Flask) -> None:
    client = portal_app.test_client()
    api = client.delete("/api/v1/bodies")
    assert api.status_code == 405 and set(api.headers["Allow"].split(", ")) >= {"GET", "HEAD", "OPTIONS"}
    page = client.post("/fr/")
    assert page.status_code == 405 and "GET" in page.headers["Allow"]
    assert page.content_type.startswith("text/html")  # the page in the visitor's language, not JSON


def test_the_operations_for_apps_declare_their_scope_in_the_oauth2_scheme(portal_app: Flask) -> None:
    document = portal_app.test_client().get("/api/v1/openapi.json").get_json()
    flow = document["components"]["securitySchemes"]["oauth2"]["flows"]["authorizationCode"]
    assert flow["authorizationUrl"] == "http://localhost/ar/account/apps/authorize"
    assert flow["tokenUrl"] == flow["refreshUrl"] == "http://localhost/api/v1/oauth/token"
    assert set(flow["scopes"]) == {"profile", "dossiers:read", "dossiers:write"}
    secured = {f"{method.upper()} {path}": operation["security"] for path, item in document["paths"].items()
               for method, operation in item.items() if "security" in operation}  # fmt: skip
    assert secured == {
        "GET /api/v1/me": [{"oauth2": ["profile"]}],
        "GET /api/v1/me/dossiers": [{"oauth2": ["dossiers:read"]}],
        "GET /api/v1/me/dossiers/{reference}": [{"oauth2": ["dossiers:read"]}],
        "POST /api/v1/me/dossiers/{reference}/replies": [{"oauth2": ["dossiers:write"]}],
    }
    for path, item in document["paths"].items():
        for operation in item.values():
            if "security" in operation:
                assert {"401", "403"} <= set(operation["responses"]), path
