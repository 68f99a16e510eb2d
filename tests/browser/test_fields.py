"""Digits and dates on a phone (390 x 844), in Arabic and French, in Debian's chromium: a social security number
typed in groups is kept whole and left to right, the date is typed in three boxes (day first, on the reading
side), a wrong month is told, and the corrected answers reach the review step as a date and 12 digits."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import PHONE

pytestmark = pytest.mark.browser
TEXTS = {
    "ar": {"name": "اسم العامل", "kind": "عادية", "number": "رقم الضمان الاجتماعي", "continue": "متابعة",
           "day": "اليوم", "month": "الشهر", "year": "السنة", "days": "عدد الأيام",
           "wrong_month": "يجب أن يكون الشهر في تاريخ البداية بين 1 و12.", "date": "1 ديسمبر 2026"},
    "fr": {"name": "Nom du travailleur", "kind": "Ordinaire", "number": "Numéro de sécurité sociale",
           "continue": "Continuer", "day": "Jour", "month": "Mois", "year": "Année", "days": "Nombre de jours",
           "wrong_month": "Le mois de la date de début doit être compris entre 1 et 12.", "date": "1er décembre 2026"},
}  # fmt: skip


def no_sideways_scrolling(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url


@pytest.mark.parametrize("locale", ["ar", "fr"])
def test_a_number_in_groups_and_a_date_in_three_boxes_on_a_phone(
    phone: Page, hosted_server: str, locale: str, tmp_path: Path
) -> None:
    words = TEXTS[locale]
    phone.goto(f"{hosted_server}/{locale}/services/demo-leave/apply")
    phone.get_by_label(words["name"]).fill("Amina Belkacem")
    phone.get_by_label(words["kind"], exact=True).check()
    number = phone.get_by_label(words["number"])
    number.press_sequentially("1234 5678 9012")
    expect(number).to_have_value("1234 5678 9012")  # nothing cut at 12 characters
    assert number.evaluate("box => [getComputedStyle(box).direction, box.inputMode]") == ["ltr", "numeric"]
    no_sideways_scrolling(phone)
    phone.screenshot(path=str(tmp_path / f"number-{locale}.png"), full_page=True)
    phone.get_by_role("button", name=words["continue"]).click()

    day, month, year = (phone.get_by_label(words[part], exact=True) for part in ("day", "month", "year"))
    day.press_sequentially("1")
    month.press_sequentially("13")
    year.press_sequentially("2026")
    phone.get_by_label(words["days"]).fill("5")
    # The day's box comes first on the reading side: on the right in Arabic, on the left in French.
    day_x, month_x = (box.bounding_box()["x"] for box in (day, month))  # type: ignore[index]
    assert (day_x > month_x) if locale == "ar" else (day_x < month_x)
    phone.get_by_role("button", name=words["continue"]).click()

    summary = phone.locator(".error-summary")
    expect(summary.get_by_role("link", name=words["wrong_month"])).to_be_visible()
    expect(month).to_have_value("13")  # what was typed is kept
    no_sideways_scrolling(phone)
    phone.screenshot(path=str(tmp_path / f"date-error-{locale}.png"), full_page=True)
    summary.get_by_role("link", name=words["wrong_month"]).click()
    expect(day).to_be_focused()  # the link lands in the date's first box
    month.fill("12")
    phone.get_by_role("button", name=words["continue"]).click()

    answers = phone.locator("table.answers")
    expect(answers).to_contain_text("1234 5678 9012")  # read back in groups of four
    expect(answers).to_contain_text(words["date"])
    phone.screenshot(path=str(tmp_path / f"review-{locale}.png"), full_page=True)
