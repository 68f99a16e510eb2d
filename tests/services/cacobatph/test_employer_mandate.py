"""CACOBATPH's employer's account read by an accountant under a mandate, with the bundled CACOBATPH against the
sandbox's: Karim, whom the fund knows as declaring for SARL Atlas Bâtiment, owns it as an organisation and gives his
accountant a mandate for it that covers CACOBATPH; the accountant, linked to nothing himself, reads that
organisation's account alone, and each read is in Karim's log. A mandate for another of Karim's organisations opens
nothing of Atlas; one that does not cover CACOBATPH, or one for Karim in person, is refused (403); nothing is read
while Karim is not linked."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import AppFactory
from tests.funds_sandbox import Sandbox
from tests.portal.accounts.organisations_helpers import (
    accept_and_act,
    create_organisation,
    give_mandate,
    last_mandate,
    signed_up,
)
from tests.services.cacobatph.test_employer_account import PAGE, _linked
from tests.services.casnos.test_retirement_page import _text

ATLAS, OTHER = "1600420042", "1600420099"  # the number the fund gives Karim, and one it does not
ACCOUNTANT = "comptable@example.dz"
DECLARATION = "annual-declaration-simulation"  # CACOBATPH's hosted service: a mandate naming it covers the fund


def karim_with_atlas(app: Flask, sandbox: Sandbox) -> tuple[FlaskClient, int]:
    """Karim signed in, linked to CACOBATPH, owner of SARL Atlas Bâtiment with its number: his browser, the
    organisation's id."""
    karim = signed_up(app, "karim@example.dz")
    _linked(karim, sandbox)
    return karim, create_organisation(karim, cacobatph_number=ATLAS, nif="000216001234599")


def acting_accountant(app: Flask, karim: FlaskClient, party: str, services: tuple[str, ...] = ()) -> FlaskClient:
    """The accountant, signed up, acting under the mandate Karim gives him for ``party``."""
    accountant = signed_up(app, f"{len(services)}-{party}-{ACCOUNTANT}")
    assert give_mandate(karim, f"{len(services)}-{party}-{ACCOUNTANT}", party=party, services=services) == 302
    accept_and_act(app, accountant, last_mandate(app))
    return accountant


def test_an_accountant_reads_the_organisations_account_under_a_mandate(
    make_app: AppFactory, funds_sandbox: Sandbox
) -> None:
    app = make_app(WTF_CSRF_ENABLED=False, FUNDS_BASE_URL=funds_sandbox.url)
    karim, atlas = karim_with_atlas(app, funds_sandbox)
    accountant = acting_accountant(app, karim, str(atlas), (DECLARATION,))
    assert "Le compte de l’organisme pour lequel vous agissez" in _text(accountant.get("/fr/my/funds/").data.decode())
    french = _text(accountant.get(PAGE).get_data(as_text=True))
    assert "SARL Atlas Bâtiment" in french and "Omar Kaci" in french and "411 840,00 DA" in french
    assert "الأجور المصرح بها لكل عامل في 2025" in _text(accountant.get(PAGE.replace("/fr/", "/ar/")).data.decode())
    log = _text(karim.get("/fr/my/accesses").get_data(as_text=True))
    assert log.count(f"1-{atlas}-{ACCOUNTANT}, représentant de Bâtiments Ézzine &amp; Fils") == 2  # each read
    assert "le compte d’un employeur" in log
    assert "le compte d’un employeur" not in accountant.get("/fr/my/accesses").get_data(as_text=True)  # not his


def test_a_mandate_for_another_organisation_opens_nothing_of_atlas(
    make_app: AppFactory, funds_sandbox: Sandbox
) -> None:
    app = make_app(WTF_CSRF_ENABLED=False, FUNDS_BASE_URL=funds_sandbox.url)
    karim, _atlas = karim_with_atlas(app, funds_sandbox)
    other = create_organisation(karim, cacobatph_number=OTHER, nif="000216001234598")
    accountant = acting_accountant(app, karim, str(other))
    page = _text(accountant.get(PAGE).get_data(as_text=True))
    assert "ne connaît le propriétaire qui vous a donné ce mandat comme déclarant d’aucun employeur" in page
    assert "Omar Kaci" not in page and "SARL Atlas Bâtiment" not in page


def test_a_mandate_that_does_not_cover_cacobatph_is_refused(make_app: AppFactory, funds_sandbox: Sandbox) -> None:
    app = make_app(WTF_CSRF_ENABLED=False, FUNDS_BASE_URL=funds_sandbox.url)
    karim, atlas = karim_with_atlas(app, funds_sandbox)
    elsewhere = acting_accountant(app, karim, str(atlas), ("report-missing-period",))  # a service of CNR
    in_person = acting_accountant(app, karim, "me")
    for accountant in (elsewhere, in_person):
        assert "Le compte de l’organisme pour lequel vous agissez" not in _text(accountant.get("/fr/my/funds/").text)
        refused = accountant.get(PAGE)
        assert refused.status_code == 403 and "Omar Kaci" not in refused.get_data(as_text=True)
        started = accountant.post("/fr/my/funds/cacobatph/employers/declaration", data={"number": ATLAS,
                                                                                         "year": "2025"})  # fmt: skip
        assert started.status_code == 403
    assert "représentant de" not in _text(karim.get("/fr/my/accesses").get_data(as_text=True))


def test_nothing_is_read_while_the_owner_is_not_linked(make_app: AppFactory, funds_sandbox: Sandbox) -> None:
    app = make_app(WTF_CSRF_ENABLED=False, FUNDS_BASE_URL=funds_sandbox.url)
    karim = signed_up(app, "karim@example.dz")  # not linked to CACOBATPH
    atlas = create_organisation(karim, cacobatph_number=ATLAS, nif="000216001234599")
    accountant = acting_accountant(app, karim, str(atlas))
    calls = funds_sandbox.calls("cacobatph")
    page = _text(accountant.get(PAGE).get_data(as_text=True))
    assert "n’a pas relié son compte à son dossier auprès de" in page and "Omar Kaci" not in page
    assert "لم يربط المالك الذي منحكم هذه الوكالة حسابه" in accountant.get(PAGE.replace("/fr/", "/ar/")).text
    assert funds_sandbox.calls("cacobatph") == calls  # the fund was not asked
