"""Search on a phone, in Arabic and French: a misspelt word is searched as the closest word with a link to it,
and words no service has together bring the services that have some of them, with a notice."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("PORTAL_TEST_SCREENSHOTS")  # a folder to keep what the browser showed, to look at

TEXTS: dict[str, dict[str, Any]] = {
    "ar": {
        "field": "البحث عن خدمة",
        "button": "بحث",
        "typo": "تقاعود",
        "meant": "تقاعد",
        "corrected": "لا توجد خدمة تتضمن «تقاعود»: هذه نتائج أقرب كتابة لها.",
        "found": "الانتساب الإرادي للجزائريين المقيمين بالخارج",
        "partial_query": "منحة الأمومة البطالة",
        "partial_found": ("طلب منحة الأمومة عن بعد", "منحة البطالة"),
        "partial": "لا توجد خدمة تتضمن كل الكلمات التي كتبتموها: هذه الخدمات تتضمن بعضها.",
    },
    "fr": {
        "field": "Rechercher un service",
        "button": "Rechercher",
        "typo": "maternitee",
        "meant": "maternité",
        "corrected": "Aucun service ne contient «\u00a0maternitee\u00a0»\u00a0: voici les résultats "
        "pour l’orthographe la plus proche.",
        "found": "Demande de l'indemnité de maternité en ligne",
        "partial_query": "indemnité chômage",
        "partial_found": ("Demande de l'indemnité de maternité en ligne", "Allocation chômage"),
        "partial": "Aucun service ne contient tous vos mots\u00a0: ces services en contiennent une partie.",
    },
}


def shot(page: Page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=False)


@pytest.mark.parametrize("locale", ["ar", "fr"])
def test_a_misspelt_search_offers_the_closest_word_on_a_phone(phone: Page, live_server: str, locale: str) -> None:
    texts = TEXTS[locale]
    phone.goto(f"{live_server}/{locale}/")
    phone.get_by_label(texts["field"]).fill(texts["typo"])
    phone.get_by_role("button", name=texts["button"], exact=True).click()
    phone.wait_for_url(f"{live_server}/{locale}/services?q=*")
    notice = phone.get_by_role("status").filter(has_text=texts["corrected"])
    expect(notice).to_be_visible()
    suggestion = notice.get_by_role("link", name=texts["meant"], exact=True)
    expect(suggestion).to_be_in_viewport()
    expect(phone.get_by_role("link", name=texts["found"])).to_be_visible()
    shot(phone, f"search-correction-{locale}")
    assert axe_violations(phone) == []
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # nothing pushes the page sideways

    suggestion.click()
    phone.wait_for_url(f"{live_server}/{locale}/services?q=*")
    expect(phone.get_by_label(texts["field"])).to_have_value(texts["meant"])
    expect(phone.locator(".search-notice")).to_have_count(0)
    expect(phone.get_by_role("link", name=texts["found"])).to_be_visible()


@pytest.mark.parametrize("locale", ["ar", "fr"])
def test_words_no_service_has_together_bring_partial_matches_on_a_phone(
    phone: Page, live_server: str, locale: str
) -> None:
    texts = TEXTS[locale]
    phone.goto(f"{live_server}/{locale}/")
    phone.get_by_label(texts["field"]).fill(texts["partial_query"])
    phone.get_by_role("button", name=texts["button"], exact=True).click()
    phone.wait_for_url(f"{live_server}/{locale}/services?q=*")
    expect(phone.get_by_role("status").filter(has_text=texts["partial"])).to_be_visible()
    for title in texts["partial_found"]:
        expect(phone.get_by_role("link", name=title, exact=True)).to_be_visible()
    shot(phone, f"search-partial-{locale}")
    assert axe_violations(phone) == []
