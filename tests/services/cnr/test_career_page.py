"""CNR's individual account of the active worker in my space, with the bundled CNR against the sandbox's CNR: a
worker near retirement links with the code CNR sent and reads three employers and the gap of 1995-1997, in French and
in Arabic (Algerian month names); CNR down, the page kept with its date."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import AppFactory
from tests.funds_sandbox import Sandbox
from tests.portal.accounts.helpers import create_account

KARIM = {"nss": "6511 0200 4417", "birth_date-day": "2", "birth_date-month": "11", "birth_date-year": "1965"}


def _linked_client(app: Flask, sandbox: Sandbox) -> FlaskClient:
    client = app.test_client()
    create_account(app, client, "karim@example.dz")
    assert client.post("/fr/my/funds/cnr/link", data=KARIM).headers["Location"] == "/fr/my/funds/cnr/code"
    code = sandbox.last_code("+213661234567")
    assert client.post("/fr/my/funds/cnr/code", data={"code": code}).status_code == 302
    return client


def test_the_career_of_a_worker_near_retirement(make_app: AppFactory, funds_sandbox: Sandbox) -> None:
    app = make_app(WTF_CSRF_ENABLED=False, FUNDS_BASE_URL=funds_sandbox.url)
    client = _linked_client(app, funds_sandbox)
    french = client.get("/fr/my/funds/cnr/career").get_data(as_text=True)
    assert "Ma carrière et mes cotisations – Caisse nationale des retraites" in french
    for employer in ("SARL Atlas Bâtiment", "Groupe industriel El Bahia", "Société des eaux de l&#39;Est"):
        assert employer in french
    assert "aucune cotisation enregistrée du 1er juillet 1995 au 28 février 1997." in french
    arabic = client.get("/ar/my/funds/cnr/career").get_data(as_text=True)
    assert "لا اشتراك مسجل من 1 جويلية 1995 إلى 28 فيفري 1997." in arabic
    assert "مساري المهني واشتراكاتي" in arabic
    funds_sandbox.fault("cnr", "error")
    kept = client.get("/ar/my/funds/cnr/career").get_data(as_text=True)
    assert "لا يستجيب حاليا: إليكم البيانات بتاريخ" in kept and "Groupe industriel El Bahia" in kept
