"""The funds' texts as citizens read them, in Arabic and French: Algerian month names, amounts with one full stop,
one percent sign, the allowance's legal wording, body names in French sentences; and the sourcing notes of the
rules kept for the back office, while the public reads the legal reference and "indicative estimate"."""

from __future__ import annotations

import html
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.portal.backoffice.helpers import create_user, sign_in
from tests.portal.dossiers.helpers import form_key
from tests.services.test_pages import INSURED, LEAVE, WORK, post

MATERNITY = "/{locale}/services/maternity-allowance-claim/apply"
ABROAD = "/{locale}/services/voluntary-affiliation-abroad/apply"
DECLARATION = "/{locale}/services/annual-declaration-simulation/apply"
APPLICANT = {"nin": "109871234567890123", "birth_date": "1988-04-12", "country": "France",
             "consular_registration": "LYON-2019-4411", "occupation": "Infirmier", "works_abroad": "true"}  # fmt: skip
WAGES = "150012345678;Ahmed Benali;12;540000,00\n150012345679;Omar Saidi;6;300000\n"
SOURCING = ("presse", "press", "sources secondaires", "sources de", "مصادر", "الصحفية")


def maternity_estimate(app: Flask, locale: str) -> str:
    client = app.test_client()
    path = MATERNITY.format(locale=locale)
    key = form_key(client, path)
    status, page = post(client, path, 2, key=key, **INSURED, **LEAVE, **WORK)
    assert status == 200
    return html.unescape(page)


def abroad_estimate(client: FlaskClient, locale: str, base: str) -> tuple[int, str]:
    path = ABROAD.format(locale=locale)
    key = form_key(client, path)
    status, page = post(client, path, 1, key=key, **APPLICANT, declared_monthly_base=base, catch_up_quarters="4")
    return status, html.unescape(page)


def test_the_maternity_estimate_in_arabic_uses_algerian_months_and_the_legal_wording(portal_app: Flask) -> None:
    page = maternity_estimate(portal_app, "ar")
    assert "القانون رقم 25-08 المؤرخ في 19 جويلية 2025" in page and "يوليو" not in page
    assert "300\u202f000,00\xa0دج" in page and "د.ج" not in page  # one symbol, without full stops
    assert "100% من الأجر اليومي بعد اقتطاع اشتراك الضمان الاجتماعي والضريبة" in page
    assert "الصافي من" not in page and "٪" not in page
    assert "1\u202f900" in page and "1.900" not in page  # the hours worked in 12 months, in the answers
    assert "تقدير إرشادي: تؤكد الهيئة المبلغ عند معالجة طلبكم." in page


def test_the_maternity_estimate_in_french_names_the_law_and_says_it_is_indicative(portal_app: Flask) -> None:
    page = maternity_estimate(portal_app, "fr")
    assert "Loi n° 83-11 du 2 juillet 1983 : 100 % du salaire journalier, après déduction de la cotisation" in page
    assert "net de la cotisation" not in page
    assert "1\u202f900" in page  # the hours worked in 12 months, in the answers
    assert "Estimation indicative : l'organisme confirme le montant en traitant votre demande." in page
    assert ("Vos réponses sont transmises uniquement à l'organisme qui traite votre demande : Caisse nationale "
            "des assurances sociales") in page  # fmt: skip


@pytest.mark.parametrize(
    ("locale", "message"),
    [("ar", "لا يقل الوعاء الشهري عن 72\u202f000,00\xa0دج."),
     ("fr", "L'assiette mensuelle est d'au moins 72\u202f000,00\xa0DA.")],
)  # fmt: skip
def test_the_floor_of_the_base_is_written_with_a_single_full_stop(portal_app: Flask, locale: str, message: str) -> None:
    status, page = abroad_estimate(portal_app.test_client(), locale, "50000")
    assert status == 422
    assert message in page and f"{message}." not in page


@pytest.mark.parametrize("locale", ["ar", "fr"])
def test_no_public_page_of_a_computed_service_shows_where_a_rate_was_found(portal_app: Flask, locale: str) -> None:
    client = portal_app.test_client()
    status, abroad = abroad_estimate(client, locale, "80000")
    assert status == 200 and ("تقدير إرشادي" if locale == "ar" else "Estimation indicative") in abroad
    path = DECLARATION.format(locale=locale)
    declaration = post(client, path, 0, key=form_key(client, path), employer_number="16-0042-77", year="2026",
                       wages=WAGES)[1]  # fmt: skip
    assert ("12,21%" if locale == "ar" else "12,21\xa0%") in declaration
    marked = declaration.count("(إرشادي)" if locale == "ar" else "(indicatif)")
    notice = "تقدير إرشادي: تؤكد الهيئة المبلغ" if locale == "ar" else "Estimation indicative : l'organisme confirme"
    assert marked >= 2 and html.unescape(declaration).count(notice) == 1  # each indicative line marked, one notice
    pages = [maternity_estimate(portal_app, locale), abroad, declaration]
    for slug in ("maternity-allowance-claim", "voluntary-affiliation-abroad", "annual-declaration-simulation"):
        pages.append(client.get(f"/{locale}/services/{slug}").get_data(as_text=True))
    for page in pages:
        text = re.sub(r"<[^>]+>", " ", page)
        assert [word for word in SOURCING if word in text] == []


def test_the_back_office_rule_tables_keep_the_sourcing_notes(portal_app: Flask) -> None:
    client = portal_app.test_client()
    sign_in(client, create_user(portal_app, "ministry_admin", "mtess"))
    french = client.get("/fr/backoffice/rules").get_data(as_text=True)
    assert "Taux cités par des sources de presse (0,375 % employeur, 0,375 % travailleur)" in french
    assert "Montant cité par des sources de presse" in french and "non confirmée" in french
    assert "Conditions de durée de travail selon des sources secondaires" in french
    arabic = client.get("/ar/backoffice/rules").get_data(as_text=True)
    assert "نسب متداولة في المصادر الصحفية (0,375% على المستخدم" in arabic and "٪" not in arabic
