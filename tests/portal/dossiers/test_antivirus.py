"""The antivirus, against a real clamd (tests/clamd_server.py): documents are scanned by a job before agents open
them; an infected one is quarantined and the applicant told in their language; nothing else is lost."""

from __future__ import annotations

import html
import re
import socket
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.test import TestResponse

from portal.dossiers import antivirus
from portal.dossiers.models import Dossier, DossierDocument, DossierEvent, OutboxMessage
from portal.extensions import db
from portal.jobs.models import Job
from tests.clamd_server import EICAR, SIGNATURE
from tests.conftest import AppFactory
from tests.portal.backoffice.helpers import create_user, sign_in
from tests.portal.dossiers.helpers import HIRING_AID, form_key, pdf_bytes, png_bytes, send_hiring_aid

STATEMENT, CONTRACT, EXTRACT = pdf_bytes("declaration"), pdf_bytes(EICAR.decode()), png_bytes()
EMAILS = {
    "fr": ("Dossier {reference} : un fichier a été mis à l'écart",
           "Le fichier « contrat.pdf » contient un virus : il a été mis à l'écart et ne sera pas ouvert. Le reste de "
           "votre dossier est conservé et son traitement se poursuit."),
    "ar": ("الملف {reference}: تم عزل وثيقة",
           "تحتوي الوثيقة «contrat.pdf» على فيروس: تم عزلها ولن تُفتح. أما بقية ملفكم فهي محفوظة، ومعالجته متواصلة."),
}  # fmt: skip


def apply(app: Flask, locale: str = "fr", contract: bytes = CONTRACT) -> tuple[FlaskClient, str, int]:
    """The test agency's hiring aid sent with three documents (the contract given); the applicant's browser, the
    reference and the dossier's id."""
    client = app.test_client()
    files = {"statement": (STATEMENT, "declaration.pdf"), "contracts": (contract, "contrat.pdf"),
             "register_extract": (EXTRACT, "extrait.png")}  # fmt: skip
    status, page, location = send_hiring_aid(client, form_key(client, HIRING_AID.format(locale=locale)), files, locale)
    assert status == 302, page
    reference = location.split("/")[3]
    with app.app_context():
        return client, reference, db.session.scalars(select(Dossier.id).where(Dossier.reference == reference)).one()


def documents(app: Flask, dossier_id: int) -> dict[str, DossierDocument]:
    with app.app_context():
        return {item.filename: item for item in db.session.scalars(
            select(DossierDocument).where(DossierDocument.dossier_id == dossier_id))}  # fmt: skip


def agent(app: Flask) -> FlaskClient:
    client = app.test_client()
    sign_in(client, create_user(app, "agent", "pilote"))
    return client


def text(response: TestResponse) -> str:
    """What the page says: its text without the tags, its characters unescaped."""
    return html.unescape(re.sub(r"<[^>]*>", "", response.get_data(as_text=True)))


def sweep(app: Flask) -> str:
    """Run the jobs due, as a worker would; what ``flask jobs sweep`` says (the receipt's email is one of them)."""
    return str(app.test_cli_runner().invoke(args=["jobs", "sweep"]).output)


def test_a_clean_document_is_opened_by_agents_once_scanned(make_app: AppFactory, tmp_path: Path,
                                                           clamd_address: str) -> None:  # fmt: skip
    app = make_app(WTF_CSRF_ENABLED=False, UPLOAD_FOLDER=str(tmp_path / "uploads"), CLAMD_ADDRESS=clamd_address)
    _applicant, _reference, dossier_id = apply(app, contract=pdf_bytes("contrat"))
    statement = documents(app, dossier_id)["declaration.pdf"]
    staff = agent(app)
    path = f"/fr/backoffice/dossiers/{dossier_id}/documents/{statement.id}"
    assert statement.scan_status == "pending"
    waiting = staff.get(path)
    assert waiting.status_code == 409 and "L'antivirus n'a pas encore analysé ce document." in text(waiting)
    assert "analyse antivirus en cours" in text(staff.get(f"/fr/backoffice/dossiers/{dossier_id}"))
    assert "ran: 4" in sweep(app)
    assert {item.scan_status for item in documents(app, dossier_id).values()} == {"clean"}
    assert documents(app, dossier_id)["declaration.pdf"].scanned_at is not None
    served = staff.get(path)
    assert served.status_code == 200 and served.data == STATEMENT
    page = staff.get(f"/fr/backoffice/dossiers/{dossier_id}").get_data(as_text=True)
    assert page.count('scan-clean text-bg-success">sain<') == 3 and "analyse antivirus en cours" not in page


