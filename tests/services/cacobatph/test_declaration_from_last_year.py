"""CACOBATPH's simulation of the annual declaration started from last year's, read through the connector: from the
employer's account, Karim (the owner whom the fund knows as declaring for SARL Atlas Bâtiment) or his accountant
under a mandate that covers CACOBATPH opens the simulation of 2026 with the workers, months and wages declared for
2025 written in, changes them, and computes; nobody else gets anything written in, and no draft is kept for them,
nor when the fund cannot give the declaration."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from portal.accounts.views_employers import wage_list
from portal.connectors.records import DeclaredWorker
from portal.dossiers.models import FormDraft
from portal.extensions import db
from services.cacobatph.declaration import parse_wage_list
from tests.conftest import AppFactory
from tests.funds_sandbox import Sandbox
from tests.portal.accounts.organisations_helpers import signed_up
from tests.services.cacobatph.test_employer_account import PAGE
from tests.services.cacobatph.test_employer_mandate import (
    ATLAS,
    DECLARATION,
    OTHER,
    acting_accountant,
    karim_with_atlas,
)
from tests.services.casnos.test_retirement_page import _text

START = "/{locale}/my/funds/cacobatph/employers/declaration"
LAST_YEAR = ("870314012345;Amina Benali;12;511680,00", "900415077881;Omar Kaci;12;411840,00")  # as declared for 2025


@pytest.fixture
def app(make_app: AppFactory, funds_sandbox: Sandbox) -> Flask:
    return make_app(WTF_CSRF_ENABLED=False, FUNDS_BASE_URL=funds_sandbox.url)


def start(client: FlaskClient, locale: str = "fr", number: str = ATLAS, year: str = "2025") -> str:
    """Press "start from last year's"; where it leads."""
    response = client.post(START.format(locale=locale), data={"number": number, "year": year}, follow_steps=False)
    assert response.status_code == 302, response.status_code
    return str(response.headers["Location"])


def drafts(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(FormDraft)) or 0


def test_the_simulation_starts_from_last_years_declaration_and_is_changed(app: Flask, funds_sandbox: Sandbox) -> None:
    karim, _atlas = karim_with_atlas(app, funds_sandbox)
    assert "Simuler la déclaration 2026 à partir de celle de l’an dernier" in karim.get(PAGE).get_data(as_text=True)
    assert "محاكاة تصريح سنة 2026 انطلاقا من تصريح السنة الماضية" in karim.get(PAGE.replace("/fr/", "/ar/")).text
    step = start(karim)
    assert re.fullmatch(rf"/fr/services/{DECLARATION}/apply/[0-9a-f]{{32}}/0", step)
    page = karim.get(step).get_data(as_text=True)
    assert re.search(rf'name="employer_number"[^>]*value="{ATLAS}"', page)
    assert re.search(r'name="year"[^>]*value="2026"', page)
    assert "\n".join(LAST_YEAR) in page
    key = re.search(r'name="key" value="([0-9a-f]{32})"', page).group(1)  # type: ignore[union-attr]
    changed = "\n".join([LAST_YEAR[0], "900415077881;Omar Kaci;6;205920,00", "880101012345;Said Lamine;3;90000,00"])
    shown = karim.post(
        step.rsplit("/", 1)[0],
        data={"key": key, "step": "0", "action": "next", "employer_number": ATLAS, "year": "2026", "wages": changed},
    )
    computed = _text(shown.get_data(as_text=True))
    assert "3 travailleurs" in computed and "807 600,00 DA" in computed  # 511,680 + 205,920 + 90,000
    arabic = karim.get(start(karim, "ar")).get_data(as_text=True)
    assert "\n".join(LAST_YEAR) in arabic and 'dir="rtl"' in arabic


def test_an_accountant_under_a_mandate_starts_it_and_the_owner_is_told(app: Flask, funds_sandbox: Sandbox) -> None:
    karim, atlas = karim_with_atlas(app, funds_sandbox)
    accountant = acting_accountant(app, karim, str(atlas), (DECLARATION,))
    assert "\n".join(LAST_YEAR) in accountant.get(start(accountant)).get_data(as_text=True)
    log = karim.get("/fr/my/accesses").get_data(as_text=True)
    assert "la déclaration annuelle d’un employeur" in log and "représentant de" in log


def test_nothing_is_written_in_for_whoever_may_not_read_the_account(app: Flask, funds_sandbox: Sandbox) -> None:
    karim, _atlas = karim_with_atlas(app, funds_sandbox)
    before = drafts(app)
    stranger = signed_up(app, "etranger@example.dz")  # linked to nothing, owner of nothing
    assert stranger.post(START.format(locale="fr"), data={"number": ATLAS, "year": "2025"}).status_code == 404
    for number, year in ((OTHER, "2025"), (ATLAS, "deux mille"), ("", "2025")):  # not his number, not a year
        refused = karim.post(START.format(locale="fr"), data={"number": number, "year": year})
        assert refused.status_code == 404, (number, year)
    assert drafts(app) == before
    assert start(karim, year="2019") == "/fr/my/funds/cacobatph/employers"  # a year the fund holds nothing of
    told = _text(karim.get("/fr/my/funds/cacobatph/employers").get_data(as_text=True))
    assert "ne détient aucune déclaration de 2019 pour cet employeur" in told
    assert drafts(app) == before


def test_a_declaration_the_fund_cannot_give_now_is_said_so_and_nothing_is_kept(
    app: Flask, funds_sandbox: Sandbox
) -> None:
    karim, _atlas = karim_with_atlas(app, funds_sandbox)
    karim.get(PAGE)  # the employers read once, and kept
    before = drafts(app)
    funds_sandbox.fault("cacobatph", "error")
    assert start(karim) == "/fr/my/funds/cacobatph/employers"
    funds_sandbox.clear()
    told = _text(karim.get("/fr/my/funds/cacobatph/employers").get_data(as_text=True))
    assert "La déclaration de 2025 n’a pas pu être lue auprès de" in told and "Rien n’a été perdu" in told
    assert drafts(app) == before


def test_the_list_written_in_is_read_back_as_declared_even_a_name_with_a_semicolon() -> None:
    listed = wage_list([DeclaredWorker("900415077881", "Kaci; Omar", 6, Decimal("205920"))])
    lines, errors = parse_wage_list(listed)
    assert errors == [] and [(line.name, line.months, line.wages) for line in lines] == [
        ("Kaci; Omar", 6, Decimal("205920.00"))
    ]
