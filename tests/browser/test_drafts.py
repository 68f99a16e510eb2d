"""A signed-in citizen's draft on a phone, in French and in Arabic: sign up, start the test fund's leave form, leave;
in a new browser context (another device) sign in, resume it from my space, send it, and find it in my space.
The pages are checked with axe-core on the way."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import PHONE
from tests.browser.journeys import no_accessibility_violations
from tests.portal.accounts.helpers import PASSWORD, code_sent_to
from tests.portal.dossiers.helpers import pdf_bytes

pytestmark = pytest.mark.browser
TEXTS = {"fr": {"continue": "Continuer", "send": "Envoyer", "drafts": "Mes brouillons", "resume": "Reprendre"},
         "ar": {"continue": "متابعة", "send": "إرسال", "drafts": "مسوداتي", "resume": "استئناف"}}  # fmt: skip


def _new_phone(browser: Browser) -> Page:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, bypass_csp=True)
    return context.new_page()


@pytest.mark.parametrize("locale", ["fr", "ar"])
def test_a_draft_started_on_one_device_is_sent_from_another(
    browser: Browser, hosted_app: Flask, hosted_server: str, tmp_path: Path, locale: str
) -> None:
    text, who = TEXTS[locale], f"amina.{locale}@example.dz"
    first = _new_phone(browser)
    first.goto(f"{hosted_server}/{locale}/account/sign-up")
    first.locator("input[name=identifier]").fill(who)
    first.locator("input[name=password]").fill(PASSWORD)
    first.locator("input[name=again]").fill(PASSWORD)
    first.locator("input[name=again]").press("Enter")
    first.locator("input[name=code]").fill(code_sent_to(hosted_app, who))
    first.locator("input[name=code]").press("Enter")
    expect(first).to_have_url(f"{hosted_server}/{locale}/my/")
    first.goto(f"{hosted_server}/{locale}/services/demo-leave/apply")
    first.locator("input[name=worker_name]").fill("Amina Belkacem")
    first.locator("#field-kind-ordinary").check()
    first.get_by_role("button", name=text["continue"]).click()
    expect(first).to_have_url(re.compile(r"/1$"))
    first.context.close()  # left on the second step

    second = _new_phone(browser)
    second.goto(f"{hosted_server}/{locale}/account/sign-in")
    second.locator("input[name=identifier]").fill(who)
    second.locator("input[name=password]").fill(PASSWORD)
    second.locator("input[name=password]").press("Enter")
    expect(second.get_by_role("heading", name=text["drafts"])).to_be_visible()
    no_accessibility_violations(second)
    assert second.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    second.screenshot(path=str(tmp_path / f"my-space-draft-{locale}.png"), full_page=True)
    second.get_by_role("link", name=text["resume"]).click()
    started = date(2026, 1, 10)
    for part, value in (("day", started.day), ("month", started.month), ("year", started.year)):
        second.locator(f"input[name=start-{part}]").fill(str(value))
    second.locator("input[name=days]").fill("12")
    second.get_by_role("button", name=text["continue"]).click()
    certificate = tmp_path / "certificat.pdf"
    certificate.write_bytes(pdf_bytes())
    second.locator("input[name=document-certificate]").set_input_files(str(certificate))
    second.locator("input[name=applicant_name]").fill("Amina Belkacem")
    second.get_by_role("button", name=text["send"], exact=True).click()
    reference = second.locator(".reference").first.inner_text().strip()
    second.goto(f"{hosted_server}/{locale}/my/")
    expect(second.locator("#dossiers-heading + ul")).to_contain_text(reference)
    expect(second.locator("#drafts-heading ~ ul")).to_have_count(0)  # sent: no longer a draft
    no_accessibility_violations(second)
    second.context.close()
