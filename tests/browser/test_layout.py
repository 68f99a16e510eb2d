"""The base layout in a real browser: direction, Bootstrap's RTL build, accessibility, keyboard, phone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser


def loaded_stylesheets(page: Page) -> list[str]:
    """Stylesheets the browser loaded and parsed (a sheet that failed has no rules), by their plain names: the
    fingerprint in ``bootstrap.min.3f2a9c1b7d4e.css`` left out."""
    hrefs = page.evaluate(
        "() => [...document.styleSheets].filter(s => s.href && s.cssRules.length > 0).map(s => s.href)"
    )
    return [re.sub(r"\.[0-9a-f]{12}(\.css)$", r"\1", href) for href in hrefs]


def card_positions(page: Page) -> list[float]:
    return [box["x"] for box in (card.bounding_box() for card in page.locator(".body-card").all()[:2]) if box]


def test_arabic_home_is_right_to_left_with_bootstrap_rtl(page: Page, live_server: str) -> None:
    page.goto(f"{live_server}/ar/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    sheets = loaded_stylesheets(page)
    assert any(sheet.endswith("/static/vendor/bootstrap/bootstrap.rtl.min.css") for sheet in sheets)
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    first, second = card_positions(page)
    assert first > second  # the first body stands on the right, as an Arabic reader expects
    assert page.get_by_role("heading", level=1).inner_text().startswith("الخدمات الإلكترونية")


def test_french_home_is_left_to_right_with_bootstrap(page: Page, live_server: str) -> None:
    page.goto(f"{live_server}/fr/")
    assert page.locator("html").get_attribute("dir") == "ltr"
    sheets = loaded_stylesheets(page)
    assert any(sheet.endswith("/static/vendor/bootstrap/bootstrap.min.css") for sheet in sheets)
    assert not any("rtl" in sheet for sheet in sheets)
    first, second = card_positions(page)
    assert first < second
    assert page.locator("#bodies-heading").inner_text() == "Organismes du secteur"


@pytest.mark.parametrize("locale", ["ar", "fr"])
def test_home_has_no_wcag_violation(audit_page: Page, live_server: str, locale: str) -> None:
    audit_page.goto(f"{live_server}/{locale}/")
    assert axe_violations(audit_page) == []


@pytest.mark.parametrize(
    ("locale", "label"), [("ar", "الانتقال إلى المحتوى الرئيسي"), ("fr", "Aller au contenu principal")]
)
def test_skip_link_is_the_first_stop_of_the_keyboard(page: Page, live_server: str, locale: str, label: str) -> None:
    page.goto(f"{live_server}/{locale}/")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => [document.activeElement.textContent.trim(), document.activeElement.offsetWidth]")
    assert focused[0] == label
    assert focused[1] > 10  # visible once focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_language_switch_keeps_the_page(page: Page, live_server: str) -> None:
    page.goto(f"{live_server}/ar/?from=test")
    page.get_by_role("link", name="Français").click()
    page.wait_for_url(f"{live_server}/fr/?from=test")
    assert page.locator("html").get_attribute("dir") == "ltr"
    page.get_by_role("link", name="العربية").click()
    page.wait_for_url(f"{live_server}/ar/?from=test")


@pytest.mark.parametrize("locale", ["ar", "fr"])
def test_phone_width_needs_no_sideways_scrolling(page: Page, live_server: str, locale: str) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server}/{locale}/")
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    assert page.locator(".body-card").count() == 3  # the test bodies


def test_the_audit_reports_a_real_violation(audit_page: Page, live_server: str) -> None:
    """Guards the audit itself: an image without a text alternative must be reported."""
    audit_page.goto(f"{live_server}/fr/")
    audit_page.evaluate("() => document.querySelector('main').append(document.createElement('img'))")
    assert "image-alt" in [violation["id"] for violation in axe_violations(audit_page)]
