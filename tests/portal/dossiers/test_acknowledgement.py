"""The receipt tells the truth (the confirmation email, the processing time, what happens next) and offers the
acknowledgement of receipt as a PDF in the applicant's language, to the applicant alone, with a verification
code that the body's staff find on the dossier."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pypdf import PdfReader
from sqlalchemy import select

from portal.catalogue.models import Service
from portal.dossiers import acknowledgement
from portal.dossiers.models import Dossier
from portal.extensions import db
from tests.conftest import AppFactory
from tests.portal.backoffice.helpers import create_user, sign_in
from tests.portal.dossiers.helpers import create_dossier, form_key, pdf_bytes

ANSWERS = {"worker_name": "Amine Saadi", "kind": "ordinary", "start": "2026-01-10", "days": "10"}
CONTACT = {"applicant_name": "Amine Saadi", "applicant_email": "amine@example.dz"}


def send_application(client: FlaskClient, locale: str = "fr") -> tuple[str, str]:
    """Apply to the test fund's leave form from this browser; the receipt's page and its reference."""
    path = f"/{locale}/services/demo-leave/apply"
    data: dict[str, Any] = {"key": form_key(client, path), "step": "2", "action": "submit", **ANSWERS, **CONTACT,
                            "document-certificate": (io.BytesIO(pdf_bytes()), "certificat.pdf")}  # fmt: skip
    sent = client.post(path, data=data, content_type="multipart/form-data")
    assert sent.status_code == 302, sent.get_data(as_text=True)[:2000]
    receipt = client.get(sent.headers["Location"]).get_data(as_text=True)
    match = re.search(r'class="reference">([^<]+)<', receipt)
    assert match is not None
    return receipt, match.group(1)


def pdf_text(data: bytes) -> str:
    """The PDF's text, its lines joined by single spaces (a label may wrap in its cell)."""
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)


def positions(data: bytes) -> dict[str, float]:
    """Where each piece of text starts on the first page, from the left edge (in points)."""
    found: dict[str, float] = {}

    def keep(text: str, _cm: Any, matrix: Any, *_rest: Any) -> None:
        if text.strip():
            found.setdefault(text.strip(), float(matrix[4]))

    PdfReader(io.BytesIO(data)).pages[0].extract_text(visitor_text=keep)
    return found


def unicode_maps(data: bytes) -> list[bytes]:
    """The ToUnicode maps of the first page's fonts: which glyph stands for which characters."""
    resources: Any = PdfReader(io.BytesIO(data)).pages[0]["/Resources"]
    return [font.get_object()["/ToUnicode"].get_object().get_data() for font in resources["/Font"].values()]


def test_the_receipt_says_the_email_will_be_sent_while_it_waits_in_the_outbox(hosted_app: Flask) -> None:
    receipt, _reference = send_application(hosted_app.test_client())  # no mail server: the email stays unsent
    assert "Un courriel de confirmation sera envoyé à amine@example.dz." in receipt
    assert "courriel de confirmation a été envoyé" not in receipt


