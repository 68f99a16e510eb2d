"""The bundled bodies' computed services in a real browser, each to its receipt: CNAS's maternity claim in French,
CACOBATPH's annual declaration simulation from a CSV file in Arabic, CNAS's voluntary affiliation from abroad in
Arabic."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import axe_violations
from tests.browser.forms import type_date
from tests.portal.dossiers.helpers import pdf_bytes

pytestmark = pytest.mark.browser


@pytest.fixture
def citizen(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    yield context.new_page()
    context.close()


def a_pdf(tmp_path: Path, name: str) -> str:
    path = tmp_path / name
    path.write_bytes(pdf_bytes(name))
    return str(path)


def sent(page: Page, heading: str) -> str:
    assert axe_violations(page) == [], page.url
    page.get_by_role("button", name=heading).click()
    reference = page.locator(".reference").inner_text()
    assert page.locator(".tracking-code").inner_text()
    return reference


def test_a_maternity_claim_in_french(citizen: Page, hosted_server: str, tmp_path: Path) -> None:
    citizen.goto(f"{hosted_server}/fr/services/maternity-allowance-claim")
    citizen.get_by_role("link", name="Faire la demande en ligne").click()
    citizen.get_by_label("Numéro de sécurité sociale").fill("150012345678")
    citizen.get_by_label("Employeur", exact=True).fill("SARL Atlas Bâtiment")
    citizen.get_by_role("button", name="Continuer").click()
    type_date(citizen, "Date de la première constatation médicale de la grossesse", date(2026, 3, 2))
    type_date(citizen, "Date présumée de l'accouchement", date(2026, 11, 20))
    type_date(citizen, "Date de début du congé de maternité", date(2026, 10, 1))
    citizen.get_by_role("button", name="Continuer").click()
    expect(citizen.get_by_role("alert")).to_contain_text("soit à partir du 9 octobre 2026")
    type_date(citizen, "Date de début du congé de maternité", date(2026, 10, 9))
    citizen.get_by_role("button", name="Continuer").click()
    citizen.get_by_label("Jours travaillés dans les 3 mois avant la constatation").fill("14")  # days only: enough
    citizen.get_by_label("Jours travaillés dans les 12 mois avant la constatation").fill("59")  # to be asked, but short
    citizen.get_by_label("Salaire mensuel net (DA)").fill("60000")
    citizen.get_by_role("button", name="Continuer").click()
    exit_title = "Les conditions de durée de travail ne sont pas remplies"
    expect(citizen.get_by_role("heading", level=1)).to_have_text(exit_title)
    expect(citizen.locator(".exit-rule")).to_contain_text("15 jours")
    citizen.go_back()  # the browser's Back: the step, with what was typed
    expect(citizen.get_by_label("Jours travaillés dans les 12 mois avant la constatation")).to_have_value("59")
    for label, value in (("Jours travaillés dans les 3 mois avant la constatation", "60"),
                         ("Heures travaillées dans les 3 mois avant la constatation", "480"),
                         ("Jours travaillés dans les 12 mois avant la constatation", "240"),
                         ("Heures travaillées dans les 12 mois avant la constatation", "1900"),
                         ("Salaire mensuel net (DA)", "60000")):  # fmt: skip
        citizen.get_by_label(label).fill(value)
    citizen.get_by_role("button", name="Continuer").click()
    estimate = citizen.locator(".estimate-box")
    expect(estimate).to_contain_text("150 jours")
    expect(estimate).to_contain_text("300\u202f000,00\u00a0DA")
    expect(estimate).to_contain_text("Loi n° 25-08 du 19 juillet 2025")
    citizen.get_by_label("Certificat médical du congé de maternité").set_input_files(a_pdf(tmp_path, "certificat.pdf"))
    citizen.get_by_label("Nom et prénom").fill("Nadia Ait Ahmed")
    assert sent(citizen, "Envoyer").startswith("CNAS-")


def test_an_annual_declaration_simulated_from_a_csv_file_in_arabic(
    citizen: Page, hosted_server: str, tmp_path: Path
) -> None:
    citizen.goto(f"{hosted_server}/ar/services/annual-declaration-simulation/apply")
    expect(citizen.get_by_role("link", name="تنزيل نموذج CSV")).to_be_visible()
    citizen.get_by_label("رقم المستخدم لدى الصندوق").fill("16-0042-77")
    citizen.get_by_label("سنة التصريح").fill("2026")
    wages = tmp_path / "الأجور.csv"
    listed = ("رقم الضمان الاجتماعي;الاسم واللقب;أشهر العمل;الأجر\n150012345678;بن علي أحمد;12;540000,00\n"
              "150012345679;سعيدي عمر;6;300 000\n1500123;قاسي;3;1000")  # fmt: skip
    wages.write_text(listed + "\n", encoding="utf-8-sig")
    citizen.get_by_label("أو حملوا القائمة من ملف CSV").set_input_files(str(wages))
    citizen.get_by_role("button", name="متابعة").click()
    expect(citizen.get_by_role("alert")).to_contain_text("السطر 4: رقم الضمان الاجتماعي من 12 رقما.")
    box = citizen.get_by_label("قائمة الأجور")
    expect(box).to_have_value(listed)  # the file's lines, to be corrected where they are
    box.fill(box.input_value().replace("1500123;قاسي", "150012345680;قاسي"))
    citizen.get_by_role("button", name="متابعة").click()
    estimate = citizen.locator(".estimate-box")
    expect(estimate).to_contain_text("841\u202f000,00\xa0دج")  # 540,000 + 300,000 + 1,000 dinars
    expect(estimate).to_contain_text("مجموع الاشتراكات المستحقة")
    citizen.get_by_label("الاسم واللقب", exact=True).fill("مراد بلقاسم")
    assert sent(citizen, "التصريح").startswith("CACOBATPH-")


def test_a_voluntary_affiliation_from_abroad_in_arabic(citizen: Page, hosted_server: str, tmp_path: Path) -> None:
    citizen.goto(f"{hosted_server}/ar/services/voluntary-affiliation-abroad/apply")
    citizen.get_by_label("رقم التعريف الوطني").fill("109871234567890123")
    type_date(citizen, "تاريخ الميلاد", date(date.today().year - 60, 4, 12))
    citizen.get_by_label("بلد الإقامة").fill("فرنسا")
    citizen.get_by_label("رقم التسجيل القنصلي").fill("LYON-2019-4411")
    citizen.get_by_label("النشاط المهني في الخارج").fill("ممرض")
    citizen.get_by_label("أمارس نشاطا مهنيا في الخارج").check()
    citizen.get_by_role("button", name="متابعة").click()
    expect(citizen.get_by_role("heading", level=1)).to_have_text("الانتساب الإرادي غير متاح ابتداء من سن 55")
    expect(citizen.locator(".exit-rule")).to_contain_text("السن القصوى")
    citizen.get_by_role("link", name="تعديل إجاباتي").click()
    type_date(citizen, "تاريخ الميلاد", date(date.today().year - 38, 4, 12))
    citizen.get_by_role("button", name="متابعة").click()
    citizen.get_by_label("الوعاء الشهري المصرح به (دج)").fill("50000")
    citizen.get_by_label("عدد الفصول الناقصة المراد تسويتها").fill("4")
    citizen.get_by_role("button", name="متابعة").click()
    expect(citizen.get_by_role("alert")).to_contain_text("لا يقل الوعاء الشهري عن")
    citizen.get_by_label("الوعاء الشهري المصرح به (دج)").fill("80000")
    citizen.get_by_role("button", name="متابعة").click()
    estimate = citizen.locator(".estimate-box")
    expect(estimate).to_contain_text("75\u202f000,00\xa0دج")  # 31.25 % of 3 × 80,000
    expect(estimate).to_contain_text("300\u202f000,00\xa0دج")  # four quarters made up
    expect(estimate).to_contain_text("تقدير إرشادي")
    expect(estimate).not_to_contain_text("مصادر")
    expect(estimate).to_contain_text("لا يتوفر الدفع الإلكتروني على هذه البوابة بعد")
    documents = (
        ("نسخة من جواز السفر أو بطاقة التعريف الوطنية", "passeport.pdf"),
        ("بطاقة التسجيل القنصلي", "carte.pdf"),
        ("ما يثبت النشاط المهني في الخارج", "contrat.pdf"),
    )
    for label, name in documents:
        citizen.get_by_label(label).set_input_files(a_pdf(tmp_path, name))
    citizen.get_by_label("الاسم واللقب").fill("كريم حداد")
    assert sent(citizen, "إرسال").startswith("CNAS-")
