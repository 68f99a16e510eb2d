"""A hosted service end to end in a real browser: a citizen files a complaint in Arabic with the test ministry's
labour inspection, an agent answers it in the back office, and the citizen reads the answer on the tracking page."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page

from tests.browser.journeys import Complaint, answered_and_read_on_a_phone, send_in_arabic

pytestmark = pytest.mark.browser
COMPLAINT = Complaint(
    slug="labour-inspection-report",
    subject="wages",
    message="لم أتقاض أجر الساعات الإضافية لشهر مارس 2026.",
    answer="راسلت المفتشية مستخدمكم: ستسوى أجور ساعاتكم الإضافية قبل نهاية الشهر.",
    more=lambda page: page.get_by_label("الوقائع يوما بيوم").fill("2026-03-02;3;ساعات إضافية غير مدفوعة"),
)


def test_a_complaint_in_arabic_is_answered_by_the_body_and_read_by_the_citizen(
    browser: Browser, hosted_app: Flask, hosted_server: str, tmp_path: Path
) -> None:
    citizen: Page = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True).new_page()
    reference, code = send_in_arabic(citizen, hosted_server, tmp_path, COMPLAINT)
    assert reference.startswith("MINTEST-")
    answered_and_read_on_a_phone(browser, hosted_app, hosted_server, "mintest", COMPLAINT, reference, code)
    citizen.context.close()
