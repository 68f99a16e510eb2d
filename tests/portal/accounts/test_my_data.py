"""My data: staff reading a dossier is written in its owner's access log, which only the owner reads; the download
holds the account's data and no other's; closing the account deletes what the page says and keeps the dossiers."""

from __future__ import annotations

import json
import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from portal.accounts.access_log import record_access
from portal.accounts.models import Account, AccountAccess, AccountAttribute, AccountCode
from portal.dossiers.models import Dossier
from portal.extensions import db
from tests.portal.accounts.helpers import PASSWORD, account_of, create_account, send_leave, sign_in
from tests.portal.accounts.organisations_helpers import ORGANISATION, create_organisation, give_mandate
from tests.portal.accounts.test_drafts import start_a_draft
from tests.portal.backoffice.helpers import create_user
from tests.portal.backoffice.helpers import sign_in as staff_sign_in
from tests.portal.dossiers.test_acknowledgement import pdf_text, positions


def staff_of_dossier(app: Flask, reference: str) -> tuple[FlaskClient, int]:
    """An agent of the body that handles the dossier, signed in, and the dossier's number."""
    with app.app_context():
        dossier = db.session.scalar(select(Dossier).where(Dossier.reference == reference))
        assert dossier is not None
        body, number = dossier.body.code, dossier.id
    client = app.test_client()
    staff_sign_in(client, create_user(app, "agent", body))
    return client, number


def account_id(app: Flask, identifier: str) -> int:
    with app.app_context():
        found = db.session.scalar(select(Account.id).where(Account.identifier == identifier))
        assert found is not None
        return found


