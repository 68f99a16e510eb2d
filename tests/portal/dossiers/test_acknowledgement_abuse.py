"""Attacks on the acknowledgement of receipt: markup and addresses typed in the answers are text in the PDF, never
fetched nor laid out; and drawing PDFs (half a second of the server each) is limited per address."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from portal.dossiers.models import Dossier
from portal.extensions import db
from tests.conftest import AppFactory
from tests.portal.dossiers.test_acknowledgement import pdf_text, send_application

MARKUP = '<img src="file:///etc/passwd"><style>@import url(http://127.0.0.1:9/x);</style>'


def test_markup_in_an_answer_is_printed_as_typed(make_app: AppFactory, tmp_path: Path) -> None:
    app = make_app(WTF_CSRF_ENABLED=False, UPLOAD_FOLDER=str(tmp_path / "up"), TODAY="2026-03-01")
    client = app.test_client()
    _receipt, reference = send_application(client)
    with app.app_context():
        dossier = db.session.scalars(select(Dossier)).one()
        dossier.answers = {**dossier.answers, "worker_name": MARKUP}
        db.session.commit()
    pdf = client.get(f"/fr/dossiers/{reference}/acknowledgement.pdf")
    assert pdf.status_code == 200
    assert 'Nom du travailleur <img src="file:///etc/passwd"><style>@import url(' in pdf_text(pdf.data)


def test_an_address_draws_a_bounded_number_of_acknowledgements(make_app: AppFactory, tmp_path: Path) -> None:
    app = make_app(WTF_CSRF_ENABLED=False, UPLOAD_FOLDER=str(tmp_path / "up"), TODAY="2026-03-01",
                   ACKNOWLEDGEMENT_LIMIT="2 per minute")  # fmt: skip
    client = app.test_client()
    _receipt, reference = send_application(client)
    statuses = [client.get(f"/fr/dossiers/{reference}/acknowledgement.pdf").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert client.get(f"/fr/dossiers/{reference}/receipt").status_code == 200  # the receipt itself is not limited
