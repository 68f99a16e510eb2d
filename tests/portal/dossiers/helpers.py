"""Factories for dossier tests: dossiers written straight to the database, and small real files."""

from __future__ import annotations

import io
import re
import secrets
import zlib
from collections.abc import Mapping
from datetime import timedelta

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.catalogue.models import Service
from portal.database import utcnow
from portal.dossiers import references
from portal.dossiers.models import SCAN_UNSCANNED, Dossier, DossierDocument, DossierEvent
from portal.dossiers.storage import storage
from portal.extensions import db


def pdf_bytes(text: str = "test") -> bytes:
    """A small but well-formed one-page PDF."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
               b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)]  # fmt: skip
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    start = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, start))
    return out.getvalue()


def png_bytes() -> bytes:
    """A 1x1 white PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")

    header = (1).to_bytes(4, "big") * 2 + bytes([8, 2, 0, 0, 0])
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
        + chunk(b"IEND", b"")
    )


def create_dossier(app: Flask, slug: str, with_document: bool = True, locale: str = "fr") -> tuple[int, int | None]:
    """A dossier of the service ``slug`` (any body's) with one stored document; returns both ids."""
    with app.app_context():
        service = db.session.scalar(select(Service).where(Service.slug == slug))
        assert service is not None
        now = utcnow()
        number = references.next_number(service.body_id, now.year)
        reference = references.format_reference(service.body.acronym, now.year, number)
        dossier = Dossier(reference=reference, service=service, body_id=service.body_id, locale=locale,
                          status="received", tracking_hash=references.tracking_hash(reference, "AAAAA-BBBBB"),
                          idempotency_key=secrets.token_hex(16), applicant_name="Test",
                          answers={"wages": "ssn;name;months;wages\n150012345678;Test;12;100000"},
                          due_at=now + timedelta(days=30))  # fmt: skip
        dossier.events.append(DossierEvent(kind="status", status="received"))
        if with_document:
            key = storage().save(pdf_bytes())  # not scanned, as with no antivirus configured: agents open it
            dossier.documents.append(DossierDocument(kind="supporting", filename="piece.pdf",
                                                     content_type="application/pdf", size=10, storage_key=key,
                                                     scan_status=SCAN_UNSCANNED))  # fmt: skip
        db.session.add(dossier)
        db.session.commit()
        return dossier.id, dossier.documents[0].id if with_document else None


HIRING_AID = "/{locale}/services/hiring-aid/apply"  # the test agency's form, with three kinds of documents
HIRING_AID_ANSWERS = {
    "company_name": "Société des travaux du Sahel", "size": "small", "sector": "building",
    "address": "12, rue Didouche Mourad, Alger", "year": "2026", "hires": "5400", "young_hires": "5100",
    "workforce": "21000", "applicant_name": "Karim Haddad", "applicant_email": "k.haddad@example.dz",
}  # fmt: skip


def send_hiring_aid(
    client: FlaskClient, key: str, files: Mapping[str, tuple[bytes, str]], locale: str = "fr"
) -> tuple[int, str, str]:
    """Send the hiring aid's last step with these files (document kind: content and name); the status, the page
    and where it redirects."""
    data: dict[str, object] = {"key": key, "step": "2", "action": "submit", **HIRING_AID_ANSWERS}
    data.update({f"document-{kind}": (io.BytesIO(content), name) for kind, (content, name) in files.items()})
    response = client.post(HIRING_AID.format(locale=locale), data=data, content_type="multipart/form-data")
    return response.status_code, response.get_data(as_text=True), response.headers.get("Location", "")


def form_key(client: FlaskClient, path: str) -> str:
    """Open a form's first step, as a person would, and read its idempotency key."""
    match = re.search(
        r'name="key" value="([0-9a-f]{32})"', client.get(path, follow_redirects=True).get_data(as_text=True)
    )
    assert match is not None
    return match.group(1)


APPLY = "/ar/services/labour-inspection-report/apply"
FACTS = "2026-03-02;3;ساعات إضافية غير مدفوعة\n2026-03-09;2;ساعات إضافية غير مدفوعة"
COMPLAINT = {"category": "complaint", "applicant_kind": "worker", "subject": "wages",
             "message": "لم أتقاض أجر الساعات الإضافية لشهر مارس 2026.", "facts": FACTS,
             "applicant_name": "سليمة بن علي", "applicant_email": "salima@example.dz"}  # fmt: skip


def file_complaint(client: FlaskClient, **changes: str) -> str:
    """A complaint sent in Arabic through the pages; its reference."""
    sent = client.post(APPLY, data={"key": form_key(client, APPLY), "step": "1", "action": "submit",
                                    **COMPLAINT, **changes})  # fmt: skip
    assert sent.status_code == 302, sent.get_data(as_text=True)[-3000:]
    return sent.headers["Location"].split("/")[3]
