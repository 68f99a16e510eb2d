"""The API's list of services is read as rows (portal.api.listing), but says exactly what its schema documents:
the same output as ``ServiceSummarySchema`` dumping the ORM's services, for every page of every filter."""

from __future__ import annotations

import pytest
from flask import Flask

from portal.api.schemas import ServiceSummarySchema
from portal.catalogue.browse import Filters, browse, services_of
from portal.registry import get_registry


@pytest.mark.parametrize(
    "filters",
    [Filters(), Filters(audience=("employer",)), Filters(q="cotisation"), Filters(status=("retired",)),
     Filters(per_page=3, page=2)],
)  # fmt: skip
def test_the_rows_give_what_the_schema_documents(app: Flask, filters: Filters) -> None:
    with app.test_request_context("/api/v1/services"):
        bodies = list(get_registry().bodies)
        documented = ServiceSummarySchema(many=True).dump(browse(filters, bodies, "ar", load=services_of).services)
        client = app.test_client()
        query = {"audience": filters.audience, "q": filters.q, "status": filters.status, "page": filters.page,
                 "per_page": filters.per_page}  # fmt: skip
        listed = client.get("/api/v1/services", query_string={k: v for k, v in query.items() if v}).get_json()
    assert documented and listed["items"] == documented
