"""Rule tables: the row in force at a date, the seeding by the sync (which never overwrites a person's change),
the back office where a ministry administrator adds and corrects rows (audited), and plugin checks."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from flask import Flask
from sqlalchemy import select

from portal.extensions import db
from portal.provisioning import sync_from_plugins
from portal.registry import RegistryError, get_registry
from portal.registry.rule_book import NoRuleError, RuleBook
from portal.rules.models import RuleRow, rule_book
from portal.staff.models import AuditEvent
from tests.conftest import AppFactory
from tests.portal.backoffice.helpers import create_user, sign_in, token

ROWS = [("x.duration", date(1983, 7, 2), "98", {"fr": "Loi 83-11"}),
        ("x.duration", date(2025, 7, 23), "150", {"fr": "Loi 25-08"})]  # fmt: skip


def test_the_row_in_force_on_each_side_of_a_date_of_effect() -> None:
    book = RuleBook(ROWS)
    before, after = book.at("x.duration", date(2025, 7, 22)), book.at("x.duration", date(2025, 7, 23))
    assert (before.value, before.valid_from, before.valid_to) == (Decimal(98), date(1983, 7, 2), date(2025, 7, 22))
    assert (after.value, after.valid_to, after.cites("fr")) == (Decimal(150), None, "Loi 25-08")
    with pytest.raises(NoRuleError):
        book.at("x.duration", date(1983, 7, 1))
    with pytest.raises(NoRuleError):
        book.at("x.unknown", date(2025, 1, 1))


def test_the_sync_seeds_the_plugins_rules_once_and_keeps_a_persons_changes(app: Flask) -> None:
    with app.app_context():
        book = rule_book()
        assert book.value("demo.leave.duration", date(2025, 7, 22)) == Decimal(98)
        assert book.value("demo.leave.duration", date(2025, 7, 23)) == Decimal(150)
        assert book.value("mintest.wage.minimum", date(2026, 1, 1)) == Decimal(24000)
        row = db.session.scalar(select(RuleRow).where(RuleRow.code == "demo.contribution.rate"))
        assert row is not None
        row.value = "0.125"
        db.session.commit()
        sync_from_plugins(get_registry())
        assert rule_book().value("demo.contribution.rate", date(2026, 1, 1)) == Decimal("0.125")
        assert len(db.session.scalars(select(RuleRow.id).where(RuleRow.code == "mintest.wage.minimum")).all()) == 2


def test_a_ministry_administrator_records_a_law_change_and_the_computation_follows(app: Flask) -> None:
    admin = app.test_client()
    sign_in(admin, create_user(app, "ministry_admin", "mintest"))
    page = admin.get("/fr/backoffice/rules").get_data(as_text=True)
    assert "Durée du congé d&#39;essai" in page and "Loi d&#39;essai n° 25-08." in page
    assert "Salaire minimum de référence" in page and "24\u202f000,00\u00a0DA" in page  # a wage, in dinars
    assert "12,21\u00a0%" in page  # the fund's contribution rate as a person reads it
    form = {"csrf_token": token(admin, "/fr/backoffice/rules"), "code": "demo.contribution.rate",
            "valid_from": "2027-01-01", "value": "12,5", "reference_ar": "نص جديد",
            "reference_fr": "Texte nouveau"}  # fmt: skip
    assert admin.post("/fr/backoffice/rules/new", data=form).status_code == 302
    again = admin.post("/fr/backoffice/rules/new", data=form)
    assert again.status_code == 422 and "applique déjà à partir de cette date" in again.get_data(as_text=True)
    missing = admin.post("/fr/backoffice/rules/new", data={**form, "valid_from": "2028-01-01", "reference_ar": ""})
    assert "dans chaque langue du portail" in missing.get_data(as_text=True)
    with app.app_context():
        book = rule_book()
        assert book.value("demo.contribution.rate", date(2026, 12, 31)) == Decimal("0.1221")
        assert book.value("demo.contribution.rate", date(2027, 1, 1)) == Decimal("0.125")
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "rule.add"))
        assert event is not None and event.target == "demo.contribution.rate"
        assert event.details == {"value": "0.125", "valid_from": "2027-01-01"}
        row_id = db.session.scalar(select(RuleRow.id).where(RuleRow.valid_from == date(2027, 1, 1)))
    corrected = admin.post(f"/fr/backoffice/rules/{row_id}", data={**form, "value": "12.6"})
    assert corrected.status_code == 302
    with app.app_context():
        assert rule_book().value("demo.contribution.rate", date(2027, 6, 1)) == Decimal("0.126")
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "rule.correct"))
        assert event is not None and event.details["before"]["value"] == "0.125"


def test_only_the_ministrys_administrators_change_rules(app: Flask) -> None:
    for role, body in (("body_admin", "demo"), ("analyst", "mintest"), ("agent", "pilote")):
        client = app.test_client()
        sign_in(client, create_user(app, role, body))
        assert client.get("/fr/backoffice/rules").status_code == 403


BAD_RULES = """
from datetime import date
from tests.plugins import Demo
from portal.registry.toolkit import RuleDefinition

