"""One driver for walking any hosted service on a phone, as a person does: each step typed once with a mistake,
the error summary read and the mistake corrected, the browser's own Back and reload after every step, the exit
page of an ineligible answer and "change my answers", then the receipt and its acknowledgement PDF. A service is
described as data (``Journey``); its labels are the plugin's own, in the page's language."""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from playwright.sync_api import Locator, Page, expect
from pypdf import PdfReader

from tests.browser.conftest import axe_violations
from tests.browser.test_receipt import fits_the_screen, lines_of
from tests.portal.dossiers.helpers import pdf_bytes

Texts = Mapping[str, str]  # a text in each language: {"ar": ..., "fr": ...}
DateParts = tuple[str, str, str]  # day, month, year as typed in the three boxes
CORE = {  # the core's words that the walk reads, by language
    "fr": {"apply": "Faire la demande en ligne", "continue": "Continuer", "send": "Envoyer",
           "change": "Modifier mes réponses", "sent": "Votre demande a été envoyée", "name": "Nom et prénom",
           "pdf": "Télécharger l'accusé de réception (PDF)", "acknowledgement": "Accusé de réception",
           "decides": "Ce qui en décide", "instead": "Ce que vous pouvez faire", "next": "La suite"},
    "ar": {"apply": "تقديم الطلب عبر الخط", "continue": "متابعة", "send": "إرسال", "change": "تعديل إجاباتي",
           "sent": "تم إرسال طلبكم", "name": "الاسم واللقب", "pdf": "تحميل وصل الاستلام (PDF)",
           "acknowledgement": "وصل استلام", "decides": "ما يحدد ذلك", "instead": "ما يمكنكم القيام به",
           "next": "المراحل القادمة"},
}  # fmt: skip


@dataclass(frozen=True)
class Answer:
    """What a person puts in one field: ``label`` as the page shows it (by language); ``value`` is typed
    (text), ticked or not (bool), chosen (``option``: a list's code), typed in three boxes (a date or its
    parts) or attached (a file's name: ``.pdf`` files are PDF, others plain text); a text by language is
    typed as a reader of that language types it (Arabic-Indic digits in Arabic)."""

    label: Texts
    value: str | bool | date | DateParts | Texts
    option: bool = False

    def put(self, page: Page, locale: str, files: Path) -> None:
        label, value = self.label[locale], self.typed(locale)
        if isinstance(value, bool):
            field_of(page, label).set_checked(value)
        elif isinstance(value, date | tuple):
            parts = value if isinstance(value, tuple) else _parts(value)
            group = page.get_by_role("group", name=label)
            for part, typed in zip(("day", "month", "year"), parts, strict=True):
                group.locator(f"input[name$='-{part}']").fill(typed)
        elif self.option:
            field_of(page, label).select_option(value)
        elif value.endswith((".pdf", ".txt")):
            path = files / value
            path.write_bytes(pdf_bytes(value) if value.endswith(".pdf") else b"not a PDF")
            field_of(page, label).set_input_files(str(path))
        else:
            field_of(page, label).fill(value)

    def typed(self, locale: str) -> str | bool | date | DateParts:
        return self.value[locale] if isinstance(self.value, Mapping) else self.value

    def is_kept(self, page: Page, locale: str) -> None:
        """The field still holds the answer (a file is not checked here: the receipt lists it)."""
        label, value = self.label[locale], self.typed(locale)
        if isinstance(value, bool):
            box = field_of(page, label)
            expect(box).to_be_checked() if value else expect(box).not_to_be_checked()
        elif isinstance(value, date | tuple):
            parts = value if isinstance(value, tuple) else _parts(value)
            group = page.get_by_role("group", name=label)
            for part, typed in zip(("day", "month", "year"), parts, strict=True):
                expect(group.locator(f"input[name$='-{part}']")).to_have_value(typed)
        elif not value.endswith((".pdf", ".txt")):
            expect(field_of(page, label)).to_have_value(value)


