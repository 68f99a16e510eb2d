"""What the applicant's phone receives for digits and dates: the markup that makes it offer the digit keyboard and
keep groups of digits left to right in Arabic, GOV.UK's three-box date in one fieldset, the expected format as a
hint, the answers read as typed; and the same normalised digits through the JSON API."""

from __future__ import annotations

import base64
import io
import re
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.dossiers.models import Dossier
from portal.extensions import db
from tests.portal.dossiers.helpers import form_key, pdf_bytes

APPLY = "/{locale}/services/demo-leave/apply"
WHO = {"worker_name": "Amina Belkacem", "kind": "ordinary", "social_security_number": "١٢٣٤ ٥٦٧٨ 9012"}


def tag(page: str, element_id: str) -> str:
    """The opening tag of the element with this id (the test fails here when there is none)."""
    found = re.search(rf'<(?:input|fieldset)\b[^>]*\bid="{element_id}"[^>]*>', page)
    assert found, f"no element with id {element_id}"
    return found.group(0)


def second_step(client: FlaskClient, locale: str, **more: str) -> tuple[int, str]:
    path = APPLY.format(locale=locale)
    response = client.post(path, data={"key": form_key(client, path), "step": "0", **WHO, **more})
    return response.status_code, response.get_data(as_text=True)


def test_a_digits_field_offers_the_digit_keyboard_left_to_right_without_a_length_limit(hosted_app: Flask) -> None:
    for locale, hint in (("fr", "12 chiffres, par exemple \u20661234 5678 9012\u2069."),
                         ("ar", "12 رقما، مثلا \u20661234 5678 9012\u2069.")):  # fmt: skip
        page = hosted_app.test_client().get(APPLY.format(locale=locale)).get_data(as_text=True)
        box = tag(page, "field-social_security_number")
        assert 'type="text"' in box and 'inputmode="numeric"' in box and 'dir="ltr"' in box
        assert 'autocomplete="off"' in box and 'spellcheck="false"' in box
        assert "maxlength" not in box  # "1234 5678 9012" is 14 characters: nothing is cut
        assert 'aria-describedby="field-social_security_number-format"' in box
        assert f'<p class="form-text" id="field-social_security_number-format">{hint}</p>' in page


def test_a_date_is_three_boxes_in_one_fieldset_with_an_example_and_the_algerian_months(hosted_app: Flask) -> None:
    status, page = second_step(hosted_app.test_client(), "ar")
    assert status == 200 and "المرحلة 2 من 3" in page  # the number typed in Arabic digits was accepted
    group = tag(page, r"field-start-group")
    assert 'aria-describedby="field-start-format"' in group  # a fieldset is a group: no role needed
    assert '<legend class="form-label">تاريخ البداية</legend>' in page
    for part, label, box_id in (("day", "اليوم", "field-start"), ("month", "الشهر", "field-start-month"),
                                ("year", "السنة", "field-start-year")):  # fmt: skip
        box = tag(page, box_id)
        assert f'name="start-{part}"' in box and 'inputmode="numeric"' in box and 'dir="ltr"' in box
        assert f'<label class="form-label" for="{box_id}">{label}</label>' in page
    assert "مثلا 27 3 " in page and "(27 مارس " in page  # an example, with the month's Algerian name
    assert "<li>جانفي</li>" in page and "<li>جويلية</li>" in page and "<li>ديسمبر</li>" in page
    french = second_step(hosted_app.test_client(), "fr")[1]
    assert "Par exemple, 27 3 " in french and "<li>janvier</li>" in french


def test_a_wrong_month_is_told_and_the_three_parts_are_kept(hosted_app: Flask) -> None:
    client = hosted_app.test_client()
    path = APPLY.format(locale="fr")
    key = form_key(client, path)
    client.post(path, data={"key": key, "step": "0", **WHO})
    sent = client.post(path, data={"key": key, "step": "1", **WHO, "start-day": "1", "start-month": "13",
                                   "start-year": "2026", "days": "5"})  # fmt: skip
    page = sent.get_data(as_text=True)
    assert sent.status_code == 422
    message = "Le mois de la date de début doit être compris entre 1 et 12."
    assert f'<a href="#field-start">{message}</a>' in page  # the summary's link lands in the day's box
    assert page.count(message) == 2
    assert 'value="13"' in tag(page, "field-start-month") and 'aria-invalid="true"' in tag(page, "field-start-month")
    assert 'value="2026"' in tag(page, "field-start-year") and 'value="1"' in tag(page, "field-start")


def test_the_answers_typed_as_people_type_them_are_stored_as_digits_and_a_date(hosted_app: Flask) -> None:
    client = hosted_app.test_client()
    path = APPLY.format(locale="ar")
    key = form_key(client, path)
    client.post(path, data={"key": key, "step": "0", **WHO})
    review = client.post(path, data={"key": key, "step": "1", **WHO, "start-day": "٣", "start-month": " 12",
                                     "start-year": "2026", "days": "5"})  # fmt: skip
    assert '<td class="answer" dir="auto">\u20661234 5678 9012\u2069</td>' in review.get_data(as_text=True)  # grouped
    last = client.post(path, data={"key": key, "step": "2", **WHO, "start": "2026-12-٣", "days": "5",
                                   "applicant_name": "أمينة بلقاسم", "document-certificate": (
                                       io.BytesIO(pdf_bytes()), "certificat.pdf")},
                       content_type="multipart/form-data")  # fmt: skip
    assert last.status_code == 302, last.get_data(as_text=True)
    with hosted_app.app_context():
        dossier = db.session.scalar(select(Dossier).order_by(Dossier.id.desc()))
        assert dossier is not None
        assert dossier.answers["social_security_number"] == "123456789012"
        assert dossier.answers["start"] == "2026-12-03"


def test_the_api_reads_digits_as_people_type_them_and_dates_in_iso_8601(hosted_app: Flask) -> None:
    client = hosted_app.test_client()
    body: dict[str, Any] = {"locale": "fr", "contact": {"applicant_name": "Amina Belkacem"},
            "answers": {**WHO, "social_security_number": "۱۲۳۴-۵۶۷۸-۹۰۱۲", "start": "2026-12-03", "days": 5},
            "documents": [{"kind": "certificate", "filename": "c.pdf",
                           "content": base64.b64encode(pdf_bytes()).decode()}]}  # fmt: skip
    created = client.post("/api/v1/services/demo-leave/dossiers", json=body, headers={"Idempotency-Key": "k" * 20})
    assert created.status_code == 201, created.get_json()
    with hosted_app.app_context():
        dossier = db.session.scalar(select(Dossier).where(Dossier.reference == created.get_json()["reference"]))
        assert dossier is not None and dossier.answers["social_security_number"] == "123456789012"
        assert dossier.answers["start"] == "2026-12-03"
    refused = client.post("/api/v1/services/demo-leave/dossiers", headers={"Idempotency-Key": "m" * 20},
                          json={**body, "answers": {**body["answers"], "start": "2026-13-03"}})  # fmt: skip
    assert refused.get_json()["errors"]["start"] == ["Le mois de la date de début doit être compris entre 1 et 12."]


def test_the_api_describes_a_digits_field_with_its_count_and_a_date_as_a_date(hosted_app: Flask) -> None:
    described = hosted_app.test_client().get("/api/v1/services/demo-leave/form").get_json()
    fields = {item["name"]: item for item in described["fields"]}
    assert fields["social_security_number"]["type"] == "digits" and fields["social_security_number"]["digits"] == 12
    assert fields["start"]["type"] == "date" and "digits" not in fields["start"]
