"""My payments under a mandate, against the sandbox gateway over HTTP: the representative reads the represented
person's payments of the services the mandate names (all of them for a mandate of every service), read-only (they
never pay in that person's name), and each read is written in the represented person's access log."""

from __future__ import annotations

from html import unescape
from urllib.parse import urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.payments import payables
from tests import payment_gateway
from tests.conftest import AppFactory
from tests.portal.accounts.organisations_helpers import accept_and_act, give_mandate, last_mandate, signed_up
from tests.portal.payments.helpers import abroad, fee, payments, start

VISA = "4111111111111111"


@pytest.fixture
def pay_app(make_app: AppFactory, gateway: str) -> Flask:
    app = make_app(WTF_CSRF_ENABLED=False, **payment_gateway.settings(gateway, timeout=1.0))
    payables.declare(app, "demo", "fee", fee, service="demo-leave")
    payables.declare(app, "demo", "abroad", abroad)  # of no hosted service: only a mandate of every service
    return app


def paid(client: FlaskClient, key: str, purpose: str) -> str:
    back = urlsplit(payment_gateway.pay_on_hosted_page(start(client, key, purpose=purpose), VISA))
    assert client.get(f"{back.path}?{back.query}").status_code == 200
    return back.path.rsplit("/", 1)[1]


def text(client: FlaskClient, path: str) -> str:
    answer = client.get(path)
    assert answer.status_code == 200, (path, answer.status_code)
    return unescape(answer.get_data(as_text=True))


def test_a_representative_reads_the_payments_the_mandate_allows_and_pays_none(pay_app: Flask) -> None:
    pensioner, relative = signed_up(pay_app, "payeur@example.dz"), signed_up(pay_app, "proche@example.dz")
    leave_fee, visa = paid(pensioner, "m" * 32, "fee"), paid(pensioner, "n" * 32, "abroad")
    own = paid(relative, "o" * 32, "fee")
    assert give_mandate(pensioner, "proche@example.dz", services=("demo-leave",)) == 302
    accept_and_act(pay_app, relative)

    listed = text(relative, "/fr/my/payments")
    assert leave_fee in listed and visa not in listed and own not in listed
    assert "Vous ne pouvez pas payer pour elle : elle paie elle-même." in listed
    assert "Votre paiement est confirmé par la banque." in text(relative, f"/fr/payments/{leave_fee}")
    assert relative.get(f"/fr/payments/{visa}").status_code == 404  # not in the mandate
    assert relative.get(f"/fr/payments/{own}").status_code == 404  # their own, while acting for another
    refused = relative.post("/fr/payments/demo/fee", data={"key": "p" * 32, "quarters": "1"}, follow_redirects=True)
    assert "Vous agissez pour une autre personne : elle paie elle-même." in unescape(refused.get_data(as_text=True))
    assert len(payments(pay_app)) == 3  # nothing paid in the pensioner's name

    log = text(pensioner, "/fr/my/accesses")
    assert "proche@example.dz, votre représentant" in log
    assert "la lecture de la liste de vos paiements" in log and "l'ouverture d'un de vos paiements" in log
    assert "la lecture de la liste de vos paiements" not in text(relative, "/fr/my/accesses")

    pensioner.post(f"/fr/my/mandates/{last_mandate(pay_app)}/revoke")
    assert give_mandate(pensioner, "proche@example.dz") == 302  # every service
    accept_and_act(pay_app, relative)
    listed = text(relative, "/fr/my/payments")
    assert leave_fee in listed and visa in listed and own not in listed
    assert "الاطلاع على قائمة مدفوعاتكم" in text(pensioner, "/ar/my/accesses")
