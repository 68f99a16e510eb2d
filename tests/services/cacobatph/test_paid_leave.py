"""A building worker's paid leave in my space, with the bundled CACOBATPH against the sandbox's: Amina links with the
code CACOBATPH sent and reads the days acquired, taken and left by period with the indemnity, in French and Arabic;
the call is in her access log; CACOBATPH down, the page kept with its date."""

from __future__ import annotations

from tests.conftest import AppFactory
from tests.funds_sandbox import Sandbox
from tests.portal.accounts.helpers import create_account
from tests.services.casnos.test_retirement_page import _text

AMINA = {"nss": "870314012345", "birth_date-day": "14", "birth_date-month": "3", "birth_date-year": "1987"}
PAGE = "/fr/my/funds/cacobatph/paid-leave"


def test_a_workers_paid_leave(make_app: AppFactory, funds_sandbox: Sandbox) -> None:
    app = make_app(WTF_CSRF_ENABLED=False, FUNDS_BASE_URL=funds_sandbox.url)
    client = app.test_client()
    create_account(app, client, "amina@example.dz")
    assert client.get(PAGE).headers["Location"] == "/fr/my/funds/cacobatph/link"
    client.post("/fr/my/funds/cacobatph/link", data=AMINA)
    client.post("/fr/my/funds/cacobatph/code", data={"code": funds_sandbox.last_code("+213550123456")})
    assert "Mes congés payés" in client.get("/fr/my/funds/").get_data(as_text=True)
    french = _text(client.get(PAGE).get_data(as_text=True))
    assert "Jours de congé restant à prendre pour 2026-2027 : 12,5." in french
    assert "<td>30</td><td>10</td><td>20</td><td>42 640,00 DA</td>" in french  # 2025-2026
    arabic = _text(client.get("/ar/my/funds/cacobatph/paid-leave").get_data(as_text=True))
    assert "أيام العطلة المتبقية لفترة 2026-2027: 12,5." in arabic
    assert "vos congés payés" in client.get("/fr/my/accesses").get_data(as_text=True)
    funds_sandbox.fault("cacobatph", "error")
    kept = _text(client.get(PAGE).get_data(as_text=True))
    assert "ne répond pas pour le moment : voici les données au" in kept and "42 640,00 DA" in kept