def field_of(page: Page, label: str) -> Locator:
    """The field of this label, "(optional)" after it or not."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}( \([^)]*\))?$"))


def _parts(day: date) -> DateParts:
    return str(day.day), str(day.month), str(day.year)


@dataclass(frozen=True)
class Mistake:
    """A wrong answer and what the error summary says of it (by language): the link to the field names it."""

    wrong: Answer
    says: Texts
    field: str  # the field's name: the summary's link goes to #field-<name>


@dataclass(frozen=True)
class Ineligible:
    """Answers that the service does not serve: the exit page's title, a text of its rule and of its legal
    basis and of what to do instead (by language), then the answers that make the person eligible."""

    answers: tuple[Answer, ...]
    title: Texts
    rule: Texts
    legal: Texts
    instead: Texts
    eligible: tuple[Answer, ...]


@dataclass(frozen=True)
class Step:
    answers: tuple[Answer, ...]
    mistake: Mistake
    exit: Ineligible | None = None


@dataclass(frozen=True)
class Journey:
    slug: str
    title: Texts  # the service's title, as the receipt and its PDF give it
    steps: tuple[Step, ...]  # the last one is the final step (documents, contact, sending)
    submit: Texts = field(default_factory=lambda: {locale: words["send"] for locale, words in CORE.items()})


# The words of a page's text (screen readers' included) in the other language's script, but for addresses,
# elements marked as in another language and what was typed in fields.
FOREIGN_WORDS = r"""([locale, letters]) => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const found = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest(`[lang]:not([lang=${locale}]), script, style, textarea, [dir=auto]`)) continue;
    const text = node.textContent.replace(/\S+@\S+/g, "");  // an address is no text to translate
    for (const word of text.match(new RegExp(letters, "g")) || []) found.push(word);
  }
  return [...new Set(found)];
}"""
LETTERS = {"ar": "[A-Za-zÀ-ÿ]{3,}", "fr": "[\\u0600-\\u06ff]{2,}"}  # Latin words on Arabic pages, Arabic on French


def typed_words(journey: Journey, locale: str) -> set[str]:
    answers = [answer for step in journey.steps for answer in (*step.answers, step.mistake.wrong)]
    answers += [answer for step in journey.steps if step.exit for answer in step.exit.answers]
    texts = [value for value in (answer.typed(locale) for answer in answers) if isinstance(value, str)]
    return {word for text in texts for word in re.findall(LETTERS[locale], text)}


class Walk:
    """A person walking one journey in one language on ``page``; screenshots named ``<shots>-<what>``."""

    def __init__(self, page: Page, base: str, locale: str, files: Path, shots: Path | None) -> None:
        self.page, self.base, self.locale, self.files, self.shots = page, base, locale, files, shots
        self.words = CORE[locale]
        self.navigations: list[str] = []
        self.typed: set[str] = set()  # the words typed in the other script, which the pages may show back
        page.on("request", lambda request: self._navigated(request))

    def _navigated(self, request: Any) -> None:
        if request.is_navigation_request() and request.frame == self.page.main_frame:
            self.navigations.append(request.method)

    def shot(self, name: str) -> None:
        if self.shots is not None:
            self.page.screenshot(path=str(self.shots.with_name(f"{self.shots.name}-{name}.png")), full_page=True)

    def looks_right(self) -> None:
        """The page fits the phone's width, has no WCAG A/AA violation and is in the walk's language."""
        page = self.page
        assert fits_the_screen(page), f"{page.url} scrolls sideways on a phone"
        assert page.locator("html").get_attribute("lang") == self.locale
        assert page.locator("html").get_attribute("dir") == ("rtl" if self.locale == "ar" else "ltr")
        found = axe_violations(page)
        assert found == [], (page.url, found)
        # Nothing left in the other language: only names, codes, the feed's format and what was typed.
        foreign = page.evaluate(FOREIGN_WORDS, [self.locale, LETTERS[self.locale]])
        assert [word for word in foreign if not (word.isupper() or word in self.typed | {"Atom"})] == [], page.url

    def heading(self) -> Locator:
        return self.page.locator("#apply-form > h2")

    def button(self, final: bool, journey: Journey) -> Locator:
        name = journey.submit[self.locale] if final else self.words["continue"]
        return self.page.get_by_role("button", name=name, exact=True)

    def go(self, journey: Journey) -> str:
        """Walk the journey from the service's page to the receipt; its reference."""
        page = self.page
        self.typed = typed_words(journey, self.locale)
        page.goto(f"{self.base}/{self.locale}/services/{journey.slug}")
        page.get_by_role("link", name=self.words["apply"]).first.click()
        for number, step in enumerate(journey.steps):
            final = number == len(journey.steps) - 1
            self.one_step(journey, step, number, final)
            if not final:
                self.back_and_reload(step, number)
        return self.receipt(journey)

    def one_step(self, journey: Journey, step: Step, number: int, final: bool) -> None:
        page, locale = self.page, self.locale
        heading = self.heading().inner_text()
        expect(page.locator(".back-link")).to_be_visible()  # the page's own Back, on every step
        mistake = step.mistake
        for answer in step.answers:
            (mistake.wrong if answer.label == mistake.wrong.label else answer).put(page, locale, self.files)
        self.button(final, journey).click()
        summary = page.get_by_role("alert")
        expect(summary).to_contain_text(mistake.says[locale])
        expect(summary.locator(f"a[href='#field-{mistake.field}']")).to_contain_text(mistake.says[locale])
        expect(self.heading()).to_have_text(heading)  # the same step, with what was typed
        for answer in step.answers:
            if answer.label != mistake.wrong.label:
                answer.is_kept(page, locale)
        self.looks_right()
        self.shot(f"step{number + 1}-error")
        page.reload()  # harmless: the same step and its errors, no "Confirm form resubmission"
        assert self.navigations[-1] == "GET"
        expect(page.get_by_role("alert")).to_contain_text(mistake.says[locale])
        correct = next(answer for answer in step.answers if answer.label == mistake.wrong.label)
        correct.put(page, locale, self.files)
        if step.exit is not None:
            self.leaves_and_comes_back(step.exit)
        self.shot(f"step{number + 1}")
        self.button(final, journey).click()

    def leaves_and_comes_back(self, ineligible: Ineligible) -> None:
        page, locale = self.page, self.locale
        for answer in ineligible.answers:
            answer.put(page, locale, self.files)
        page.get_by_role("button", name=self.words["continue"], exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(ineligible.title[locale])
        assert page.url.endswith("/exit") and self.navigations[-2:] == ["POST", "GET"]
        page.reload()
        expect(page.get_by_role("heading", level=2, name=self.words["decides"])).to_be_visible()
        expect(page.locator(".exit-rule")).to_contain_text(ineligible.rule[locale])
        expect(page.locator(".exit-page")).to_contain_text(ineligible.legal[locale])
        legal = ineligible.legal[locale]  # said once: under its rules, or after them when they do not cite it
        in_rules = page.locator(".exit-rule").inner_text().count(legal)
        assert page.locator(".exit-page").inner_text().count(legal) == max(in_rules, 1)
        expect(page.get_by_role("heading", level=2, name=self.words["instead"])).to_be_visible()
        expect(page.locator(".exit-page")).to_contain_text(ineligible.instead[locale])
        self.looks_right()
        self.shot("exit")
        page.get_by_role("link", name=self.words["change"]).click()
        for answer in ineligible.answers:
            answer.is_kept(page, locale)
        for answer in ineligible.eligible:
            answer.put(page, locale, self.files)

    def back_and_reload(self, step: Step, number: int) -> None:
        """After a step is sent: Post/Redirect/Get to the next one; reload is harmless; the browser's Back shows
        the step just left with its answers, and Forward the next one again."""
        page = self.page
        expect(page.locator("#apply-form > h2")).to_contain_text(f"{number + 2}")
        assert self.navigations[-2:] == ["POST", "GET"], self.navigations
        following = self.heading().inner_text()
        page.reload()
        expect(self.heading()).to_have_text(following)
        page.go_back()
        assert self.navigations[-1] == "GET"
        kept = step.exit.eligible if step.exit else ()
        for answer in step.answers:
            replaced = next((other for other in kept if other.label == answer.label), answer)
            replaced.is_kept(page, self.locale)
        page.go_forward()
        expect(self.heading()).to_have_text(following)

    def receipt(self, journey: Journey) -> str:
        page, locale = self.page, self.locale
        expect(page.get_by_role("heading", level=1)).to_have_text(self.words["sent"])
        expect(page.locator(".receipt-page .lead")).to_contain_text(journey.title[locale])
        expect(page.get_by_role("heading", name=self.words["next"])).to_be_visible()
        reference = page.locator(".reference").inner_text()
        assert lines_of(page, ".reference") == 1
        self.looks_right()
        self.shot("receipt")
        with page.expect_download() as download:
            page.get_by_role("link", name=self.words["pdf"]).click()
        pdf = PdfReader(io.BytesIO(Path(download.value.path()).read_bytes()))
        text = " ".join(" ".join(part.extract_text() for part in pdf.pages).split())  # lines wrap anywhere
        assert reference in text and self.words["acknowledgement"] in text, text
        assert journey.title[locale] in text, text
        page.reload()  # the receipt is a page of its own: reloading it sends nothing again
        expect(page.locator(".reference")).to_have_text(reference)
        back = page.go_back()  # from the receipt: a page that answers, never the form sent again
        assert back is not None and back.ok and self.navigations[-1] == "GET", page.url
        self.shot("back-from-receipt")
        return reference
