"""On a phone (390x844), in French and in Arabic: the list of the test ministry's report is counted and shown
before sending, and the receipt says what truly happened, keeps the reference on one line and gives the
acknowledgement of receipt as a PDF."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser
# Where to keep what the test saw, for a person to look at (PORTAL_SCREENSHOTS=<folder>); nowhere by default.
SHOTS = os.environ.get("PORTAL_SCREENSHOTS", "")
FACTS = "Date;Heures;Fait\n2026-03-02;3;Heures\n;;\n2026-03-03;2;Repos\n\n2026-03-04;1;Pause"
WORDS = {
    "fr": {"apply": "Faire la demande en ligne", "suggestion": "Suggestion", "worker": "Travailleur",
           "subject": "Sujet", "message": "Votre message", "facts": "Les faits, jour par jour",
           "continue": "Continuer", "listed": "Les faits, jour par jour : 3 lignes", "name": "Nom et prénom",
           "email": "Adresse électronique", "send": "Envoyer", "email_later": "sera envoyé à nadia@example.dz",
           "next": "La suite", "pdf": "Télécharger l'accusé de réception (PDF)", "title": "Accusé de réception"},
    "ar": {"apply": "تقديم الطلب عبر الخط", "suggestion": "اقتراح", "worker": "عامل", "subject": "الموضوع",
           "message": "نص الرسالة", "facts": "الوقائع يوما بيوم", "continue": "متابعة",
           "listed": "الوقائع يوما بيوم: 3 أسطر", "name": "الاسم واللقب", "email": "البريد الإلكتروني",
           "send": "إرسال", "email_later": "سيرسل بريد إلكتروني للتأكيد إلى nadia@example.dz",
           "next": "المراحل القادمة", "pdf": "تحميل وصل الاستلام (PDF)", "title": "وصل استلام"},
}  # fmt: skip


def keep_screenshot(page: Page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def fits_the_screen(page: Page) -> bool:
    return bool(page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth"))


def lines_of(page: Page, selector: str) -> int:
    """How many lines the text of the element takes on the screen."""
    return int(
        page.evaluate(
            """selector => { const range = document.createRange();
        range.selectNodeContents(document.querySelector(selector));
        return new Set([...range.getClientRects()].map(rect => Math.round(rect.top))).size; }""",
            selector,
        )
    )


@pytest.mark.parametrize("locale", ["fr", "ar"])
def test_a_report_on_a_phone_from_its_list_to_the_acknowledgement(phone: Page, hosted_server: str, locale: str) -> None:
    words = WORDS[locale]
    phone.goto(f"{hosted_server}/{locale}/services/labour-inspection-report")
    phone.get_by_role("link", name=words["apply"]).first.click()
    phone.get_by_label(words["suggestion"], exact=True).check()
    phone.get_by_label(words["worker"], exact=True).check()
    phone.get_by_label(words["subject"]).select_option("working_hours")
    phone.get_by_label(words["message"]).fill("Heures supplémentaires non payées en mars.")
    phone.get_by_label(words["facts"]).fill(FACTS)
    phone.get_by_role("button", name=words["continue"]).click()
    listed = phone.locator(".list-preview")
    expect(listed.get_by_role("heading")).to_have_text(words["listed"])  # the header and blank rows are no facts
    expect(listed.locator("tbody tr")).to_have_count(3)
    assert fits_the_screen(phone)
    keep_screenshot(phone, f"report-list-{locale}")
    phone.get_by_label(words["name"]).fill("Nadia Ait Ahmed")
    phone.get_by_label(words["email"]).fill("nadia@example.dz")
    phone.get_by_role("button", name=words["send"], exact=True).click()
    reference = phone.locator(".reference").inner_text()
    assert lines_of(phone, ".reference") == 1 and fits_the_screen(phone)
    expect(phone.locator(".confirmation-email")).to_contain_text(words["email_later"])  # no mail server here
    expect(phone.get_by_role("heading", name=words["next"])).to_be_visible()
    assert axe_violations(phone) == []
    keep_screenshot(phone, f"receipt-{locale}")
    with phone.expect_download() as download:
        phone.get_by_role("link", name=words["pdf"]).click()
    text = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(Path(download.value.path()).read_bytes())).pages
    )
    assert words["title"] in text and reference in text and "Nadia Ait Ahmed" in text
