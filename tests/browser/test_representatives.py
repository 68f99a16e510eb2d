"""An accountant acting for two employers, on a phone, in French and in Arabic: two owners each create their
organisation and give the accountant a mandate for it; the accountant accepts both, acts for the first, switches to
the second and sends the test fund's leave form for it; its owner finds the dossier in their space and the
accountant's action in their access log. The pages are checked with axe-core on the way."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import PHONE
from tests.browser.journeys import no_accessibility_violations
from tests.portal.accounts.helpers import PASSWORD, code_sent_to
from tests.portal.dossiers.helpers import pdf_bytes

pytestmark = pytest.mark.browser
TEXTS = {"fr": {"continue": "Continuer", "send": "Envoyer", "acting": "Vous agissez pour", "log": "représentant de"},
         "ar": {"continue": "متابعة", "send": "إرسال", "acting": "أنت تتصرف باسم", "log": "وكيل"}}  # fmt: skip
EMPLOYERS = [("مؤسسة البِناء الحديث", "Bâtiments Ézzine", "000016001234567"),
             ("شركة الأشغال العمومية", "Travaux Publics Hammoudi", "000016009876543")]  # fmt: skip


def _signed_up(browser: Browser, server: str, app: Flask, locale: str, who: str) -> Page:
    page = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, bypass_csp=True).new_page()
    page.goto(f"{server}/{locale}/account/sign-up")
    page.locator("input[name=identifier]").fill(who)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[name=again]").fill(PASSWORD)
    page.locator("input[name=again]").press("Enter")
    page.locator("input[name=code]").fill(code_sent_to(app, who))
    page.locator("input[name=code]").press("Enter")
    expect(page).to_have_url(f"{server}/{locale}/my/")
    return page


def _fits_the_phone(page: Page) -> None:
    no_accessibility_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def _employer_gives_a_mandate(page: Page, server: str, locale: str, employer: tuple[str, str, str], to: str,
                              shots: Path) -> None:  # fmt: skip
    name_ar, name_latin, nif = employer
    page.goto(f"{server}/{locale}/my/organisations")
    _fits_the_phone(page)
    page.locator("input[name=name_ar]").fill(name_ar)
    page.locator("input[name=name_latin]").fill(name_latin)
    page.locator("input[name=nif]").fill(nif)
    page.locator("input[name=cnas_number]").fill("1601234567")
    page.locator("form[action$='/my/organisations'] button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/my/organisations/\d+$"))
    _fits_the_phone(page)
    organisation = page.url.rsplit("/", 1)[1]
    page.goto(f"{server}/{locale}/my/mandates")
    page.locator("input[name=to]").fill(to)
    page.locator(f"#field-party-{organisation}").check()
    last = date.today() + timedelta(days=90)
    for part, value in (("day", last.day), ("month", last.month), ("year", last.year)):
        page.locator(f"input[name=ends_on-{part}]").fill(str(value))
    page.locator("#scope-some").check()
    page.locator("#service-demo-leave").check()
    page.locator("form[action$='/my/mandates'] button[type=submit]").click()
    expect(page.locator("#given-heading + ul")).to_contain_text(to)
    _fits_the_phone(page)
    page.screenshot(path=str(shots / f"mandates-{locale}.png"), full_page=True)


def _send_leave(page: Page, server: str, locale: str, tmp_path: Path) -> str:
    text = TEXTS[locale]
    page.goto(f"{server}/{locale}/services/demo-leave/apply")
    page.locator("input[name=worker_name]").fill("Yacine Ouali")
    page.locator("#field-kind-ordinary").check()
    page.get_by_role("button", name=text["continue"]).click()
    expect(page).to_have_url(re.compile(r"/1$"))
    for part, value in (("day", 10), ("month", 1), ("year", 2026)):
        page.locator(f"input[name=start-{part}]").fill(str(value))
    page.locator("input[name=days]").fill("12")
    page.get_by_role("button", name=text["continue"]).click()
    certificate = tmp_path / "certificat.pdf"
    certificate.write_bytes(pdf_bytes())
    page.locator("input[name=document-certificate]").set_input_files(str(certificate))
    page.locator("input[name=applicant_name]").fill("Yacine Ouali")
    page.get_by_role("button", name=text["send"], exact=True).click()
    return page.locator(".reference").first.inner_text().strip()


@pytest.mark.parametrize("locale", ["fr", "ar"])
def test_an_accountant_acts_for_two_employers(
    browser: Browser, hosted_app: Flask, hosted_server: str, tmp_path: Path, locale: str
) -> None:
    text, accountant_address = TEXTS[locale], f"comptable.{locale}@example.dz"
    owners = [_signed_up(browser, hosted_server, hosted_app, locale, f"{who}.{locale}@example.dz")
              for who in ("karim", "nadia")]  # fmt: skip
    for owner, employer in zip(owners, EMPLOYERS, strict=True):
        _employer_gives_a_mandate(owner, hosted_server, locale, employer, accountant_address, tmp_path)

    accountant = _signed_up(browser, hosted_server, hosted_app, locale, accountant_address)
    accountant.goto(f"{hosted_server}/{locale}/my/mandates")
    _fits_the_phone(accountant)
    accountant.screenshot(path=str(tmp_path / f"received-{locale}.png"), full_page=True)
    for _ in EMPLOYERS:
        accountant.locator("form[action$='/accept'] button").first.click()
    expect(accountant.locator("form[action$='/accept']")).to_have_count(0)

    name_of = 0 if locale == "ar" else 1
    for employer in EMPLOYERS:  # acts for the first, then switches to the second
        accountant.goto(f"{hosted_server}/{locale}/my/act-for")
        _fits_the_phone(accountant)
        accountant.get_by_label(re.compile(re.escape(employer[name_of]))).check()
        accountant.locator("main form[action$='/my/act-for'] button[type=submit]").click()
        expect(accountant.locator(".acting-banner")).to_contain_text(f"{text['acting']} {employer[name_of]}")
        _fits_the_phone(accountant)
    reference = _send_leave(accountant, hosted_server, locale, tmp_path)
    expect(accountant.locator(".acting-banner")).to_contain_text(EMPLOYERS[1][name_of])
    accountant.screenshot(path=str(tmp_path / f"receipt-acting-{locale}.png"), full_page=True)
    accountant.goto(f"{hosted_server}/{locale}/my/")
    expect(accountant.locator("#dossiers-heading + ul")).to_contain_text(reference)
    accountant.locator(".acting-banner button[type=submit]").click()  # back to their own account
    expect(accountant.locator(".acting-banner")).to_have_count(0)
    expect(accountant.locator("main")).not_to_contain_text(reference)

    first, second = owners
    second.goto(f"{hosted_server}/{locale}/my/")
    expect(second.locator("#dossiers-heading + ul")).to_contain_text(reference)
    expect(second.locator(".acted")).to_contain_text(EMPLOYERS[1][name_of])
    _fits_the_phone(second)
    second.goto(f"{hosted_server}/{locale}/my/accesses")
    expect(second.locator(".access-log")).to_contain_text(accountant_address)
    expect(second.locator(".access-log")).to_contain_text(text["log"])
    _fits_the_phone(second)
    second.screenshot(path=str(tmp_path / f"access-log-{locale}.png"), full_page=True)
    first.goto(f"{hosted_server}/{locale}/my/")
    expect(first.locator("main")).not_to_contain_text(reference)
    for page in (*owners, accountant):
        page.context.close()