def test_staff_reading_a_dossier_is_in_its_owners_log_and_nobody_elses(portal_app: Flask) -> None:
    alice, bachir = portal_app.test_client(), portal_app.test_client()
    create_account(portal_app, alice, "alice@example.dz")
    create_account(portal_app, bachir, "bachir@example.dz")
    hers = send_leave(alice)
    assert "Personne n'a encore vu vos données." in alice.get("/fr/my/accesses").get_data(as_text=True).replace(
        "&#39;", "'"
    )
    agent, number = staff_of_dossier(portal_app, hers)
    assert agent.get(f"/fr/backoffice/dossiers/{number}").status_code == 200
    with portal_app.app_context():
        record_access(account_id(portal_app, "alice@example.dz"), "fund", "cnas", "demo-leave", "entitlement_check")
        db.session.commit()

    french = alice.get("/fr/my/accesses").get_data(as_text=True)
    assert "un agent de" in french and "traitement d'un dossier" in french.replace("&#39;", "'")
    assert "le système d'information de" in french.replace("&#39;", "'")
    arabic = alice.get("/ar/my/accesses").get_data(as_text=True)
    months = ("جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان", "جويلية", "أوت", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر")
    assert any(month in arabic for month in months)
    assert "معالجة ملف" in arabic
    others = bachir.get("/fr/my/accesses").get_data(as_text=True)
    assert "un agent de" not in others and "Personne n'a encore vu vos données." in others.replace("&#39;", "'")
    anonymous = portal_app.test_client().get("/fr/my/accesses")
    assert anonymous.status_code == 302 and "/account/sign-in" in anonymous.headers["Location"]


def test_the_download_holds_my_data_and_not_anothers(portal_app: Flask) -> None:
    alice, bachir = portal_app.test_client(), portal_app.test_client()
    create_account(portal_app, alice, "alice@example.dz")
    create_account(portal_app, bachir, "bachir@example.dz")
    hers, his = send_leave(alice), send_leave(bachir, worker_name="Bachir Khelifi")
    agent, number = staff_of_dossier(portal_app, his)
    agent.get(f"/fr/backoffice/dossiers/{number}")

    response = alice.get("/fr/my/data.json")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "private, no-store"
    data = json.loads(response.get_data())
    assert data["account"]["identifier"] == "alice@example.dz"
    assert data["profile"]["email"]["source"] == "verified"
    assert [dossier["reference"] for dossier in data["dossiers"]] == [hers]
    assert data["dossiers"][0]["answers"]["worker_name"] == "Amine Saadi"
    assert data["dossiers"][0]["documents"][0]["filename"]
    assert data["access_log"] == [] and data["drafts"] == []
    assert his not in response.get_data(as_text=True) and "Bachir" not in response.get_data(as_text=True)


def test_the_pdf_is_a_pdf_with_my_name_in_my_language(portal_app: Flask) -> None:
    client = portal_app.test_client()
    create_account(portal_app, client, "salima@example.dz")
    profile = {"family_name_latin": "Benali", "given_names_latin": "Salima", "family_name_ar": "بن علي",
               "language": "ar"}  # fmt: skip
    assert client.post("/fr/my/profile", data=profile).status_code == 302
    reference = send_leave(client)
    for locale in ("fr", "ar"):
        response = client.get(f"/{locale}/my/data.pdf")
        assert response.status_code == 200 and response.mimetype == "application/pdf"
        assert response.get_data().startswith(b"%PDF-")
    french = pdf_text(client.get("/fr/my/data.pdf").get_data())
    assert "Salima" in french and "Benali" in french and "Tout ce que la plateforme détient sur moi" in french
    arabic = client.get("/ar/my/data.pdf").get_data()
    assert "كل ما تحتفظ به المنصة عني" in pdf_text(arabic) and "Salima" in pdf_text(arabic)
    where = positions(arabic)
    assert where["المرجع"] > where[reference]  # right to left: the label on the right, its value left


def test_closing_deletes_what_it_says_and_keeps_the_dossiers(portal_app: Flask) -> None:
    client = portal_app.test_client()
    create_account(portal_app, client, "ferme@example.dz")
    reference = send_leave(client)
    owner = account_id(portal_app, "ferme@example.dz")
    other_browser = portal_app.test_client()
    sign_in(other_browser, "ferme@example.dz")
    assert other_browser.get("/fr/my/").status_code == 200
    page = client.get("/fr/my/close").get_data(as_text=True)
    assert "conserver" in page or "conservés" in page

    wrong = client.post("/fr/my/close", data={"password": "pas le bon mot de passe"})
    assert wrong.status_code == 422 and 'aria-describedby="field-password-error"' in wrong.get_data(as_text=True)
    closed = client.post("/fr/my/close", data={"password": PASSWORD})
    assert closed.status_code == 302 and closed.headers["Location"] == "/fr/account/sign-in"

    with portal_app.app_context():
        for model in (AccountAttribute, AccountAccess):
            assert db.session.scalar(select(func.count()).where(model.account_id == owner)) == 0
        assert db.session.get(Account, owner) is None
        codes = select(func.count()).where(AccountCode.identifier == "ferme@example.dz")
        assert db.session.scalar(codes) == 0
    assert account_of(portal_app, reference) is None  # kept, no longer linked
    assert client.get("/fr/my/").status_code == other_browser.get("/fr/my/").status_code == 302  # sessions ended
    again = sign_in(portal_app.test_client(), "ferme@example.dz")
    unknown = sign_in(portal_app.test_client(), "jamais@example.dz")
    assert again.status_code == unknown.status_code == 401
    assert _without_token(again.get_data(as_text=True)) == _without_token(unknown.get_data(as_text=True))


def _without_token(page: str) -> str:
    return re.sub(r'name="csrf_token" value="[^"]*"', "", page.replace("ferme@", "X@").replace("jamais@", "X@"))


def test_the_download_holds_my_drafts_my_organisations_and_my_mandates(portal_app: Flask) -> None:
    client = portal_app.test_client()
    create_account(portal_app, client, "nadia@example.dz")
    start_a_draft(client)
    create_organisation(client)
    assert give_mandate(client, "comptable@example.dz") == 302
    data = json.loads(client.get("/fr/my/data.json").get_data())
    assert len(data["drafts"]) == 1 and data["drafts"][0]["service"] and data["drafts"][0]["deleted_on"]
    assert [member["nif"] for member in data["organisations"]] == [ORGANISATION["nif"]]
    assert [mandate["to"] for mandate in data["mandates_given"]] == ["comptable@example.dz"]
    french = pdf_text(client.get("/fr/my/data.pdf").get_data())
    assert "Mes brouillons" in french and data["drafts"][0]["service"] in french
    assert ORGANISATION["name_latin"] in french and ORGANISATION["nif"] in french
    assert "Donné à comptable@example.dz" in french
    arabic = pdf_text(client.get("/ar/my/data.pdf").get_data())
    assert ORGANISATION["name_ar"] in arabic and "ممنوحة لـ comptable@example.dz" in arabic
