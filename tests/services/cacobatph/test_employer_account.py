"""CACOBATPH's employer's account in my space, with the bundled CACOBATPH against the sandbox's: Karim, whom the fund
knows as declaring for SARL Atlas Bâtiment, reads its wages and contributions by year and by worker once he owns the
organisation with its CACOBATPH number, in French and Arabic; an organisation declared with a number the fund does
not give him opens nothing, nor does the fund's word alone."""

from __future__ import annotations

from flask.testing import FlaskClient

from tests.conftest import AppFactory
from tests.funds_sandbox import Sandbox
from tests.portal.accounts.helpers import create_account
from tests.portal.accounts.organisations_helpers import create_organisation
from tests.services.casnos.test_retirement_page import _text

KARIM = {"nss": "651102004417", "birth_date-day": "2", "birth_date-month": "11", "birth_date-year": "1965"}
PAGE = "/fr/my/funds/cacobatph/employers"


def _linked(app_client: FlaskClient, sandbox: Sandbox) -> None:
    app_client.post("/fr/my/funds/cacobatph/link", data=KARIM)
    app_client.post("/fr/my/funds/cacobatph/code", data={"code": sandbox.last_code("+213661234567")})


def test_an_employers_account_for_its_owner_whom_the_fund_knows(make_app: AppFactory, funds_sandbox: Sandbox) -> None:
    app = make_app(WTF_CSRF_ENABLED=False, FUNDS_BASE_URL=funds_sandbox.url)
    client = app.test_client()
    create_account(app, client, "karim@example.dz")
    _linked(client, funds_sandbox)
    assert "Les comptes de mes employeurs" in client.get("/fr/my/funds/").get_data(as_text=True)
    alone = _text(client.get(PAGE).get_data(as_text=True))  # the fund's word alone
    assert "ne vous connaît comme déclarant d’aucun employeur" in alone and "Omar Kaci" not in alone
    create_organisation(client, cacobatph_number="1600420099")  # a number the fund does not give him
    assert "Omar Kaci" not in client.get(PAGE).get_data(as_text=True)
    create_organisation(client, cacobatph_number="1600420042", nif="000216001234599")
    french = _text(client.get(PAGE).get_data(as_text=True))
    assert "SARL Atlas Bâtiment" in french and "1600420042" in french
    assert "<td>8 570 000,00 DA</td><td>1 110 672,00 DA</td><td>832 000,00 DA</td>" in french  # 2025
    assert "Omar Kaci" in french and "411 840,00 DA" in french
    arabic = _text(client.get("/ar/my/funds/cacobatph/employers").get_data(as_text=True))
    assert "الأجور المصرح بها لكل عامل في 2025" in arabic and "Omar Kaci" in arabic
