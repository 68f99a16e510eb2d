"""The steps of a complaint's journey in a real browser, shared by the core's test (on the test ministry's labour
inspection) and the bundled CACOBATPH register's: the citizen sends it in Arabic, an agent answers it in the back
office, and the citizen reads the answer on a phone."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from flask import Flask
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import axe_violations
from tests.browser.test_backoffice import sign_in
from tests.portal.backoffice.helpers import create_user
from tests.portal.dossiers.helpers import pdf_bytes

ANONYMOUS = "أرغب في عدم الكشف عن هويتي (للاقتراحات فقط)"


@dataclass(frozen=True)
class Complaint:
    slug: str
    subject: str  # a code of the form's subject list
    message: str
    answer: str  # what the agent answers
    more: Callable[[Page], None] = lambda _page: None  # the form's other fields of the first step


def no_accessibility_violations(page: Page) -> None:
    found = axe_violations(page)
    assert found == [], (page.url, found)


def send_in_arabic(page: Page, base: str, tmp_path: Path, complaint: Complaint) -> tuple[str, str]:
    """Fill the form as a citizen would, with the anonymity mistake on the way; the reference and the code."""
    page.goto(f"{base}/ar/services/{complaint.slug}")
    page.get_by_role("link", name="تقديم الطلب عبر الخط").click()
    expect(page.get_by_role("heading", level=2)).to_have_text("المرحلة 1 من 2: المعلومات")
    page.get_by_label("شكوى").check()
    page.get_by_label("عامل", exact=True).check()
    page.get_by_label("الموضوع").select_option(complaint.subject)
    page.get_by_label("نص الرسالة").fill(complaint.message)
    complaint.more(page)
    page.get_by_label(ANONYMOUS).check()
    page.get_by_role("button", name="متابعة").click()  # a complaint may not be anonymous: the step says so
    expect(page.get_by_role("alert")).to_contain_text("لا يمكن أن تكون الشكوى مجهولة الهوية")
    expect(page.get_by_label("نص الرسالة")).to_have_value(complaint.message)
    page.get_by_label(ANONYMOUS).uncheck()
    page.get_by_role("button", name="متابعة").click()
    expect(page.get_by_role("heading", level=2)).to_have_text("المرحلة 2 من 2: الوثائق والاتصال والتأكيد")
    proof = tmp_path / "كشف الراتب.pdf"
    proof.write_bytes(pdf_bytes())
    page.get_by_label("وثائق داعمة").set_input_files(str(proof))
    page.get_by_label("الاسم واللقب").fill("سليمة بن علي")
    page.get_by_label("البريد الإلكتروني").fill("salima@example.dz")
    no_accessibility_violations(page)
    page.get_by_role("button", name="إرسال").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("تم إرسال طلبكم")
    reference = page.locator(".reference").inner_text()
    code = page.locator(".tracking-code").inner_text()
    no_accessibility_violations(page)
    return reference, code


def answered_and_read_on_a_phone(
    browser: Browser, app: Flask, base: str, body: str, complaint: Complaint, reference: str, code: str
) -> None:
    """An agent of ``body`` answers the dossier in French; the citizen reads the answer in Arabic on a phone."""
    agent = create_user(app, "agent", body)
    office = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True).new_page()
    sign_in(office, base, agent.email)
    office.get_by_role("link", name="Dossiers").click()
    no_accessibility_violations(office)
    office.get_by_role("link", name=reference).click()
    expect(office.get_by_text(complaint.message)).to_be_visible()
    expect(office.get_by_role("link", name="كشف الراتب.pdf")).to_be_visible()
    no_accessibility_violations(office)
    office.get_by_label("Nouvel état").select_option("answered")
    office.get_by_label("Message au demandeur").fill(complaint.answer)
    office.get_by_role("button", name="Changer l'état et informer le demandeur").click()
    expect(office.get_by_text("L'état a été changé et le demandeur informé.")).to_be_visible()
    office.context.close()

    later = browser.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True).new_page()  # a phone
    later.goto(f"{base}/ar/track")
    later.get_by_label("المرجع").fill(reference)
    later.get_by_label("رمز المتابعة الخاص").fill(code)
    later.get_by_role("button", name="فتح الملف").click()
    expect(later.locator(".dossier-status")).to_have_text("تم الرد")
    expect(later.get_by_text(complaint.answer)).to_be_visible()
    assert later.locator("html").get_attribute("dir") == "rtl"
    no_accessibility_violations(later)
    later.context.close()
