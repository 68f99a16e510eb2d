"""CACOBATPH's register of complaints and suggestions end to end in a real browser: a citizen files a complaint in
Arabic, a CACOBATPH agent answers it in the back office, and the citizen reads the answer on the tracking page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import axe_violations, serve
from tests.browser.test_backoffice import sign_in
from tests.conftest import AppFactory
from tests.portal.backoffice.helpers import create_user
from tests.portal.dossiers.helpers import pdf_bytes

pytestmark = pytest.mark.browser
ANSWER = "راجعنا حسابكم: سيحول تعويض العطلة المدفوعة الأجر قبل نهاية الشهر."


@pytest.fixture
def hosted_app(make_app: AppFactory, tmp_path: Path) -> Flask:
    return make_app(UPLOAD_FOLDER=str(tmp_path / "uploads"))


@pytest.fixture
def hosted_server(hosted_app: Flask) -> Iterator[str]:
    yield from serve(hosted_app)


def no_accessibility_violations(page: Page) -> None:
    assert axe_violations(page) == [], page.url


def file_complaint_in_arabic(page: Page, base: str, tmp_path: Path) -> tuple[str, str]:
    page.goto(f"{base}/ar/services/complaints-and-suggestions")
    page.get_by_role("link", name="تقديم الطلب عبر الخط").click()
    expect(page.get_by_role("heading", level=2)).to_have_text("المرحلة 1 من 2: المعلومات")
    page.get_by_label("شكوى").check()
    page.get_by_label("عامل", exact=True).check()
    page.get_by_label("الموضوع").select_option("paid_leave")
    page.get_by_label("نص الرسالة").fill("لم أتلق تعويض العطلة المدفوعة الأجر لسنة 2025.")
    page.get_by_label("أرغب في عدم الكشف عن هويتي (للاقتراحات فقط)").check()
    page.get_by_role("button", name="متابعة").click()  # a complaint may not be anonymous: the step says so
    expect(page.get_by_role("alert")).to_contain_text("لا يمكن أن تكون الشكوى مجهولة الهوية")
    expect(page.get_by_label("نص الرسالة")).to_have_value("لم أتلق تعويض العطلة المدفوعة الأجر لسنة 2025.")
    page.get_by_label("أرغب في عدم الكشف عن هويتي (للاقتراحات فقط)").uncheck()
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


def test_a_complaint_in_arabic_is_answered_by_the_fund_and_read_by_the_citizen(
    browser: Browser, hosted_app: Flask, hosted_server: str, tmp_path: Path
) -> None:
    citizen = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True).new_page()
    reference, code = file_complaint_in_arabic(citizen, hosted_server, tmp_path)
    assert reference.startswith("CACOBATPH-")

    agent = create_user(hosted_app, "agent", "cacobatph")
    office = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True).new_page()
    sign_in(office, hosted_server, agent.email)
    office.get_by_role("link", name="Dossiers").click()
    no_accessibility_violations(office)
    office.get_by_role("link", name=reference).click()
    expect(office.get_by_text("لم أتلق تعويض العطلة المدفوعة الأجر لسنة 2025.")).to_be_visible()
    expect(office.get_by_role("link", name="كشف الراتب.pdf")).to_be_visible()
    no_accessibility_violations(office)
    office.get_by_label("Nouvel état").select_option("answered")
    office.get_by_label("Message au demandeur").fill(ANSWER)
    office.get_by_role("button", name="Changer l'état et informer le demandeur").click()
    expect(office.get_by_text("L'état a été changé et le demandeur informé.")).to_be_visible()
    office.context.close()

    later = browser.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True).new_page()  # a phone
    later.goto(f"{hosted_server}/ar/track")
    later.get_by_label("المرجع").fill(reference)
    later.get_by_label("رمز المتابعة الخاص").fill(code)
    later.get_by_role("button", name="فتح الملف").click()
    expect(later.locator(".dossier-status")).to_have_text("تم الرد")
    expect(later.get_by_text(ANSWER)).to_be_visible()
    assert later.locator("html").get_attribute("dir") == "rtl"
    no_accessibility_violations(later)
    later.context.close()
    citizen.context.close()
