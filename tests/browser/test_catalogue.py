"""A citizen's journey through the catalogue in a real browser, and the accessibility of its pages."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser

PAGES = [
    "/{locale}/",
    "/{locale}/services",
    "/{locale}/services?q={query}",
    "/{locale}/services/maternity-benefit",
    "/{locale}/services/hiring-aid",
]
QUERIES = {"ar": "تقاعد", "fr": "retraite"}


def test_arabic_journey_from_search_to_the_french_page_then_a_life_event(page: Page, live_server: str) -> None:
    page.goto(f"{live_server}/ar/")
    page.get_by_label("البحث عن خدمة").fill("أمومة")
    page.get_by_role("button", name="بحث").click()
    page.wait_for_url(f"{live_server}/ar/services?q=*")
    expect(page.get_by_role("heading", level=1)).to_have_text("نتائج البحث عن «أمومة»")

    page.get_by_role("link", name="طلب منحة الأمومة عن بعد").click()
    page.wait_for_url(f"{live_server}/ar/services/maternity-benefit")
    expect(page.get_by_role("heading", level=1)).to_have_text("طلب منحة الأمومة عن بعد")

    page.get_by_role("link", name="Français").click()
    page.wait_for_url(f"{live_server}/fr/services/maternity-benefit")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Demande de l'indemnité de maternité en ligne")

    page.get_by_role("link", name="Tous les services").first.click()
    page.get_by_label("Avoir un enfant").check()
    page.get_by_role("button", name="Appliquer les filtres").click()
    page.wait_for_url(f"{live_server}/fr/services?life_event=having_a_child")
    expect(page.get_by_role("heading", name="1 service trouvé")).to_be_visible()
    expect(page.get_by_role("link", name="Demande de l'indemnité de maternité en ligne")).to_be_visible()


def test_search_with_the_keyboard_alone(page: Page, live_server: str) -> None:
    page.goto(f"{live_server}/fr/")
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "home-search":
            break
    assert page.evaluate("document.activeElement.id") == "home-search"
    page.keyboard.type("allocation chomage")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server}/fr/services?q=allocation+chomage")
    expect(page.get_by_role("link", name="Allocation chômage")).to_be_visible()


@pytest.mark.parametrize("locale", ["ar", "fr"])
@pytest.mark.parametrize("path", PAGES)
def test_catalogue_pages_have_no_wcag_violation(audit_page: Page, live_server: str, locale: str, path: str) -> None:
    audit_page.goto(live_server + path.format(locale=locale, query=QUERIES[locale]))
    assert axe_violations(audit_page) == []


def test_the_service_page_prints_without_navigation(page: Page, live_server: str) -> None:
    page.goto(f"{live_server}/fr/services/unemployment-benefit")
    page.emulate_media(media="print")
    assert page.locator(".portal-nav").is_hidden()
    assert page.locator(".breadcrumbs").is_hidden()
    expect(page.locator(".print-url")).to_have_text("https://wassit.pilote.example.dz")
