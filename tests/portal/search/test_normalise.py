"""The normaliser folds the spellings people type into one form, at index and at query time alike."""

from __future__ import annotations

import pytest

from portal.search.normalise import normalise_text
from portal.search.proclitics import stripper
from portal.search.query import lexicon, parse_query
from tests.conftest import AppFactory


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("أُمُومَة", "امومه"),  # harakat stripped, ta marbuta folded
        ("الأمومة", "امومه"),  # article and hamza on alef
        ("إنتساب", "انتساب"),  # hamza under alef
        ("آفاق", "افاق"),  # madda
        ("ٱلتقاعد", "تقاعد"),  # wasla
        ("الإرادى", "ارادي"),  # alef maqsura
        ("كـــناس", "كناس"),  # tatweel
        ("بالتقاعد", "تقاعد"),
        ("للتقاعد", "تقاعد"),
        ("والتشغيل", "تشغيل"),
        ("فالعمل", "عمل"),
        ("كالعادة", "عاده"),
        ("وبالعطلة", "عطله"),  # و + ب + the article
        ("وللعمال", "عمال"),  # و + ل + the article
        ("فبالتقاعد", "تقاعد"),
        ("لعطلة", "لعطله"),  # a bare proclitic is left to the vocabulary (portal.search.proclitics)
        ("وكالة", "وكاله"),  # "agency" is not و + ك + ال + ة
        ("والدة", "والده"),  # "mother": و and ال are not stripped from a short word
        ("وثيقة", "وثيقه"),  # a bare و is never stripped
        ("٢٠٢٢", "2022"),  # Arabic-Indic digits
        ("۲۲", "22"),  # Eastern Arabic-Indic digits
        ("Indemnité de MATERNITÉ", "indemnite de maternite"),
        ("Sécurité sociale", "securite sociale"),
        ("Œuvres sociales", "oeuvres sociales"),
        ("d'emploi", "d emploi"),
    ],
)
def test_normalise(typed: str, normalised: str) -> None:
    assert normalise_text(typed) == normalised


def test_query_drops_stopwords_adds_synonyms_and_types_the_last_word_as_a_prefix() -> None:
    query = parse_query("la retraite des travailleurs")
    assert [term.word for term in query.terms] == ["retraite", "travailleurs"]
    assert "pension" in query.terms[0].synonyms
    assert [term.prefix for term in query.terms] == [False, True]


def test_a_query_of_stopwords_only_keeps_them() -> None:
    assert [term.word for term in parse_query("de la").terms] == ["de", "la"]


def test_the_names_a_body_declares_are_synonyms_in_its_app_only(make_app: AppFactory) -> None:
    assert parse_query("ديمو").terms[0].synonyms == ()  # the core's lexicon names no body
    with make_app().app_context():
        assert parse_query("ديمو").terms[0].synonyms == ("demo",)
        assert "ديمو" in parse_query("demo").terms[0].synonyms
        assert "pension" in parse_query("retraite").terms[0].synonyms  # the lexicon's groups stay


def test_punctuation_and_operators_are_never_syntax() -> None:
    query = parse_query('"maternité" OR * NEAR(')
    assert [term.word for term in query.terms] == ["maternite", "or", "near"]


@pytest.mark.parametrize(
    ("word", "known", "stripped"),
    [
        ("لعطلة", {"عطله"}, "عطله"),
        ("بعطلة", {"عطله"}, "عطله"),
        ("وبعطلة", {"عطله", "بعطله"}, "عطله"),  # the longest proclitic first
        ("ولعطلة", {"عطله"}, "عطله"),
        ("لعطلة", set(), "لعطله"),  # the rest is no known word: kept whole
        ("فرع", {"رع"}, "فرع"),  # a rest of two letters is never a word on its own
        ("وثيقة", set(), "وثيقه"),
        ("بطاقة", {"طاقه"}, "بطاقه"),  # whole words of the lexicon, even when the rest is a word
        ("لجنة", {"جنه"}, "لجنه"),
        ("كفالة", {"فاله"}, "كفاله"),
        ("بلدية", {"لديه"}, "بلديه"),
    ],
)
def test_a_proclitic_is_stripped_only_when_the_rest_is_a_known_word(word: str, known: set[str], stripped: str) -> None:
    strip = stripper(known.__contains__, lexicon().whole_words)
    assert strip(normalise_text(word)) == stripped
