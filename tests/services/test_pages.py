"""The three computed services through their pages: the rules' messages, the estimate before sending, the
CSV list, and the dossier each becomes."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.dossiers.models import Dossier
from portal.extensions import db
from tests.conftest import AppFactory
from tests.portal.backoffice.helpers import create_user, sign_in
from tests.portal.dossiers.helpers import form_key, pdf_bytes

MATERNITY = "/fr/services/maternity-allowance-claim/apply"
INSURED = {"social_security_number": "150012345678", "employer_name": "SARL Atlas Bâtiment"}
LEAVE = {"first_confirmation_date": "2026-03-02", "presumed_birth_date": "2026-11-20", "leave_start_date": "2026-10-09"}
WORK = {"days_3_months": "60", "hours_3_months": "480", "days_12_months": "240", "hours_12_months": "1900",
        "net_monthly_wage": "60000"}  # fmt: skip


def post(client: FlaskClient, path: str, step: int, **data: object) -> tuple[int, str]:
    response = client.post(path, data={"step": str(step), **data}, content_type="multipart/form-data")
    return response.status_code, response.get_data(as_text=True)


def test_maternity_claim_in_french_checks_the_rules_then_estimates(portal_app: Flask) -> None:
    client = portal_app.test_client()
    key = form_key(client, MATERNITY)
    assert post(client, MATERNITY, 0, key=key, **(INSURED | {"social_security_number": "1500"}))[1].count(
        "Entrez votre numéro de sécurité sociale, 12 chiffres.") == 2  # fmt: skip
    early = post(client, MATERNITY, 1, key=key, **INSURED, **(LEAVE | {"leave_start_date": "2026-10-08"}))[1]
    assert (
        "Le congé commence au plus tôt 42 jours avant la date présumée de l&#39;accouchement, soit à partir du "
        "9 octobre 2026."
    ) in early
    too_little = {"days_3_months": "14", "hours_3_months": "99", "days_12_months": "59", "hours_12_months": "399"}
    short = post(client, MATERNITY, 2, key=key, **INSURED, **LEAVE, **(WORK | too_little))[1]
    assert "<h1>Les conditions de durée de travail ne sont pas remplies</h1>" in short  # an exit, not an error
    assert "Merci de corriger" not in short and "Jours travaillés, 3 mois" in short and "15 jours" in short
    assert "contactez l&#39;agence CNAS" in short
    status, final = post(client, MATERNITY, 2, key=key, **INSURED, **LEAVE, **WORK)
    assert status == 200 and "150 jours" in final and "300\u202f000,00\xa0DA" in final
    assert "Loi n° 25-08 du 19 juillet 2025" in final and "7 mars 2027" in final
    certificate = {"document-medical_certificate": (io.BytesIO(pdf_bytes()), "c.pdf")}
    status, _ = post(client, MATERNITY, 3, key=key, action="submit", **INSURED, **LEAVE, **WORK,
                     applicant_name="Nadia Ait Ahmed", **certificate)  # fmt: skip
    assert status == 302
    with portal_app.app_context():
        dossier = db.session.scalars(select(Dossier)).one()
        assert dossier.reference.startswith("CNAS-") and dossier.estimate is not None
        assert {line["code"]: line["value"] for line in dossier.estimate} == {
            "duration": "150", "last_day": "2027-03-07", "daily_wage": "2000.00", "daily_allowance": "2000.00",
            "total": "300000.00"}  # fmt: skip


DECLARATION = "/ar/services/annual-declaration-simulation/apply"
WAGES = (
    "رقم الضمان الاجتماعي;الاسم واللقب;أشهر العمل;الأجر\n150012345678;بن علي أحمد;12;540000,00\n"
    "150012345679;سعيدي عمر;6;300000\n"
)


def test_the_declaration_simulation_in_arabic_from_a_csv_file_to_the_final_declaration(portal_app: Flask) -> None:
    client = portal_app.test_client()
    template = client.get("/ar/services/annual-declaration-simulation/wages-template.csv")
    assert template.get_data(as_text=True).startswith("\ufeffرقم الضمان الاجتماعي;الاسم واللقب;أشهر العمل;")
    key = form_key(client, DECLARATION)
    answers = {"key": key, "employer_number": "16-0042-77", "year": "2026"}
    wrong = WAGES + "150012345680;قاسي;13;1000\n"
    windows_file = {"wages-file": (io.BytesIO(wrong.encode("cp1256")), "liste.csv")}  # as Excel saves it in Arabic
    status, page = post(client, DECLARATION, 0, **answers, **windows_file)
    assert status == 422 and "السطر 4: عدد أشهر العمل من 1 إلى 12." in page
    assert "بن علي أحمد" in page  # the file's lines are kept in the box, to be corrected there
    utf8_file = {"wages-file": (io.BytesIO(WAGES.encode("utf-8-sig")), "liste.csv")}
    status, final = post(client, DECLARATION, 0, **answers, **utf8_file)
    assert status == 200
    assert "840\u202f000,00\xa0دج" in final and "108\u202f864,00\xa0دج" in final and "12,21%" in final
    assert "إرسال التصريح النهائي إلى الصندوق</button>" in final
    status, _ = post(client, DECLARATION, 1, action="submit", **answers, wages=WAGES, applicant_name="مراد بلقاسم")
    assert status == 302
    with portal_app.app_context():
        dossier = db.session.scalars(select(Dossier)).one()
        assert dossier.reference.startswith("CACOBATPH-") and dossier.answers["year"] == 2026
        assert dossier.estimate is not None
        assert {line["code"]: line["value"] for line in dossier.estimate}["total"] == "108864.00"
    agent = portal_app.test_client()
    sign_in(agent, create_user(portal_app, "agent", "cacobatph"))
    assert "Télécharger « Liste des salaires » (CSV)" in agent.get(f"/fr/backoffice/dossiers/{dossier.id}").get_data(
        as_text=True)  # fmt: skip
    listed = agent.get(f"/fr/backoffice/dossiers/{dossier.id}/answers/wages.csv").get_data(as_text=True)
    assert listed.splitlines()[1:] == ["150012345678;بن علي أحمد;12;540000,00", "150012345679;سعيدي عمر;6;300000"]


ABROAD = "/fr/services/voluntary-affiliation-abroad/apply"


def test_affiliation_from_abroad_checks_eligibility_and_the_floor(make_app: AppFactory, tmp_path: Path) -> None:
    app = make_app(WTF_CSRF_ENABLED=False, UPLOAD_FOLDER=str(tmp_path / "uploads"), TODAY="2026-11-30")
    client = app.test_client()
    key = form_key(client, ABROAD)
    today = date(2026, 11, 30)  # the platform's day, whatever the real one
    applicant = {"key": key, "nin": "109871234567890123", "birth_date": f"{today.year - 40}-01-15",
                 "country": "France", "consular_registration": "LYON-2019-4411", "occupation": "Infirmier",
                 "works_abroad": "true"}  # fmt: skip
    old = post(client, ABROAD, 0, **applicant | {"birth_date": f"{today.year - 56}-01-01"})[1]
    assert "<h1>L&#39;affiliation volontaire n&#39;est plus ouverte à 55 ans</h1>" in old
    assert "Âge à ne pas atteindre" in old and "Décret exécutif n° 22-351 du 18 octobre 2022" in old
    stay = post(client, ABROAD, 0, **applicant | {"works_abroad": ""})[1]
    assert "s&#39;adresse aux Algériens qui travaillent à l&#39;étranger" in stay
    low = post(client, ABROAD, 1, **applicant, declared_monthly_base="50000", catch_up_quarters="0")[1]
    assert "L&#39;assiette mensuelle est d&#39;au moins 72\u202f000,00\xa0DA." in low
    status, final = post(client, ABROAD, 1, **applicant, declared_monthly_base="80000", catch_up_quarters="4")
    assert status == 200 and "75\u202f000,00\xa0DA" in final and "300\u202f000,00\xa0DA" in final
    assert "le paiement en ligne n&#39;est pas encore proposé sur ce portail" in final


def test_maternity_asks_days_or_hours_for_each_period_not_both(portal_app: Flask) -> None:
    client = portal_app.test_client()
    key = form_key(client, MATERNITY)
    days_only = {"days_3_months": "60", "days_12_months": "240", "net_monthly_wage": "60000"}
    status, page = post(client, MATERNITY, 2, key=key, **INSURED, **LEAVE, **days_only)
    assert status == 200 and "Étape 4 sur 4" in page and "300\u202f000,00\xa0DA" in page
    hours_only = {"hours_3_months": "480", "hours_12_months": "1900", "net_monthly_wage": "60000"}
    assert "Étape 4 sur 4" in post(client, MATERNITY, 2, key=key, **INSURED, **LEAVE, **hours_only)[1]
    status, page = post(client, MATERNITY, 2, key=key, **INSURED, **LEAVE, days_3_months="60", net_monthly_wage="1")
    assert status == 422 and "Étape 3 sur 4" in page
    assert "Indiquez les jours ou les heures travaillés dans les 12 mois (l&#39;un des deux suffit)." in page
    assert "Indiquez les jours ou les heures travaillés dans les 3 mois" not in page
    assert "Jours ou heures : l&#39;un des deux suffit." in page  # each field says so before any error


def test_the_days_or_hours_rule_waits_for_the_step_that_asks_for_them(portal_app: Flask) -> None:
    client = portal_app.test_client()
    status, page = post(client, MATERNITY, 0, key=form_key(client, MATERNITY), **INSURED)
    assert status == 200 and "Étape 2 sur 4" in page and "Indiquez les jours ou les heures" not in page
