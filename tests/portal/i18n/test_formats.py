"""The one formatting path: dates with Algerian month names wherever they are written (a page, an email, the API),
amounts with a single symbol and no full stop between groups, one percent sign, numbers that read the same to a
bilingual reader; seen in the test bodies' pages and emails, in Arabic and French."""

from __future__ import annotations

import html
import io
from datetime import date

import pytest
from flask import Flask, render_template_string
from flask.testing import FlaskClient
from flask_babel import format_date
from sqlalchemy import select

from portal.dossiers.models import OutboxMessage
from portal.extensions import db
from portal.i18n import format_quantity
from portal.i18n.formats import format_amount, format_day, format_number, format_rate, speaking
from tests.portal.dossiers.helpers import form_key, pdf_bytes, png_bytes

APPLY = "/{locale}/services/hiring-aid/apply"
COMPANY = {"company_name": "Atlas BTP", "size": "small", "sector": "building", "address": "12 rue Didouche Mourad"}
HIRING = {"hires": "70", "young_hires": "18", "workforce": "1900"}


@pytest.mark.parametrize(
    ("locale", "day", "amount", "rate", "hours"),
    [("ar", "19 جويلية 2025", "72\u202f000,00\xa0دج", "18,25%", "1\u202f900"),
     ("fr", "19 juillet 2025", "72\u202f000,00\xa0DA", "18,25\xa0%", "1\u202f900")],
)  # fmt: skip
def test_each_kind_of_value_is_written_one_way(app: Flask, locale: str, day: str, amount: str, rate: str,
                                               hours: str) -> None:  # fmt: skip
    with app.app_context():
        assert format_day(date(2025, 7, 19), locale) == day
        assert format_amount(72000, locale) == amount and format_rate(0.1825, locale) == rate
        assert format_number(1900, locale) == hours and format_number(12.5, locale) == "12,5"
    with app.test_request_context(f"/{locale}/"):
        app.preprocess_request()  # the page's language, when none is given
        assert (format_day(date(2025, 7, 19)), format_amount(72000)) == (day, amount)


def test_texts_written_outside_a_page_use_the_algerian_months(app: Flask) -> None:
    """Emails and the API's texts switch language with ``speaking``: plain ``ar`` would write يوليو."""
    with app.app_context(), speaking("ar"):
        assert format_date(date(2025, 7, 19), "long") == "19 جويلية 2025"
    with app.app_context(), speaking("fr"):
        assert format_date(date(2025, 7, 19), "long") == "19 juillet 2025"


@pytest.mark.parametrize(
    ("locale", "written"),
    [("ar", "1 جويلية 2027 · 72\u202f000,00\xa0دج · 12,21% · 1\u202f900"),
     ("fr", "1er juillet 2027 · 72\u202f000,00\xa0DA · 12,21\xa0% · 1\u202f900")],
)  # fmt: skip
def test_templates_write_with_the_same_formats(app: Flask, locale: str, written: str) -> None:
    template = '{{ day|dateformat("long") }} · {{ 72000|amount }} · {{ 0.1221|rate }} · {{ 1900|number }}'
    with app.test_request_context(f"/{locale}/"):
        app.preprocess_request()
        assert render_template_string(template, day=date(2027, 7, 1)) == written


def estimate_page(client: FlaskClient, locale: str, year: str) -> str:
    path = APPLY.format(locale=locale)
    key = form_key(client, path)
    page = client.post(path, data={"key": key, "step": "1", "year": year, **COMPANY, **HIRING})
    assert page.status_code == 200
    return html.unescape(page.get_data(as_text=True))


@pytest.mark.parametrize(
    ("locale", "amounts", "notice"),
    [("ar", ("9\u202f600,00\xa0دج", "2\u202f073\u202f600,00\xa0دج", "25,7%", "1\u202f900"), "تقدير إرشادي"),
     ("fr", ("9\u202f600,00\xa0DA", "2\u202f073\u202f600,00\xa0DA", "25,7\xa0%", "1\u202f900"),
      "Estimation indicative")],
)  # fmt: skip
def test_the_estimate_reads_the_same_formats_and_an_unconfirmed_value_is_indicative(
    portal_app: Flask, locale: str, amounts: tuple[str, ...], notice: str
) -> None:
    page = estimate_page(portal_app.test_client(), locale, "2026")
    assert [text for text in amounts if text not in page] == []
    assert "د.ج" not in page and "٪" not in page and "1.900" not in page
    assert notice in page  # the minimum wage of 2026 is not confirmed by a published text yet
    assert "presse" not in page and "الصحافة" not in page  # the note on its source is for the back office
    assert notice not in estimate_page(portal_app.test_client(), locale, "2025")  # 2020's wage is confirmed


def test_the_acknowledgement_email_names_the_body_after_a_colon_in_french(portal_app: Flask) -> None:
    client = portal_app.test_client()
    path = APPLY.format(locale="fr")
    files = {"document-statement": (io.BytesIO(pdf_bytes()), "d.pdf"),
             "document-contracts": (io.BytesIO(pdf_bytes()), "c.pdf"),
             "document-register_extract": (io.BytesIO(png_bytes()), "r.png")}  # fmt: skip
    data = {"key": form_key(client, path), "step": "2", "action": "submit", "year": "2026", **COMPANY, **HIRING,
            "applicant_name": "Karim Haddad", "applicant_email": "karim@example.dz", **files}  # fmt: skip
    assert client.post(path, content_type="multipart/form-data", data=data).status_code == 302
    with portal_app.app_context():
        message = db.session.scalars(select(OutboxMessage)).one()
        assert "a bien été reçue. Organisme : Agence pilote de l'emploi." in message.text


@pytest.mark.parametrize(
    ("locale", "written"),
    [("ar", ["100 ساعة", "55 سنة", "سنة واحدة", "4 فصول", "15 يوما", "72\u202f000,00\xa0دج"]),
     ("fr", ["100 heures", "55 ans", "1 an", "4 trimestres", "15 jours", "72\u202f000,00\xa0DA"])],
)  # fmt: skip
def test_a_rule_value_is_written_with_its_unit(app: Flask, locale: str, written: list[str]) -> None:
    """As the exit page and the rule tables show a rule: "100 hours", "55 years", never a bare "100"."""
    values = [("100", "hours"), ("55", "years"), ("1", "years"), ("4", "quarters"), ("15", "days"), ("72000", "dinars")]
    with app.test_request_context(f"/{locale}/"):
        app.preprocess_request()
        assert [format_quantity(value, unit) for value, unit in values] == written
