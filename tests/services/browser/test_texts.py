"""The declaration simulation's estimate on a phone (390x844), in Arabic and French: amounts as Algeria writes them,
one percent sign, the indicative notice, and no sourcing note; the estimate stays within the screen's width."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser
OUTSIDE = """selector => [...document.querySelectorAll(selector)]
    .map(element => [element.tagName, element.getBoundingClientRect()])
    .filter(([, box]) => box.width && (box.left < 0 || box.right > window.innerWidth))
    .map(([tag, box]) => `${tag} ${Math.round(box.left)}..${Math.round(box.right)}`).slice(0, 5)"""
WAGES = "150012345678;Ahmed Benali;12;540000,00\n150012345679;Omar Saidi;6;300000\n"
TEXTS = {
    "ar": ("متابعة", "رقم المستخدم لدى الصندوق", "سنة التصريح", "قائمة الأجور", "840\u202f000,00\xa0دج", "12,21%",
           "تقدير إرشادي"),
    "fr": ("Continuer", "Numéro d'employeur à la Caisse", "Année déclarée", "Liste des salaires",
           "840\u202f000,00\xa0DA", "12,21\xa0%", "Estimation indicative"),
}  # fmt: skip


@pytest.mark.parametrize("locale", ["ar", "fr"])
def test_the_estimate_on_a_phone_reads_as_algeria_writes_it(phone: Page, hosted_server: str, locale: str) -> None:
    button, employer, year, wages, total, rate, notice = TEXTS[locale]
    phone.goto(f"{hosted_server}/{locale}/services/annual-declaration-simulation/apply")
    phone.get_by_label(employer).fill("16-0042-77")
    phone.get_by_label(year).fill("2026")
    phone.get_by_label(wages, exact=True).fill(WAGES)
    phone.get_by_role("button", name=button).click()
    estimate = phone.locator(".estimate-box")
    expect(estimate).to_contain_text(total)
    expect(estimate).to_contain_text(rate)
    expect(estimate).to_contain_text(notice)
    for hidden in ("presse", "مصادر", "الصحفية", "٪", "د.ج"):
        expect(estimate).not_to_contain_text(hidden)
    outside = phone.evaluate(OUTSIDE, ".estimate-box *")
    assert outside == [], f"parts of the estimate are off the screen: {outside}"
    assert axe_violations(phone) == []
    if os.environ.get("SCREENSHOTS"):
        estimate.screenshot(path=os.path.join(os.environ["SCREENSHOTS"], f"estimate-{locale}.png"))