@pytest.mark.parametrize("locale", ["fr", "ar"])
def test_an_infected_document_is_quarantined_and_the_applicant_told_in_their_language(
    make_app: AppFactory, tmp_path: Path, clamd_address: str, locale: str
) -> None:
    app = make_app(WTF_CSRF_ENABLED=False, UPLOAD_FOLDER=str(tmp_path / "uploads"), CLAMD_ADDRESS=clamd_address)
    applicant, reference, dossier_id = apply(app, locale)
    before = documents(app, dossier_id)
    assert "ran: 4" in sweep(app)
    after = documents(app, dossier_id)
    infected = after["contrat.pdf"]
    assert (infected.scan_status, infected.scan_signature) == ("infected", f"{SIGNATURE}.UNOFFICIAL")
    key = infected.storage_key
    assert not (tmp_path / "uploads" / key[:2] / key).exists()  # out of the storage, into the quarantine
    assert (tmp_path / "quarantine" / key[:2] / key).read_bytes() == CONTRACT
    staff = agent(app)
    refused = staff.get(f"/fr/backoffice/dossiers/{dossier_id}/documents/{infected.id}")
    assert refused.status_code == 409 and "L'antivirus a trouvé un virus dans ce document" in text(refused)
    assert applicant.get(f"/{locale}/track/{reference}/documents/{infected.id}").status_code == 409
    page = text(staff.get(f"/fr/backoffice/dossiers/{dossier_id}"))
    assert f"infecté ({SIGNATURE}.UNOFFICIAL)" in page and "le fichier est en quarantaine" in page
    subject, notice = EMAILS[locale]
    with app.app_context():
        email = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id.desc())).first()
        assert email is not None and email.locale == locale and email.recipient == "k.haddad@example.dz"
        assert email.subject == subject.format(reference=reference) and notice in email.text
        dossier = db.session.get(Dossier, dossier_id)
        assert (
            dossier is not None
            and dossier.status == "received"
            and dossier.answers["company_name"] == ("Société des travaux du Sahel")
        )
    assert notice in text(applicant.get(f"/{locale}/track/{reference}"))
    for name in ("declaration.pdf", "extrait.png"):  # the other documents are kept, clean, and opened
        assert after[name].scan_status == "clean" and after[name].storage_key == before[name].storage_key
        assert staff.get(f"/fr/backoffice/dossiers/{dossier_id}/documents/{after[name].id}").status_code == 200
    with app.app_context():  # a worker killed after the verdict runs the job again: nothing happens twice
        antivirus.scan({"document": infected.id})
        assert len(db.session.scalars(select(DossierEvent).where(DossierEvent.kind == "antivirus")).all()) == 1
        assert len(db.session.scalars(select(OutboxMessage)).all()) == 2  # the receipt and the warning


def test_when_clamd_is_down_the_scan_is_retried_and_the_document_stays_refused(
    make_app: AppFactory, tmp_path: Path
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"127.0.0.1:{probe.getsockname()[1]}"
    app = make_app(WTF_CSRF_ENABLED=False, UPLOAD_FOLDER=str(tmp_path / "uploads"), CLAMD_ADDRESS=closed)
    _applicant, _reference, dossier_id = apply(app, contract=pdf_bytes("contrat"))
    assert "ran: 4" in sweep(app)
    statement = documents(app, dossier_id)["declaration.pdf"]
    with app.app_context():
        job = db.session.scalars(select(Job).where(Job.key == f"scan:{statement.id}")).one()
        assert (job.state, job.attempts) == ("queued", 1) and f"clamd at {closed}" in job.last_error
    assert statement.scan_status == "pending" and statement.scanned_at is None
    staff = agent(app)
    assert staff.get(f"/fr/backoffice/dossiers/{dossier_id}/documents/{statement.id}").status_code == 409


def test_the_rescan_job_scans_documents_sent_while_the_antivirus_was_off(
    make_app: AppFactory, tmp_path: Path, clamd_address: str
) -> None:
    app = make_app(WTF_CSRF_ENABLED=False, UPLOAD_FOLDER=str(tmp_path / "uploads"))  # no antivirus
    _applicant, _reference, dossier_id = apply(app)
    assert "ran: 1" in sweep(app)  # the receipt's email: no scan was asked for
    unscanned = documents(app, dossier_id)["contrat.pdf"]
    assert unscanned.scan_status == "unscanned"
    staff = agent(app)
    assert "non analysé par un antivirus" in text(staff.get(f"/fr/backoffice/dossiers/{dossier_id}"))
    assert staff.get(f"/fr/backoffice/dossiers/{dossier_id}/documents/{unscanned.id}").status_code == 200
    app.config["CLAMD_ADDRESS"] = clamd_address  # the antivirus is installed: what it has not seen waits for it
    assert staff.get(f"/fr/backoffice/dossiers/{dossier_id}/documents/{unscanned.id}").status_code == 409
    with app.app_context():
        assert antivirus.rescan() == 3
        assert antivirus.rescan() == 0  # each has its job now
    assert "ran: 3" in sweep(app)
    assert documents(app, dossier_id)["contrat.pdf"].scan_status == "infected"
