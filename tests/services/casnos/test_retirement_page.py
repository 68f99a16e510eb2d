"""CASNOS's electronic retirement account in my space, with the bundled CASNOS against the sandbox's CASNOS: a
non-salaried worker links with the code CASNOS sent and reads the contributions declared and paid by year and the
arrears, in French and Arabic; malformed answers from CASNOS, the page kept with its date."""

from __future__ import annotations

from tests.conftest import AppFactory
from tests.funds_sandbox import Sandbox
from tests.portal.accounts.helpers import create_account

YACINE = {"nss": "790621033210", "birth_date-day": "21", "birth_date-month": "6", "birth_date-year": "1979"}
PAGE = "/fr/my/funds/casnos/retirement-account"


def _text(page: str) -> str:
    """The page with its non-breaking spaces (between groups of digits, before the currency) as plain spaces."""
    return page.replace("\u00a0", " ").replace("\u202f", " ")


def test_the_retirement_account_of_a_non_salaried_worker(make_app: AppFactory, funds_sandbox: Sandbox) -> None:
    app = make_app(WTF_CSRF_ENABLED=False, FUNDS_BASE_URL=funds_sandbox.url)
    client = app.test_client()
    create_account(app, client, "yacine@example.dz")
    assert client.get(PAGE).headers["Location"] == "/fr/my/funds/casnos/link"
    client.post("/fr/my/funds/casnos/link", data=YACINE)
    client.post("/fr/my/funds/casnos/code", data={"code": funds_sandbox.last_code("+213770112233")})
    assert "Mon compte retraite" in client.get("/fr/my/funds/").get_data(as_text=True)
    french = _text(client.get(PAGE).get_data(as_text=True))
    assert "Reste dû : 167 500,00 DA." in french
    assert "<td>135 000,00 DA</td><td>135 000,00 DA</td>" in french  # 2025: due and paid
    arabic = _text(client.get("/ar/my/funds/casnos/retirement-account").get_data(as_text=True))
    assert "المبلغ المتبقي المستحق: 167 500,00 دج." in arabic
    funds_sandbox.fault("casnos", "wrong_shape")
    kept = _text(client.get(PAGE).get_data(as_text=True))
    assert "a envoyé une réponse illisible : voici les données au" in kept and "167 500,00 DA" in kept
