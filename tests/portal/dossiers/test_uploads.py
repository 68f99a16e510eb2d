"""Uploads: limits, the type read from the content, names that cannot reach the disk, and who may read them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.dossiers.models import Dossier, PendingUpload
from portal.dossiers.storage import LocalStorage
from portal.extensions import db
from tests.portal.backoffice.helpers import create_user, sign_in
from tests.portal.dossiers.helpers import HIRING_AID, form_key, pdf_bytes, png_bytes, send_hiring_aid

APPLY = HIRING_AID.format(locale="fr")


def send(client: FlaskClient, key: str, **files: tuple[bytes, str]) -> tuple[int, str, str]:
    return send_hiring_aid(client, key, files)


def tokens(page: str) -> list[str]:
    return re.findall(r'name="upload" value="([0-9a-f]+)"', page)


def test_a_file_too_large_is_refused_and_the_answers_are_kept(portal_app: Flask) -> None:
    client = portal_app.test_client()
    status, page, _ = send(
        client, form_key(client, APPLY), statement=(b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024), "big.pdf")
    )
    assert status == 422
    assert "Le fichier « big.pdf » est trop volumineux : 5 Mo au plus." in page
    assert 'value="Société des travaux du Sahel"' in page and 'value="5400"' in page


def test_a_file_whose_content_is_not_what_its_name_says_is_refused(portal_app: Flask) -> None:
    client = portal_app.test_client()
    status, page, _ = send(client, form_key(client, APPLY), statement=(b"MZ\x90\x00 not a pdf", "statuts.pdf"),
                           register_extract=(png_bytes(), "recu.png"))  # fmt: skip
    assert status == 422
    assert "Le fichier « statuts.pdf » n&#39;est pas d&#39;un format accepté (PDF)." in page
    assert "recu.png" in page and len(tokens(page)) == 1  # the good file is kept, not asked again
    with portal_app.app_context():
        [kept] = db.session.scalars(select(PendingUpload))
        assert (kept.filename, kept.content_type) == ("recu.png", "image/png")


def test_a_png_is_refused_where_only_pdf_is_accepted(portal_app: Flask) -> None:
    client = portal_app.test_client()
    _status, page, _ = send(client, form_key(client, APPLY), statement=(png_bytes(), "declaration.pdf"))
    assert "n&#39;est pas d&#39;un format accepté (PDF)" in page


def test_a_path_in_the_file_name_never_reaches_the_disk(portal_app: Flask, tmp_path: Path) -> None:
    client = portal_app.test_client()
    status, page, _location = send(client, form_key(client, APPLY),
                                   statement=(pdf_bytes(), "../../../../etc/cron.d/evil.pdf"),
                                   contracts=(pdf_bytes("contracts"), "..\\..\\windows\\system.pdf"),
                                   register_extract=(png_bytes(), "/var/lib/recu.png"))  # fmt: skip
    assert status == 302, page
    uploads = tmp_path / "uploads"
    stored = sorted(path for path in uploads.rglob("*") if path.is_file())
    assert len(stored) == 3
    assert all(re.fullmatch(r"[0-9a-f]{40}", path.name) and path.parent.parent == uploads for path in stored)
    assert not Path("/etc/cron.d/evil.pdf").exists()
    with portal_app.app_context():
        names = sorted(document.filename for document in db.session.scalars(select(Dossier)).one().documents)
    assert names[:2] == ["evil.pdf", "recu.png"]
    assert not any(set(name) & {"/", "\\"} or name.startswith(".") for name in names)


def test_the_storage_accepts_only_keys_it_made(tmp_path: Path) -> None:
    storage = LocalStorage(tmp_path)
    key = storage.save(b"content")
    assert storage.read(key) == b"content"
    for forged in ("../" + key[3:], "/etc/passwd", key.upper(), key + "/.."):
        with pytest.raises(KeyError):
            storage.read(forged)


def _submitted(app: Flask) -> tuple[FlaskClient, str, int]:
    client = app.test_client()
    files = {"statement": (pdf_bytes("declaration"), "d.pdf"), "contracts": (pdf_bytes(), "m.pdf"),
             "register_extract": (png_bytes(), "r.png")}  # fmt: skip
    status, page, location = send(client, form_key(client, APPLY), **files)
    assert status == 302, page
    reference = location.split("/")[3]
    with app.app_context():
        dossier = db.session.scalars(select(Dossier)).one()
        return client, reference, dossier.documents[0].id


def test_a_document_is_served_to_the_applicant_and_the_bodys_agents_only(portal_app: Flask) -> None:
    applicant, reference, document_id = _submitted(portal_app)
    mine = applicant.get(f"/fr/track/{reference}/documents/{document_id}")
    assert mine.status_code == 200 and mine.data == pdf_bytes("declaration")
    assert mine.headers["Content-Disposition"] == "attachment; filename=d.pdf"
    stranger = portal_app.test_client()
    refused = stranger.get(f"/fr/track/{reference}/documents/{document_id}")
    assert refused.status_code == 302 and "/fr/track?reference=" in refused.headers["Location"]
    with portal_app.app_context():
        dossier_id = db.session.scalars(select(Dossier.id)).one()
    agency_agent = portal_app.test_client()
    sign_in(agency_agent, create_user(portal_app, "agent", "pilote"))
    served = agency_agent.get(f"/fr/backoffice/dossiers/{dossier_id}/documents/{document_id}")
    assert served.status_code == 200 and served.data == pdf_bytes("declaration")
    other_body = portal_app.test_client()
    sign_in(other_body, create_user(portal_app, "agent", "demo"))
    assert other_body.get(f"/fr/backoffice/dossiers/{dossier_id}/documents/{document_id}").status_code == 404
    assert other_body.get(f"/fr/backoffice/dossiers/{dossier_id}").status_code == 404
