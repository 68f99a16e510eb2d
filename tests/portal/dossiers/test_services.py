"""A hosted service end to end in the language not tested elsewhere, and the upkeep of what applicants leave
behind."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

from flask import Flask
from sqlalchemy import select, update

from portal.database import utcnow
from portal.dossiers.models import Dossier, PendingUpload
from portal.extensions import db
from tests.portal.backoffice.helpers import create_user, sign_in
from tests.portal.dossiers.helpers import form_key, pdf_bytes, png_bytes

APPLY = "/ar/services/hiring-aid/apply"
COMPANY = {"company_name": "مؤسسة الأطلس للبناء", "size": "small", "sector": "building",
           "address": "12 شارع ديدوش مراد، الجزائر"}  # fmt: skip
HIRING = {"year": "2026", "hires": "70", "young_hires": "18", "workforce": "240"}


def test_a_hosted_application_in_arabic_from_the_form_to_the_bodys_decision(portal_app: Flask) -> None:
    applicant = portal_app.test_client()
    key = form_key(applicant, APPLY)
    second = applicant.post(APPLY, data={"key": key, "step": "0", **COMPANY}).get_data(as_text=True)
    assert "المرحلة 2 من 3: التوظيفات" in second
    wrong = applicant.post(APPLY, data={"key": key, "step": "2", "action": "submit", **COMPANY, **HIRING,
                                        "young_hires": "80"})  # fmt: skip
    assert wrong.status_code == 422
    assert "لا يمكن أن يتجاوز عدد الشباب الموظفين عدد التوظيفات." in wrong.get_data(as_text=True)
    final = applicant.post(APPLY, data={"key": key, "step": "1", **COMPANY, **HIRING}).get_data(as_text=True)
    assert "المرحلة 3 من 3" in final and "نسبة الشباب من التوظيفات" in final and "25,7" in final  # before sending
    assert "9\u202f600,00\xa0دج" in final  # 40 % of the minimum wage of 2026, both read from the rules
    files = {"document-statement": (io.BytesIO(pdf_bytes()), "تصريح.pdf"),
             "document-contracts": (io.BytesIO(pdf_bytes()), "عقود.pdf"),
             "document-register_extract": (io.BytesIO(png_bytes()), "سجل.png")}  # fmt: skip
    answers = {**COMPANY, **HIRING, "applicant_name": "كريم حداد", **files}
    sent = applicant.post(APPLY, content_type="multipart/form-data",
                          data={"key": key, "step": "2", "action": "submit", **answers})  # fmt: skip
    assert sent.status_code == 302
    reference = sent.headers["Location"].split("/")[3]
    assert reference.startswith("APE-")
    with portal_app.app_context():
        dossier = db.session.scalar(select(Dossier).where(Dossier.reference == reference))
        assert dossier is not None and dossier.locale == "ar" and len(dossier.documents) == 3
        assert dossier.answers["young_hires"] == 18 and dossier.answers["year"] == 2026
    agency = portal_app.test_client()
    sign_in(agency, create_user(portal_app, "agent", "pilote"))
    agency.post(f"/fr/backoffice/dossiers/{dossier.id}/status", data={"status": "granted", "message": ""})
    tracking = applicant.get(f"/ar/track/{reference}").get_data(as_text=True)
    assert "تم منح الإعانة" in tracking and "منحت الوكالة الإعانة لمؤسستكم." in tracking
    assert "2026" in tracking and "2.026" not in tracking  # a year is not a quantity


def test_files_of_forms_never_sent_are_purged_after_a_day(portal_app: Flask, tmp_path: Path) -> None:
    client = portal_app.test_client()
    client.post(APPLY, content_type="multipart/form-data", data={  # the answers are incomplete: nothing is sent
        "key": form_key(client, APPLY), "step": "2", "action": "submit",
        "document-statement": (io.BytesIO(pdf_bytes()), "old.pdf")})  # fmt: skip
    stored = [path for path in (tmp_path / "uploads").rglob("*") if path.is_file()]
    assert len(stored) == 1
    runner = portal_app.test_cli_runner()
    assert "purged: 0" in runner.invoke(args=["dossiers", "purge-uploads"]).output  # not a day old yet
    with portal_app.app_context():
        db.session.execute(update(PendingUpload).values(created_at=utcnow() - timedelta(days=2)))
        db.session.commit()
    assert "purged: 1" in runner.invoke(args=["dossiers", "purge-uploads"]).output
    assert not stored[0].exists()
    with portal_app.app_context():
        assert db.session.scalar(select(PendingUpload)) is None
