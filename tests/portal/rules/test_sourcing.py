"""Where a rule's value comes from when no official text confirms it: a note the back office reads and edits in the
rule tables; citizens read the legal reference and "indicative estimate" (tests/portal/i18n/test_formats.py)."""

from __future__ import annotations

import html
from datetime import date

from flask import Flask
from sqlalchemy import select

from portal.extensions import db
from portal.provisioning import sync_from_plugins
from portal.registry import get_registry
from portal.registry.rule_book import RuleBook, rule
from portal.rules.models import RuleRow
from tests.portal.backoffice.helpers import create_user, sign_in, token
from tests.portal.i18n.test_formats import estimate_page

NOTE = {"fr": "Chiffre de la presse"}


def test_a_value_with_a_note_on_its_source_is_not_confirmed() -> None:
    declared = rule("x.rate", (date(2020, 1, 1), "0.1", {"fr": "Loi 1"}), (date(2024, 1, 1), "0.2", {"fr": "?"}, NOTE),
                    labels={"fr": "Taux"}, unit="percent")  # fmt: skip
    book = RuleBook.from_definitions([declared])
    first, second = book.at("x.rate", date(2023, 1, 1)), book.at("x.rate", date(2024, 1, 1))
    assert (first.confirmed, first.unconfirmed) == (True, {})
    assert (second.confirmed, second.unconfirmed, second.cites("fr")) == (False, NOTE, "?")


def test_the_rule_tables_show_the_note_and_clearing_it_confirms_the_value(portal_app: Flask) -> None:
    admin = portal_app.test_client()
    sign_in(admin, create_user(portal_app, "ministry_admin", "mintest"))
    page = admin.get("/fr/backoffice/rules").get_data(as_text=True)
    assert "Montant annoncé par la presse d&#39;essai ; décret pas encore publié." in page
    assert "non confirmée" in page and "confirmée par la référence légale" in page
    with portal_app.app_context():
        row_id = db.session.scalar(select(RuleRow.id).where(RuleRow.code == "mintest.wage.minimum",
                                                            RuleRow.valid_from == date(2026, 1, 1)))  # fmt: skip
    form = {"csrf_token": token(admin, "/fr/backoffice/rules"), "value": "24000", "reference_ar": "المرسوم رقم 25-09",
            "reference_fr": "Décret n° 25-09", "unconfirmed_ar": "", "unconfirmed_fr": "Presse"}  # fmt: skip
    half = admin.post(f"/fr/backoffice/rules/{row_id}", data=form)
    assert half.status_code == 422 and "dans toutes les langues, ou dans aucune" in half.get_data(as_text=True)
    assert "Estimation indicative" in estimate_page(portal_app.test_client(), "fr", "2026")
    assert admin.post(f"/fr/backoffice/rules/{row_id}", data={**form, "unconfirmed_fr": ""}).status_code == 302
    assert "Estimation indicative" not in estimate_page(portal_app.test_client(), "fr", "2026")
    arabic = admin.get("/ar/backoffice/rules").get_data(as_text=True)
    assert "مبلغ أعلنته الصحافة التجريبية" not in arabic and "المرسوم رقم 25-09" in arabic


def test_the_date_of_a_new_row_is_written_as_a_person_reads_it(app: Flask) -> None:
    admin = app.test_client()
    sign_in(admin, create_user(app, "ministry_admin", "mintest"))
    for locale, year, said in (("ar", "2027", "تسري ابتداء من 1 جويلية 2027."),
                               ("fr", "2028", "Elle s'applique à partir du 1er juillet 2028.")):  # fmt: skip
        form = {"csrf_token": token(admin, f"/{locale}/backoffice/rules"), "code": "demo.contribution.rate",
                "valid_from": f"{year}-07-01", "value": "12,5", "reference_ar": "نص",
                "reference_fr": "Texte"}  # fmt: skip
        page = admin.post(f"/{locale}/backoffice/rules/new", data=form, follow_redirects=True)
        assert said in html.unescape(page.get_data(as_text=True))


def test_the_sync_refreshes_the_notes_of_rows_nobody_edited(app: Flask) -> None:
    with app.app_context():
        rows = db.session.scalars(select(RuleRow).where(RuleRow.code == "mintest.wage.minimum")).all()
        seeded, edited = sorted(rows, key=lambda row: row.valid_from, reverse=True)
        seeded.reference, seeded.unconfirmed = {"fr": "(sources de presse)"}, {}  # as an older plugin wrote it
        edited.reference, edited.updated_by = {"fr": "Corrigé"}, "admin@mtess.gov.dz"
        db.session.commit()
        sync_from_plugins(get_registry())
        db.session.refresh(seeded)
        db.session.refresh(edited)
        assert seeded.reference["fr"] == "Décret présidentiel d'essai n° 25-09." and seeded.unconfirmed["fr"]
        assert edited.reference == {"fr": "Corrigé"}
