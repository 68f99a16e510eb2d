"""Digits and dates as people type them: what is accepted and stored, and what each mistake is told, in Arabic and
French. The fields are the toolkit's, loaded as the pages and the API load them (``load_answers``' ``flatten``)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import pytest
from flask import Flask, g
from marshmallow import Schema, ValidationError

from portal.dossiers.submission import ContactSchema, Errors, flatten
from portal.registry import dates
from portal.registry.digits import grouped_example, normalise_digits
from portal.registry.toolkit import fields
from tests.conftest import AppFactory


class Claim(Schema):
    number = fields.digits(
        {"ar": "رقم الضمان الاجتماعي", "fr": "Numéro de sécurité sociale"},
        12,
        named={"ar": "رقم الضمان الاجتماعي", "fr": "votre numéro de sécurité sociale"},
    )
    code = fields.digits({"ar": "الرمز", "fr": "Code"}, 4, required=False)  # named by its quoted label
    birth = fields.date({"ar": "تاريخ الميلاد", "fr": "Date de naissance"}, past=True,
                        named={"ar": "تاريخ الميلاد", "fr": "votre date de naissance"})  # fmt: skip


@pytest.fixture
def app(make_app: AppFactory) -> Flask:
    return make_app(TODAY="2026-11-30")


@contextmanager
def speaking(app: Flask, locale: str) -> Iterator[None]:
    with app.test_request_context(f"/{locale}/"):
        g.lang_code = locale
        yield


def load(app: Flask, locale: str, **answers: Any) -> dict[str, Any] | Errors:
    with speaking(app, locale):
        try:
            return Claim().load({"number": "123456789012", "birth": "1980-01-31", **answers})
        except ValidationError as error:
            return flatten(error.normalized_messages(), Claim())


@pytest.mark.parametrize(("typed", "read"), [
    ("1234 5678 9012", "123456789012"),
    ("1234-5678-9012", "123456789012"),
    ("١٢٣٤ ٥٦٧٨ ٩٠١٢", "123456789012"),                 # Arabic-Indic
    ("۱۲۳۴۵۶۷۸۹۰۱۲", "123456789012"),                   # Eastern Arabic-Indic (Persian, Urdu keyboards)
    ("12٣4 ۵6-78\u00a09012", "123456789012"),            # mixed digits, a no-break space
    ("\u200f1234\u202f5678 – 9012\u200e", "123456789012"),  # direction marks, narrow space, en dash
    ("", ""),
])  # fmt: skip
def test_digits_are_read_as_people_type_them(typed: str, read: str) -> None:
    assert normalise_digits(typed) == read


@pytest.mark.parametrize("typed", [
    "1234 5678 901O",      # a letter O for a zero
    "१२३४",                # Devanagari digits are not accepted
    "１２３４",              # nor full-width ones
    "1234.5678",           # nor dots
    "12\ud80034",          # a lone surrogate: invalid Unicode
    "12\x0034",            # a control character
])  # fmt: skip
def test_anything_else_than_digits_and_separators_is_not_a_number(typed: str) -> None:
    assert normalise_digits(typed) is None


def test_the_example_is_written_in_groups_of_four() -> None:
    assert grouped_example(12) == "1234 5678 9012"
    assert grouped_example(18) == "1234 5678 9012 3456 78"


def test_a_number_typed_with_spaces_and_arabic_digits_is_stored_as_latin_digits(app: Flask) -> None:
    assert load(app, "fr", number="١٢٣٤ 5678-9012", code="۰۰۴۲") == {
        "number": "123456789012", "code": "0042", "birth": date(1980, 1, 31)}  # fmt: skip


def test_a_wrong_number_names_the_field_and_the_count_in_both_languages(app: Flask) -> None:
    french = "Entrez votre numéro de sécurité sociale, 12 chiffres."
    assert load(app, "fr", number="1234 5678 901")["number"] == [french]
    assert load(app, "ar", number="1234")["number"] == ["أدخلوا رقم الضمان الاجتماعي، 12 رقما."]
    assert load(app, "ar", number="12a4")["number"] == ["أدخلوا رقم الضمان الاجتماعي، 12 رقما."]
    assert load(app, "fr", code="12")["code"] == ["Entrez «\u00a0Code\u00a0», 4 chiffres."]  # the label, quoted
    assert load(app, "ar", code="12")["code"] == ["أدخلوا الرمز، 4 أرقام."]  # Arabic's plural for 3 to 10
    # A message that does not name its field has the label in front, with French's space before the colon
    assert load(app, "fr", code="12\ud80034")["code"][0].startswith("Code\u00a0: Supprimez les caractères illisibles")


def test_a_missing_number_says_what_to_enter(app: Flask) -> None:
    with speaking(app, "fr"):
        with pytest.raises(ValidationError) as caught:
            Claim().load({"birth": "1980-01-31"})
        assert flatten(caught.value.normalized_messages(), Claim()) == {
            "number": ["Entrez votre numéro de sécurité sociale, 12 chiffres."]}  # fmt: skip


def test_the_three_parts_of_a_date_make_one_value_and_come_back_apart() -> None:
    assert dates.joined(" 5", "١٢ ", "1990") == "1990-١٢-5"  # as typed: read when loaded
    assert dates.joined("", "", "") == ""
    assert dates.joined("3-", "4", "2001") == "2001-4-3"  # a dash typed in a box cannot split the value
    assert dates.split("1990-12-5") == {"year": "1990", "month": "12", "day": "5"}
    assert dates.split("2026-05-10") == {"year": "2026", "month": "05", "day": "10"}  # an ISO date too
    assert dates.split("nonsense") == {"year": "", "month": "", "day": ""}


def test_a_date_typed_in_parts_with_arabic_digits_is_a_date(app: Flask) -> None:
    assert load(app, "ar", birth=dates.joined("٥", "١٢", "١٩٩٠"))["birth"] == date(1990, 12, 5)
    assert load(app, "fr", birth="1990-2-28")["birth"] == date(1990, 2, 28)


@pytest.mark.parametrize(("typed", "french", "arabic"), [
    ("1990-13-5", "Le mois de votre date de naissance doit être compris entre 1 et 12.",
     "يجب أن يكون الشهر في تاريخ الميلاد بين 1 و12."),
    ("1990-0-5", "Le mois de votre date de naissance doit être compris entre 1 et 12.",
     "يجب أن يكون الشهر في تاريخ الميلاد بين 1 و12."),
    ("1990-5-32", "Le jour de votre date de naissance doit être compris entre 1 et 31.",
     "يجب أن يكون اليوم في تاريخ الميلاد بين 1 و31."),
    ("1990-5-x", "Le jour de votre date de naissance doit être compris entre 1 et 31.",
     "يجب أن يكون اليوم في تاريخ الميلاد بين 1 و31."),
    ("90-5-12", "L'année de votre date de naissance doit comporter 4 chiffres.",
     "يجب أن تتكون السنة في تاريخ الميلاد من 4 أرقام."),
    ("1990--12", "Votre date de naissance doit comporter le mois.", "يجب أن يتضمن تاريخ الميلاد الشهر."),
    ("-5-12", "Votre date de naissance doit comporter l'année.", "يجب أن يتضمن تاريخ الميلاد السنة."),
    ("2026-2-30", "Entrez une date réelle pour votre date de naissance\u00a0: février 2026 compte 28 jours.",
     "أدخلوا تاريخا صحيحا في خانة تاريخ الميلاد: شهر فيفري 2026 فيه 28 يوما."),
    ("2026-11-30", "Votre date de naissance doit être dans le passé.", "يجب أن يكون تاريخ الميلاد في الماضي."),
    ("10/05/2026", "Entrez une date réelle pour votre date de naissance, par exemple 27 3 2007.",
     "أدخلوا تاريخا صحيحا في خانة تاريخ الميلاد، مثلا 27 3 2007."),
])  # fmt: skip
def test_a_wrong_date_says_what_is_wrong_in_both_languages(app: Flask, typed: str, french: str, arabic: str) -> None:
    assert load(app, "fr", birth=typed)["birth"] == [french]
    assert load(app, "ar", birth=typed)["birth"] == [arabic]


@pytest.mark.parametrize(("typed", "french"), [
    ("0000-1-1", "Entrez une date réelle pour votre date de naissance, par exemple 27 3 2007."),
    ("0000-2-30", "Entrez une date réelle pour votre date de naissance, par exemple 27 3 2007."),
    (f"1990-1-{'1' * 5000}", "Le jour de votre date de naissance doit être compris entre 1 et 31."),
    (f"1990-{'0' * 4999}13-1", "Le mois de votre date de naissance doit être compris entre 1 et 12."),
    (f"{'1' * 5000}-1-1", "L'année de votre date de naissance doit comporter 4 chiffres."),
])  # fmt: skip
def test_a_year_zero_or_a_huge_number_is_a_wrong_date_not_a_server_error(app: Flask, typed: str, french: str) -> None:
    """Year 0 used to raise ValueError (datetime cannot hold it) and a day of 5,000 digits Python's limit on
    converting long digit strings: both were a server error, from the pages and the API alike."""
    assert load(app, "fr", birth=typed)["birth"] == [french]
    assert load(app, "fr", birth=f"1990-{'0' * 4999}2-{'0' * 30}3")["birth"] == date(1990, 2, 3)  # zeros in front


def test_a_missing_date_says_what_to_enter(app: Flask) -> None:
    with speaking(app, "fr"):
        with pytest.raises(ValidationError) as caught:
            Claim().load({"number": "123456789012"})
        assert flatten(caught.value.normalized_messages(), Claim()) == {"birth": ["Entrez votre date de naissance."]}


def test_a_date_sent_by_the_api_stays_iso_8601(app: Flask) -> None:
    with speaking(app, "fr"):
        assert Claim().dump({"number": "123456789012", "birth": date(1990, 12, 5)})["birth"] == "1990-12-05"
    assert load(app, "fr", birth="1990-12-05")["birth"] == date(1990, 12, 5)


def test_a_wrong_telephone_number_gives_its_example_left_to_right_in_both_languages(app: Flask) -> None:
    """In an Arabic sentence, "0550 12 34 56" not isolated reads 56 34 12 0550: the example is isolated (LRI, PDI)."""
    for locale, message in (("ar", "رقم الهاتف: أدخلوا رقم هاتف، مثل \u20660550 12 34 56\u2069."),
                            ("fr", "Numéro de téléphone\u00a0: Saisissez un numéro de téléphone, par exemple "
                                   "\u20660550 12 34 56\u2069.")):  # fmt: skip
        with speaking(app, locale):
            try:
                ContactSchema().load({"applicant_name": "Nadia", "applicant_phone": "05"})
            except ValidationError as error:
                assert flatten(error.normalized_messages(), ContactSchema())["applicant_phone"] == [message]
            else:
                raise AssertionError("a two-digit telephone number was accepted")


def test_the_arabic_email_error_gives_no_french_example(app: Flask) -> None:
    with speaking(app, "ar"):
        try:
            ContactSchema().load({"applicant_name": "Nadia", "applicant_email": "salima@"})
        except ValidationError as error:
            [message] = flatten(error.normalized_messages(), ContactSchema())["applicant_email"]
            assert "karim.haddad@exemple.dz" in message and "nom@" not in message
        else:
            raise AssertionError("an address without a domain was accepted")
