"""CNR's connector against the sandbox's CNR over HTTP, every answer checked against sandbox/funds/openapi/cnr.yaml:
linking by the code sent to the number CNR holds or by the NIN, and the career record with its gap."""

from __future__ import annotations

from datetime import date

from tests.conftest import AppFactory
from tests.funds_sandbox import Sandbox
from tests.services.connectors import checked, operations_documented, operations_supported

KARIM = ("651102004417", date(1965, 11, 2), "+213661234567")


def test_the_connector_supports_what_the_document_describes(make_app: AppFactory, funds_sandbox: Sandbox) -> None:
    cnr = checked(make_app, funds_sandbox, "cnr")
    assert operations_supported(cnr.app, "cnr") == operations_documented("cnr")


def test_a_worker_is_linked_by_code_and_reads_the_career(make_app: AppFactory, funds_sandbox: Sandbox) -> None:
    cnr = checked(make_app, funds_sandbox, "cnr")
    person = cnr.link_by_code(funds_sandbox, *KARIM)
    career = cnr.call("career", person)
    assert [period["employer"]["name"] for period in career["periods"]] == [
        "SARL Atlas Bâtiment", "Groupe industriel El Bahia", "Société des eaux de l'Est"]  # fmt: skip
    assert career["gaps"] == [{"start": "1995-07-01", "end": "1997-02-28"}]
    assert cnr.contract.checked == ["find_person 200", "confirm_person 200", "career 200"]


def test_the_refusals_follow_the_document(make_app: AppFactory, funds_sandbox: Sandbox) -> None:
    cnr = checked(make_app, funds_sandbox, "cnr")
    assert cnr.call("find_person", KARIM[0], date(1965, 11, 3)) is None
    assert cnr.call("confirm_person", "no-such-challenge", "123456") is None
    assert cnr.call("person_by_nin", "119650987654321098", KARIM[1]) == "CNR-0001"
    assert cnr.contract.checked == ["find_person 404", "confirm_person 422", "person_by_nin 200"]