class Plugin(Demo):
    code = "extra"
    rules = (RuleDefinition("Bad Code", {"fr": "Taux"}, "furlongs", ((date(2020, 1, 1), "douze", {"fr": "x"}),)),)
"""
DUPLICATE_RULE = """
from tests.plugins import Demo
from portal.registry.toolkit import RuleDefinition

class Plugin(Demo):
    code = "extra"
    rules = (RuleDefinition("mintest.wage.minimum", {"ar": "الأجر", "fr": "Doublon"}, "dinars"),)
"""


def test_a_plugins_rules_are_checked_when_it_loads(make_app: AppFactory, install_plugin: Callable[..., None]) -> None:
    install_plugin("extra", BAD_RULES)
    with pytest.raises(RegistryError) as caught:
        make_app(migrate=False, ENABLED_BODIES=["mintest", "extra"])
    assert sorted(caught.value.problems) == [
        "plugin 'extra', field 'rules[0].code': 'Bad Code' must be dotted lowercase words",
        "plugin 'extra', field 'rules[0].labels': missing 'ar' translation",
        "plugin 'extra', field 'rules[0].seed[0]': 'douze' is not a decimal number",
        "plugin 'extra', field 'rules[0].seed[0].reference': missing 'ar' translation",
        "plugin 'extra', field 'rules[0].unit': unknown unit 'furlongs' (known: percent, days, hours, dinars, years, "
        "quarters, number)",
    ]


def test_a_rule_is_declared_by_one_body_only(make_app: AppFactory, install_plugin: Callable[..., None]) -> None:
    install_plugin("extra", DUPLICATE_RULE)
    with pytest.raises(RegistryError) as caught:
        make_app(migrate=False, ENABLED_BODIES=["mintest", "extra"])
    # the plugins load in the order of their entry points' names: the second one to declare it is named
    assert caught.value.problems == [
        "plugin 'mintest', field 'rules.code': rule 'mintest.wage.minimum' is already declared by 'extra'"
    ]


RATE = "demo.contribution.rate"  # a percentage the test fund bounds to 0..50 %


def test_a_value_the_rule_cannot_take_is_refused_with_its_bounds_and_nothing_is_stored(app: Flask) -> None:
    admin = app.test_client()
    sign_in(admin, create_user(app, "ministry_admin", "mintest"))
    form = {"csrf_token": token(admin, "/fr/backoffice/rules"), "code": RATE, "valid_from": "2027-01-01",
            "reference_ar": "نص", "reference_fr": "Texte"}  # fmt: skip
    refused = {
        "1e40": "Saisissez un nombre de 0,0\u00a0% à 50,0\u00a0%.",
        "-1": "Saisissez un nombre de 0,0\u00a0% à 50,0\u00a0%.",
        "9" * 1_000_000: "Saisissez un nombre plus court (40 caractères au plus), de 0,0\u00a0% à 50,0\u00a0%.",
        "NaN": "Saisissez un nombre, par exemple 12,21 ou 150.",
        "Infinity": "Saisissez un nombre, par exemple 12,21 ou 150.",
        "0.00000000000000000000000000000000000000001": "Saisissez un nombre plus court",
    }
    for value, message in refused.items():
        response = admin.post("/fr/backoffice/rules/new", data={**form, "value": value})
        assert response.status_code == 422, value[:20]
        assert message in response.get_data(as_text=True), value[:20]
    with app.app_context():
        row_id = db.session.scalar(select(RuleRow.id).where(RuleRow.code == RATE))
        assert [row.value for row in db.session.scalars(select(RuleRow).where(RuleRow.code == RATE))] == ["0.1221"]
    arabic = admin.post(f"/ar/backoffice/rules/{row_id}", data={**form, "value": "1e40"})
    assert arabic.status_code == 422
    assert "أدخلوا عددا من 0,0% إلى 50,0%." in arabic.get_data(as_text=True)
    assert admin.post("/fr/backoffice/rules/new", data={**form, "value": "50"}).status_code == 302  # the bound


@pytest.mark.parametrize("code", ["demo.leave.duration", "mintest.wage.minimum", "demo.contribution.rate"])
def test_the_rules_page_opens_with_a_stored_bad_value_and_the_row_is_mended(app: Flask, code: str) -> None:
    """Rows written before values were checked: the page shows them as text instead of failing, whatever the unit
    (days, dinars, percent)."""
    bad = ["1" * 1_000_000, "1E+999999", "abc", "NaN", "1e40"]
    with app.app_context():
        for year, value in enumerate(bad, start=2030):
            db.session.add(RuleRow(code=code, valid_from=date(year, 1, 1), value=value,
                                   reference={"ar": "نص", "fr": "Texte"}))  # fmt: skip
        db.session.commit()
        first_bad = db.session.scalar(select(RuleRow.id).where(RuleRow.valid_from == date(2030, 1, 1)))
    admin = app.test_client()
    sign_in(admin, create_user(app, "ministry_admin", "mintest"))
    page = admin.get("/fr/backoffice/rules")
    assert page.status_code == 200
    assert "1" * 40 + "…" in page.get_data(as_text=True) and "1" * 41 not in page.get_data(as_text=True)
    typed, stored = ("12", "0.12") if code == "demo.contribution.rate" else ("120", "120")  # a rate in percent
    form = {"csrf_token": token(admin, "/fr/backoffice/rules"), "value": typed, "reference_ar": "نص",
            "reference_fr": "Texte"}  # fmt: skip
    assert admin.post(f"/fr/backoffice/rules/{first_bad}", data=form).status_code == 302
    with app.app_context():
        row = db.session.get(RuleRow, first_bad)
        assert row is not None
        assert row.value == stored


OUT_OF_BOUNDS = """
from datetime import date
from tests.plugins import Demo
from portal.registry.toolkit import RuleDefinition

REFERENCE = {"ar": "نص", "fr": "Texte"}

class Plugin(Demo):
    code = "extra"
    rules = (
        RuleDefinition("extra.rate", {"ar": "نسبة", "fr": "Taux"}, "percent", ((date(2020, 1, 1), "12", REFERENCE),)),
        RuleDefinition("extra.days", {"ar": "أيام", "fr": "Jours"}, "days", (), "30", "10"),
    )
"""


def test_a_plugins_first_values_lie_within_the_rules_bounds(
    make_app: AppFactory, install_plugin: Callable[..., None]
) -> None:
    install_plugin("extra", OUT_OF_BOUNDS)
    with pytest.raises(RegistryError) as caught:
        make_app(migrate=False, ENABLED_BODIES=["mintest", "extra"])
    assert sorted(caught.value.problems) == [
        "plugin 'extra', field 'rules[0].seed[0]': '12' is not a value from 0 to 1 of at most 40 characters",
        "plugin 'extra', field 'rules[1].maximum': minimum and maximum must be decimal numbers, in order",
    ]
