"""CACOBATPH's register of complaints and suggestions end to end in a real browser: a citizen files a complaint in
Arabic, a CACOBATPH agent answers it in the back office, and the citizen reads the answer on the tracking page."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page

from tests.browser.journeys import Complaint, answered_and_read_on_a_phone, send_in_arabic

pytestmark = pytest.mark.browser
COMPLAINT = Complaint(
    slug="complaints-and-suggestions",
    subject="paid_leave",
    message="لم أتلق تعويض العطلة المدفوعة الأجر لسنة 2025.",
    answer="راجعنا حسابكم: سيحول تعويض العطلة المدفوعة الأجر قبل نهاية الشهر.",
)


def test_a_complaint_in_arabic_is_answered_by_the_fund_and_read_by_the_citizen(
    browser: Browser, hosted_app: Flask, hosted_server: str, tmp_path: Path
) -> None:
    citizen: Page = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True).new_page()
    reference, code = send_in_arabic(citizen, hosted_server, tmp_path, COMPLAINT)
    assert reference.startswith("CACOBATPH-")
    answered_and_read_on_a_phone(browser, hosted_app, hosted_server, "cacobatph", COMPLAINT, reference, code)
    citizen.context.close()
