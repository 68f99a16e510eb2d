"""CACOBATPH's declaration simulation on a phone (390x844), in French and in Arabic: a typed list with blank rows
and a line wrong in four ways, every error of that line shown at once, then the workers counted and listed and
the simulation told apart from the final declaration."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations
from tests.browser.test_receipt import fits_the_screen, keep_screenshot

pytestmark = pytest.mark.browser
LIST = ("Numéro;Nom;Mois;Salaire\n150012345678;Benali Ahmed;12;540000,00\n;;;\n\n"
        "1500123;;13;mille\n150012345679;Saidi Omar;6;300 000\n;;;")  # fmt: skip
WORDS = {
    "fr": {"employer": "Numéro d'employeur à la Caisse", "year": "Année déclarée", "list": "Liste des salaires",
           "continue": "Continuer",
           "errors": "Ligne 5 : le numéro de sécurité sociale a 12 chiffres ; le nom manque ; le nombre de mois "
                     "travaillés va de 1 à 12 ; le salaire « mille » n'est pas un montant.",
           "counted": "Liste des salaires : 3 travailleurs", "notice": "Ceci n'est qu'une simulation",
           "declare": "Envoyer la déclaration définitive à la Caisse"},
    "ar": {"employer": "رقم المستخدم لدى الصندوق", "year": "سنة التصريح", "list": "قائمة الأجور", "continue": "متابعة",
           "errors": "السطر 5: رقم الضمان الاجتماعي من 12 رقما؛ الاسم واللقب ناقصان؛ عدد أشهر العمل من 1 إلى 12؛ "
                     "الأجر «mille» ليس مبلغا.",
           "counted": "قائمة الأجور: 3 عمال", "notice": "هذه محاكاة فقط",
           "declare": "إرسال التصريح النهائي إلى الصندوق"},
}  # fmt: skip


@pytest.mark.parametrize("locale", ["fr", "ar"])
def test_a_simulation_on_a_phone_shows_every_error_then_the_workers(
    phone: Page, hosted_server: str, locale: str
) -> None:
    words = WORDS[locale]
    phone.goto(f"{hosted_server}/{locale}/services/annual-declaration-simulation/apply")
    phone.get_by_label(words["employer"]).fill("16-0042-77")
    phone.get_by_label(words["year"]).fill("2026")
    phone.get_by_label(words["list"]).fill(LIST)
    phone.get_by_role("button", name=words["continue"]).click()
    alert = phone.get_by_role("alert")
    expect(alert).to_contain_text(words["errors"])  # the four mistakes of line 5, and nothing of the blank rows
    expect(alert.locator("li")).to_have_count(1)
    keep_screenshot(phone, f"simulation-errors-{locale}")
    phone.get_by_label(words["list"]).fill(LIST.replace("1500123;;13;mille", "150012345680;Kaci Ali;3;1000"))
    phone.get_by_role("button", name=words["continue"]).click()
    listed = phone.locator(".list-preview")
    expect(listed.get_by_role("heading")).to_have_text(words["counted"])
    expect(listed.locator("tbody tr")).to_have_count(3)
    expect(phone.locator(".estimate-box")).to_contain_text(words["notice"])
    expect(phone.get_by_role("button", name=words["declare"])).to_be_visible()
    assert fits_the_screen(phone) and axe_violations(phone) == []
    keep_screenshot(phone, f"simulation-{locale}")
