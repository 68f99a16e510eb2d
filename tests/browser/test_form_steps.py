"""The steps of a hosted form on a phone, in French and in Arabic, with the browser's own Back and reload: the test
fund's leave form. Each step is Post/Redirect/Get, so neither shows the browser's "Confirm form resubmission";
Back shows the previous step with its answers; a step shows all its errors at once; an ineligible answer leads to
an exit page. Screenshots are left in the test's folder (``phone-<locale>-<what>.png``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import PHONE
from tests.browser.forms import type_date
from tests.browser.journeys import no_accessibility_violations
from tests.portal.dossiers.helpers import pdf_bytes

pytestmark = pytest.mark.browser
TEXTS = {
    "fr": {"name": "Nom du travailleur", "sick": "Maladie", "ordinary": "Ordinaire", "continue": "Continuer",
           "days": "Nombre de jours", "step1": "Étape 1 sur 3 : Le travailleur", "step2": "Étape 2 sur 3 : La durée",
           "sick_rule": "Un congé maladie ne dépasse pas 30 jours ici.",
           "exit": "Ce service n'est pas fait pour les longs congés", "back": "Retour",
           "change": "Modifier mes réponses"},
    "ar": {"name": "اسم العامل", "sick": "مرضية", "ordinary": "عادية", "continue": "متابعة", "days": "عدد الأيام",
           "step1": "المرحلة 1 من 3: العامل", "step2": "المرحلة 2 من 3: المدة",
           "sick_rule": "لا تتجاوز العطلة المرضية 30 يوما هنا.", "exit": "هذه الخدمة ليست للعطل الطويلة",
           "back": "رجوع", "change": "تعديل إجاباتي"},
}  # fmt: skip


@pytest.mark.parametrize("locale", ["fr", "ar"])
def test_back_and_reload_on_a_phone_keep_the_answers(
    phone: Page, hosted_server: str, tmp_path: Path, locale: str
) -> None:
    text, page = TEXTS[locale], phone
    methods: list[str] = []
    page.on("request", lambda request: methods.append(request.method) if request.is_navigation_request() else None)
    page.goto(f"{hosted_server}/{locale}/services/demo-leave/apply")
    expect(page.get_by_role("heading", level=2)).to_have_text(text["step1"])
    expect(page.locator(".back-link")).to_have_text(text["back"])
    page.get_by_label(text["name"]).fill("Amina Belkacem")
    page.get_by_label(text["sick"]).check()
    page.get_by_role("button", name=text["continue"]).click()
    expect(page.get_by_role("heading", level=2)).to_have_text(text["step2"])
    assert page.url.endswith("/1") and methods[-2:] == ["POST", "GET"]  # Post/Redirect/Get
    page.reload()  # a GET again: no resubmission, the same step
    assert methods[-1] == "GET"
    expect(page.get_by_role("heading", level=2)).to_have_text(text["step2"])
    page.screenshot(path=str(tmp_path / f"phone-{locale}-step2.png"), full_page=True)
    page.go_back()  # the browser's own Back button: the first step, with its answers
    expect(page.get_by_role("heading", level=2)).to_have_text(text["step1"])
    expect(page.get_by_label(text["name"])).to_have_value("Amina Belkacem")
    expect(page.get_by_label(text["sick"])).to_be_checked()
    page.screenshot(path=str(tmp_path / f"phone-{locale}-back.png"), full_page=True)
    page.go_forward()
    expect(page.get_by_role("heading", level=2)).to_have_text(text["step2"])

    page.get_by_label(text["days"]).fill("40")  # no start date, and too long for a sick leave: both errors at once
    page.get_by_role("button", name=text["continue"]).click()
    summary = page.get_by_role("alert")
    expect(summary.locator("li")).to_have_count(2)
    expect(summary).to_contain_text(text["sick_rule"])
    expect(page.get_by_label(text["days"])).to_have_value("40")
    page.reload()
    expect(page.get_by_role("alert").locator("li")).to_have_count(2)
    no_accessibility_violations(page)
    page.screenshot(path=str(tmp_path / f"phone-{locale}-errors.png"), full_page=True)

    page.locator(".back-link").click()  # the page's Back link keeps what was typed on the step
    expect(page.get_by_role("heading", level=2)).to_have_text(text["step1"])
    page.get_by_label(text["ordinary"]).check()
    page.get_by_role("button", name=text["continue"]).click()
    page.get_by_label(text["days"]).fill("200")  # longer than the law allows: not for this service
    page.get_by_role("button", name=text["continue"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(text["exit"])
    assert page.url.endswith("/exit")
    no_accessibility_violations(page)
    page.screenshot(path=str(tmp_path / f"phone-{locale}-exit.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the exit page scrolls sideways on a phone"
    page.get_by_role("link", name=text["change"]).click()
    expect(page.get_by_label(text["days"])).to_have_value("200")


def test_a_kept_file_is_replaced_on_a_phone(phone: Page, hosted_server: str, tmp_path: Path) -> None:
    page = phone
    page.goto(f"{hosted_server}/fr/services/demo-leave/apply")
    page.get_by_label("Nom du travailleur").fill("Amina Belkacem")
    page.get_by_label("Ordinaire").check()
    page.get_by_role("button", name="Continuer").click()
    type_date(page, "Date de début", date(2026, 1, 10))
    page.get_by_label("Nombre de jours").fill("12")
    page.get_by_role("button", name="Continuer").click()
    first, second = tmp_path / "premier.pdf", tmp_path / "second.pdf"
    first.write_bytes(pdf_bytes("one"))
    second.write_bytes(pdf_bytes("two"))
    page.get_by_label("Le certificat").set_input_files(str(first))
    page.get_by_role("button", name="Envoyer").click()  # no name yet: the step again, the file kept
    expect(page.locator(".kept-files")).to_contain_text("premier.pdf")
    expect(page.locator("#field-document-certificate-help")).to_contain_text("Formats acceptés : PDF")
    page.get_by_text("Remplacer ce fichier").click()
    page.screenshot(path=str(tmp_path / "phone-fr-replace.png"), full_page=True)
    page.get_by_label("Choisissez un autre fichier : il remplace « premier.pdf ».").set_input_files(str(second))
    page.get_by_label("Nom et prénom").fill("Amina Belkacem")
    page.get_by_role("button", name="Envoyer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Votre demande a été envoyée")
