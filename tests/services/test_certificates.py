"""Certificates from the bundled funds' records, against the sandbox funds over HTTP: Amina downloads CNAS's
certificate of affiliation in French and in Arabic, anyone checks it at /verify and sees no more than it shows;
CASNOS certifies Samia up to date but not Yacine, who owes; no certificate while the fund does not answer, or for
an account with no name; a certificate stays checkable, showing no more, once its holder closed the account."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pypdf import PdfReader
from sqlalchemy import func, select

from portal.accounts import profile
from portal.accounts.models import Account
from portal.certificates.models import Certificate
from portal.extensions import db
from tests.conftest import AppFactory
from tests.funds_sandbox import Sandbox
from tests.portal.accounts.helpers import PASSWORD, create_account
from tests.portal.certificates.conftest import write_key

AMINA = ({"nss": "870314012345", "birth_date-day": "14", "birth_date-month": "3", "birth_date-year": "1987"},
         "+213550123456")  # fmt: skip
SAMIA = ({"nss": "820415055667", "birth_date-day": "15", "birth_date-month": "4", "birth_date-year": "1982"},
         "+213771445566")  # fmt: skip
YACINE = ({"nss": "790621033210", "birth_date-day": "21", "birth_date-month": "6", "birth_date-year": "1979"},
          "+213770112233")  # fmt: skip
NAMES = {"given_names_latin": "Amina", "family_name_latin": "Benali",
         "given_names_ar": "أمينة", "family_name_ar": "بن علي"}  # fmt: skip
CODE = re.compile(r"[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}")


@pytest.fixture
def app(make_app: AppFactory, funds_sandbox: Sandbox, tmp_path: Path) -> Flask:
    return make_app(WTF_CSRF_ENABLED=False, FUNDS_BASE_URL=funds_sandbox.url,
                    CERTIFICATE_KEY_FILE=str(write_key(tmp_path / "certificate_key")))  # fmt: skip


def _linked(app: Flask, sandbox: Sandbox, fund: str, person: tuple[dict[str, str], str], email: str,
            names: dict[str, str] | None = NAMES) -> FlaskClient:  # fmt: skip
    client = app.test_client()
    create_account(app, client, email)
    if names:
        with app.app_context():
            account = db.session.scalars(select(Account).where(Account.identifier == email)).one()
            for name, value in names.items():
                profile.record(account, name, value)
            db.session.commit()
    client.post(f"/fr/my/funds/{fund}/link", data=person[0])
    client.post(f"/fr/my/funds/{fund}/code", data={"code": sandbox.last_code(person[1])})
    return client


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)


def _issued(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Certificate)) or 0


def test_an_affiliation_certificate_anyone_can_check(app: Flask, funds_sandbox: Sandbox) -> None:
    client = _linked(app, funds_sandbox, "cnas", AMINA, "amina@example.dz")
    page = client.get("/fr/my/funds/cnas/affiliation").get_data(as_text=True)
    assert "Télécharger l’attestation (PDF)" in page
    download = client.post("/fr/my/funds/cnas/certificates/affiliation")
    assert download.status_code == 200 and download.mimetype == "application/pdf"
    assert download.headers["Cache-Control"] == "private, no-store"
    text = pdf_text(download.data)
    for fact in ("Attestation d’affiliation", "Amina Benali", "Affilié(e) depuis le", "1er octobre 2010",
                 "870314012345", "Valable jusqu’au", "/verify/"):  # fmt: skip
        assert fact in text, fact
    code = CODE.findall(text)[0]
    anyone = app.test_client()
    assert anyone.get(f"/verify/{code}", headers={"Accept-Language": "fr"}).headers["Location"] == f"/fr/verify/{code}"
    french = anyone.get(f"/fr/verify/{code.lower()}")
    shown = french.get_data(as_text=True)
    assert french.headers["Cache-Control"] == "no-store"
    assert "Cette attestation est authentique et valable." in shown and "Amina B." in shown
    assert "••••••••2345" in shown and "Travailleurs salariés" in shown
    for private in ("Benali", "870314012345", "amina@example.dz", "1987"):  # more than the certificate shows
        assert private not in shown, private
    arabic = anyone.get(f"/ar/verify/{code}").get_data(as_text=True)
    assert "هذه الشهادة أصلية وصالحة." in arabic and 'dir="rtl"' in arabic and "Amina B." in arabic
    [held] = client.get("/fr/my/data.json").get_json()["certificates"]  # the holder's data holds what was certified
    assert held["certified"]["code"] == code and held["certified"]["holder"] == "Amina Benali"


def test_the_certificate_in_arabic_bears_the_arabic_name(app: Flask, funds_sandbox: Sandbox) -> None:
    client = _linked(app, funds_sandbox, "cnas", AMINA, "amina-ar@example.dz")
    text = pdf_text(client.post("/ar/my/funds/cnas/certificates/affiliation").data)
    assert "رمز التحقق" in text and CODE.search(text)
    code = CODE.findall(text)[0]
    assert "أمينة ب. ع." in app.test_client().get(f"/ar/verify/{code}").get_data(as_text=True)


def test_an_unknown_code_is_said_so(app: Flask) -> None:
    answer = app.test_client().get("/fr/verify/AAAA-BBBB-CCCC")
    assert answer.status_code == 404
    assert "Aucune attestation ne porte ce code." in answer.get_data(as_text=True)


def test_up_to_date_only_when_nothing_is_owed(app: Flask, funds_sandbox: Sandbox) -> None:
    samia = _linked(app, funds_sandbox, "casnos", SAMIA, "samia@example.dz")
    text = pdf_text(samia.post("/fr/my/funds/casnos/certificates/up_to_date").data)
    assert "Attestation de mise à jour des cotisations" in text and "Dernière année de cotisations 2025" in text
    yacine = _linked(app, funds_sandbox, "casnos", YACINE, "yacine@example.dz")
    refused = yacine.post("/fr/my/funds/casnos/certificates/up_to_date")
    assert refused.headers["Location"] == "/fr/my/funds/casnos/retirement-account"
    page = yacine.get(refused.headers["Location"]).get_data(as_text=True)
    assert "Votre dossier auprès de la caisse ne permet pas cette attestation." in page
    assert _issued(app) == 1


def test_no_certificate_while_the_fund_is_down_or_without_a_name(app: Flask, funds_sandbox: Sandbox) -> None:
    client = _linked(app, funds_sandbox, "cnas", AMINA, "amina-down@example.dz")
    client.get("/fr/my/funds/cnas/affiliation")  # an answer kept
    funds_sandbox.fault("cnas", "error")
    refused = client.post("/fr/my/funds/cnas/certificates/affiliation")
    assert refused.headers["Location"] == "/fr/my/funds/cnas/affiliation"
    assert "il ne répond pas" in client.get(refused.headers["Location"]).get_data(as_text=True)
    funds_sandbox.clear()
    nameless = _linked(app, funds_sandbox, "cnas", AMINA, "nameless@example.dz", names=None)
    assert nameless.post("/fr/my/funds/cnas/certificates/affiliation").headers["Location"] == "/fr/my/profile"
    assert _issued(app) == 0


def test_a_certificate_stays_checkable_after_its_holder_closed_the_account(app: Flask, funds_sandbox: Sandbox) -> None:
    client = _linked(app, funds_sandbox, "cnas", AMINA, "amina-closes@example.dz")
    code = CODE.findall(pdf_text(client.post("/fr/my/funds/cnas/certificates/affiliation").data))[0]
    anyone = app.test_client()
    before = {locale: anyone.get(f"/{locale}/verify/{code}").get_data(as_text=True) for locale in ("fr", "ar")}
    french = client.get("/fr/my/close").get_data(as_text=True).replace("&#39;", "'")
    assert "toute personne à qui vous en avez remis une peut toujours la vérifier avec son code" in french
    assert 'href="/fr/verify/"' in french
    assert "يمكن لكل من سلّمتموه شهادة أن يتحقق منها برمزها" in client.get("/ar/my/close").get_data(as_text=True)
    assert client.post("/fr/my/close", data={"password": PASSWORD}).status_code == 302
    with app.app_context():
        assert db.session.scalars(select(Certificate.account_id).where(Certificate.code == code)).one() is None
    for locale, shown in before.items():
        after = anyone.get(f"/{locale}/verify/{code}")
        assert after.status_code == 200 and after.get_data(as_text=True) == shown  # the same, and no more
    assert "Cette attestation est authentique et valable." in before["fr"] and "Benali" not in before["fr"]
