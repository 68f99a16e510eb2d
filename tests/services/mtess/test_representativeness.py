"""The union representativeness form, end to end in Arabic: its steps, its rule on the figures, its estimate,
and the ministry's decision as the organisation reads it."""

from __future__ import annotations

import io

from flask import Flask
from sqlalchemy import select

from portal.dossiers.models import Dossier
from portal.extensions import db
from tests.portal.backoffice.helpers import create_user, sign_in
from tests.portal.dossiers.helpers import form_key, pdf_bytes, png_bytes

APPLY = "/ar/services/union-representativeness/apply"
ORGANISATION = {"organisation_kind": "workers_union", "organisation_name": "النقابة الوطنية لعمال البناء",
                "registration_number": "R-2019-044", "scope": "national", "sector": "building",
                "address": "12 شارع ديدوش مراد، الجزائر"}  # fmt: skip
FIGURES = {"reference_year": "2026", "members": "5400", "members_paid": "5100", "workforce": "21000",
           "signatory_role": "الأمين العام"}  # fmt: skip


def test_union_representativeness_in_arabic_from_the_form_to_the_ministrys_decision(portal_app: Flask) -> None:
    applicant = portal_app.test_client()
    key = form_key(applicant, APPLY)
    second = applicant.post(APPLY, data={"key": key, "step": "0", **ORGANISATION}).get_data(as_text=True)
    assert "المرحلة 2 من 3: عناصر التمثيلية" in second
    wrong = applicant.post(APPLY, data={"key": key, "step": "2", "action": "submit", **ORGANISATION, **FIGURES,
                                        "members_paid": "6000"})  # fmt: skip
    assert wrong.status_code == 422
    assert "لا يمكن أن يتجاوز عدد المسددين لاشتراكاتهم عدد المنخرطين." in wrong.get_data(as_text=True)
    final = applicant.post(APPLY, data={"key": key, "step": "1", **ORGANISATION, **FIGURES}).get_data(as_text=True)
    assert "المرحلة 3 من 3" in final and "نسبة المنخرطين" in final and "25,7" in final  # the estimate, before sending
    files = {"document-statement": (io.BytesIO(pdf_bytes()), "تصريح.pdf"),
             "document-membership_proof": (io.BytesIO(pdf_bytes()), "منخرطون.pdf"),
             "document-registration_receipt": (io.BytesIO(png_bytes()), "وصل.png")}  # fmt: skip
    answers = {**ORGANISATION, **FIGURES, "applicant_name": "كريم حداد", **files}
    sent = applicant.post(APPLY, content_type="multipart/form-data",
                          data={"key": key, "step": "2", "action": "submit", **answers})  # fmt: skip
    assert sent.status_code == 302
    reference = sent.headers["Location"].split("/")[3]
    assert reference.startswith("MTESS-")
    with portal_app.app_context():
        dossier = db.session.scalar(select(Dossier).where(Dossier.reference == reference))
        assert dossier is not None and dossier.locale == "ar" and len(dossier.documents) == 3
        assert dossier.answers["members"] == 5400 and dossier.answers["reference_year"] == 2026
    ministry = portal_app.test_client()
    sign_in(ministry, create_user(portal_app, "agent", "mtess"))
    ministry.post(f"/fr/backoffice/dossiers/{dossier.id}/status", data={"status": "recorded", "message": ""})
    tracking = applicant.get(f"/ar/track/{reference}").get_data(as_text=True)
    assert "تم تسجيل العناصر" in tracking and "سجلت مصالح الوزارة عناصر تمثيلية منظمتكم." in tracking
    assert "2026" in tracking and "2.026" not in tracking  # a year is not a quantity