def test_the_receipt_says_the_email_was_sent_once_the_server_took_it(
    make_app: AppFactory, tmp_path: Path, smtp_server: list[Any]
) -> None:
    port = smtp_server.pop(0)
    app = make_app(WTF_CSRF_ENABLED=False, UPLOAD_FOLDER=str(tmp_path / "up"), MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
    client = app.test_client()
    receipt, reference = send_application(client)
    assert "Un courriel de confirmation sera envoyé à amine@example.dz." in receipt  # the worker has not run yet
    app.test_cli_runner().invoke(args=["jobs", "sweep"])
    [email] = smtp_server
    assert reference in email["Subject"]
    receipt = client.get(f"/fr/dossiers/{reference}/receipt").get_data(as_text=True)
    assert "Un courriel de confirmation a été envoyé à amine@example.dz." in receipt
    assert "sera envoyé" not in receipt


def test_the_receipt_says_when_it_was_received_how_long_it_takes_and_what_comes_next(hosted_app: Flask) -> None:
    receipt, _reference = send_application(hosted_app.test_client())
    assert re.search(r"Reçue le (1er|\d{1,2}) \w+ 20\d\d à \d\d:\d\d\.", receipt)  # Algiers, 24 h; "1er" on the 1st
    assert "Délai de traitement : 30\xa0jours." in receipt or "Délai de traitement : 30 jours." in receipt
    assert "Réponse attendue de l'organisme (Caisse d&#39;essai) au plus tard le" in receipt  # no article needed
    assert "Votre dossier a bien été reçu" in receipt  # the first status's message: what happens next
    assert "accusé de réception (PDF)</a>" in receipt


def test_the_receipt_gives_the_processing_time_the_service_declares(hosted_app: Flask) -> None:
    with hosted_app.app_context():
        service = db.session.scalar(select(Service).where(Service.slug == "demo-leave"))
        assert service is not None
        service.texts["fr"].processing_time = "Quinze jours ouvrables."  # as an editor may write it
        db.session.commit()
    receipt, _reference = send_application(hosted_app.test_client())
    assert "Délai de traitement : Quinze jours ouvrables. Réponse attendue de l'organisme" in receipt


def test_the_acknowledgement_in_french_holds_the_facts_and_a_code_staff_can_check(hosted_app: Flask) -> None:
    client = hosted_app.test_client()
    receipt, reference = send_application(client)
    tracking = re.search(r'class="tracking-code">([^<]+)<', receipt)
    assert tracking is not None
    download = client.get(f"/fr/dossiers/{reference}/acknowledgement.pdf")
    assert download.status_code == 200 and download.mimetype == "application/pdf"
    assert download.headers["Cache-Control"] == "private, no-store"
    text = pdf_text(download.data)
    for fact in (
        "Accusé de réception",
        reference,
        "Reçue le",
        "Congé d'essai",
        "Caisse d'essai",
        "Délai de traitement",
        "Réponse attendue au plus tard le",
        "Amine Saadi",
        "Code de vérification",
    ):
        assert fact in text, fact
    assert tracking.group(1) not in text and tracking.group(1).replace("-", "") not in text
    code = re.search(r"Code de vérification\s*([A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4})", text)
    assert code is not None
    agent = hosted_app.test_client()
    sign_in(agent, create_user(hosted_app, "agent", "demo"))
    with hosted_app.app_context():
        dossier_id = db.session.scalar(select(Dossier.id).where(Dossier.reference == reference))
    page = agent.get(f"/fr/backoffice/dossiers/{dossier_id}").get_data(as_text=True)
    assert f'class="verification-code">{code.group(1)}<' in page


def test_the_acknowledgement_in_arabic_is_shaped_and_laid_out_right_to_left(hosted_app: Flask) -> None:
    client = hosted_app.test_client()
    _receipt, reference = send_application(client, "ar")
    download = client.get(f"/ar/dossiers/{reference}/acknowledgement.pdf")
    assert download.status_code == 200
    text = pdf_text(download.data)
    facts = ("وصل استلام", "تاريخ الاستلام", "عطلة تجريبية", "رمز التحقق", "آجال المعالجة", "آخر أجل للرد")
    for fact in (*facts, "Amine Saadi"):
        assert fact in text, fact
    assert "على الساعة" in text and re.search(r"(?<!\d)\d\d:\d\d(?!\d)", text)  # Algiers time, 24-hour clock
    assert any(b"<06440627>" in cmap for cmap in unicode_maps(download.data))  # lam-alef as one glyph: shaped
    where = positions(download.data)
    label, value = where.get("المرجع"), where.get(reference)
    assert label is not None and value is not None and label > value  # the label on the right, its value left
    french = positions(client.get(f"/fr/dossiers/{reference}/acknowledgement.pdf").data)
    assert french["Référence"] < french[reference]


@pytest.mark.parametrize("locale", ["fr", "ar"])
def test_another_browser_gets_the_acknowledgement_only_with_the_tracking_code(hosted_app: Flask, locale: str) -> None:
    applicant = hosted_app.test_client()
    receipt, reference = send_application(applicant, locale)
    stranger = hosted_app.test_client()
    refused = stranger.get(f"/{locale}/dossiers/{reference}/acknowledgement.pdf")
    assert refused.status_code == 302 and refused.headers["Location"].startswith(f"/{locale}/track?reference=")
    assert refused.mimetype != "application/pdf"
    tracking = re.search(r'class="tracking-code">([^<]+)<', receipt)
    assert tracking is not None
    tracked = stranger.post(f"/{locale}/track", data={"reference": reference, "code": tracking.group(1)},
                            follow_redirects=True)  # fmt: skip
    assert f'href="/{locale}/dossiers/{reference}/acknowledgement.pdf"' in tracked.get_data(as_text=True)
    allowed = stranger.get(f"/{locale}/dossiers/{reference}/acknowledgement.pdf")
    assert allowed.status_code == 200 and reference in pdf_text(allowed.data)


@pytest.mark.parametrize(("locale", "mark", "notice"), [("fr", "(indicatif)", "Estimation indicative"),
                                                          ("ar", "(إرشادي)", "تقدير إرشادي")])  # fmt: skip
def test_the_acknowledgement_marks_indicative_lines_with_one_notice_and_groups_a_number(
    hosted_app: Flask, locale: str, mark: str, notice: str
) -> None:
    dossier_id, _ = create_dossier(hosted_app, "demo-leave", with_document=False)
    line = {
        "label": {"ar": "المبلغ", "fr": "Montant"},
        "value": "1000",
        "unit": "DZD",
        "detail": {},
        "indicative": True,
    }
    with hosted_app.test_request_context(f"/{locale}/"):
        dossier = db.session.get_one(Dossier, dossier_id)
        dossier.estimate = [dict(line, code="a"), dict(line, code="b"), dict(line, code="c", indicative=False)]
        dossier.answers = {**dossier.answers, "social_security_number": "123456789012"}
        db.session.commit()
        hosted_app.preprocess_request()
        text = pdf_text(acknowledgement.pdf(dossier, locale))
    assert text.count(mark) == 2 and text.count(notice) == 1
    assert "1234 5678 9012" in text  # the groups in their order, right to left around them in Arabic
