"""The back office in a real browser: a fund's team publishes a service that a citizen then finds in Arabic."""

from __future__ import annotations

from collections.abc import Iterator

import pyotp
import pytest
from flask import Flask
from playwright.sync_api import Browser, Dialog, Page, expect

from tests.browser.conftest import axe_violations, serve
from tests.conftest import AppFactory
from tests.portal.backoffice.helpers import PASSWORD, create_user

pytestmark = pytest.mark.browser
SCRIPT = "<script>alert('xss')</script><img src=x onerror=\"alert('img')\">"


@pytest.fixture
def team_app(make_app: AppFactory) -> Flask:
    return make_app()


@pytest.fixture
def team_server(team_app: Flask) -> Iterator[str]:
    yield from serve(team_app)


def sign_in(page: Page, base: str, email: str, code_secret: str | None = None) -> None:
    page.goto(f"{base}/fr/backoffice/sign-in")
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    if code_secret:
        page.get_by_label("Code de votre application d'authentification, ou code de secours").fill(
            pyotp.TOTP(code_secret).now()
        )
        page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()


def test_a_funds_team_publishes_and_a_citizen_finds_it(browser: Browser, team_app: Flask, team_server: str) -> None:
    editor = create_user(team_app, "editor", "demo")
    publisher = create_user(team_app, "publisher", "demo")
    dialogs: list[str] = []

    def refuse(dialog: Dialog) -> None:  # no page may open a dialog: each is noted, then dismissed
        dialogs.append(dialog.message)
        dialog.dismiss()

    page = browser.new_page()
    page.on("dialog", refuse)
    sign_in(page, team_server, editor.email)
    page.get_by_role("link", name="Nouveau service").click()
    page.get_by_label("Nom d'adresse (lettres minuscules, chiffres et tirets)").fill("releve-indemnites-journalieres")
    arabic, french = page.locator("fieldset[lang=ar]"), page.locator("fieldset[lang=fr]")
    arabic.get_by_label("Titre").fill("كشف التعويضات اليومية عن بعد")
    arabic.get_by_label("Résumé").fill("يطلع المؤمَّن له على كشف تعويضاته اليومية عن بعد. " + SCRIPT)
    arabic.get_by_label("Pour qui ?").fill("المؤمَّن لهم اجتماعيًا.")
    arabic.get_by_label("Base juridique").fill("القانون رقم 83-11.")
    french.get_by_label("Titre").fill("Relevé des indemnités journalières en ligne")
    french.get_by_label("Résumé").fill("L'assuré consulte en ligne le relevé de ses indemnités journalières. " + SCRIPT)
    french.get_by_label("Pour qui ?").fill("Les assurés sociaux.")
    french.get_by_label("Base juridique").fill("Loi n° 83-11.")
    page.get_by_label("Domaine").select_option("social_security")
    page.get_by_label("Travailleurs salariés").check()
    page.get_by_label("Application Tajribati").check()
    page.get_by_label("Espace de l'assuré").check()  # the app has no published address: the web space is the way in
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.get_by_text("Le service a été créé comme brouillon.")).to_be_visible()
    expect(arabic.get_by_label("Résumé")).to_have_value("يطلع المؤمَّن له على كشف تعويضاته اليومية عن بعد. " + SCRIPT)
    page.get_by_role("button", name="Envoyer en relecture").click()
    expect(page.get_by_text("Le brouillon a été envoyé en relecture.")).to_be_visible()
    page.get_by_role("link", name="Aperçu côté citoyen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Relevé des indemnités journalières en ligne")
    page.context.close()

    page = browser.new_page()
    page.on("dialog", refuse)
    sign_in(page, team_server, publisher.email, publisher.totp_secret)
    page.get_by_role("link", name="Relevé des indemnités journalières en ligne").click()
    page.get_by_role("button", name="Publier").click()
    expect(page.get_by_text("Le service a été publié.")).to_be_visible()
    page.context.close()

    citizen = browser.new_page()
    citizen.on("dialog", refuse)
    citizen.goto(f"{team_server}/ar/")
    citizen.get_by_label("البحث عن خدمة").fill("كشف التعويضات")
    citizen.get_by_role("button", name="بحث").click()
    citizen.get_by_role("link", name="كشف التعويضات اليومية عن بعد").click()
    expect(citizen.get_by_role("heading", level=1)).to_have_text("كشف التعويضات اليومية عن بعد")
    expect(citizen.locator(".lead")).to_contain_text("<script>alert('xss')</script>")  # shown as text
    citizen.goto(f"{team_server}/fr/services?q=indemnites")
    expect(citizen.get_by_role("link", name="Relevé des indemnités journalières en ligne")).to_be_visible()
    citizen.context.close()
    assert dialogs == []


@pytest.mark.parametrize("locale", ["ar", "fr"])
def test_backoffice_pages_have_no_wcag_violation(
    browser: Browser, team_app: Flask, team_server: str, locale: str
) -> None:
    admin = create_user(team_app, "ministry_admin", "mintest")
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(f"{team_server}/{locale}/backoffice/sign-in")
    assert axe_violations(page) == []
    sign_in(page, team_server, admin.email, admin.totp_secret)
    service = page.locator("table a").first.get_attribute("href")
    pages = ("/backoffice/", "/backoffice/users", "/backoffice/audit", "/backoffice/users/new", "/backoffice/password",
             "/backoffice/dashboard", "/transparency/")  # fmt: skip
    for path in pages:
        page.goto(f"{team_server}/{locale}{path}")
        assert axe_violations(page) == [], path
    page.goto(f"{team_server}{service}".replace("/fr/", f"/{locale}/"))
    assert axe_violations(page) == [], service
    context.close()
