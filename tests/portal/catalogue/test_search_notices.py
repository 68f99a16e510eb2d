"""What the results page says when it searched a corrected spelling, or found services with some of the words."""

from __future__ import annotations

import re
from urllib.parse import quote_plus

from flask.testing import FlaskClient

from tests.portal.catalogue.test_pages import text_of


def suggestion_link(page: str) -> tuple[str, str]:
    match = re.search(r'<a class="search-suggestion" href="([^"]+)">([^<]+)</a>', page)
    assert match, "no “did you mean” link"
    return match.group(1), match.group(2)


def test_a_french_misspelling_is_searched_as_the_closest_word_with_a_link_to_it(client: FlaskClient) -> None:
    page = client.get("/fr/services?q=indemnité maternitee").get_data(as_text=True)
    text = text_of(page)
    assert "1 service trouvé" in text
    assert (
        "Aucun service ne contient «\u00a0indemnité maternitee\u00a0»\u00a0: voici les résultats "
        "pour l’orthographe la plus proche." in page  # non-breaking spaces, which text_of() would fold
    )
    assert "Vouliez-vous dire\u00a0: <a" in page
    assert suggestion_link(page) == (f"/fr/services?q={quote_plus('indemnité maternité')}", "indemnité maternité")
    assert "<mark>indemnité</mark> de <mark>maternité</mark> en ligne" in page


def test_an_arabic_misspelling_is_searched_as_the_closest_word_with_a_link_to_it(client: FlaskClient) -> None:
    page = client.get("/ar/services?q=تقاعود").get_data(as_text=True)
    text = text_of(page)
    assert "لا توجد خدمة تتضمن «تقاعود»: هذه نتائج أقرب كتابة لها." in text
    assert "هل تقصدون: تقاعد" in text  # as the text spells it, without the "وال" of "والتقاعد"
    assert suggestion_link(page) == (f"/ar/services?q={quote_plus('تقاعد')}", "تقاعد")
    followed = client.get(suggestion_link(page)[0]).get_data(as_text=True)
    assert "search-notice" not in followed
    assert "الانتساب الإرادي للجزائريين المقيمين بالخارج" in followed


def test_partial_matches_are_announced_in_french(client: FlaskClient) -> None:
    page = client.get("/fr/services?q=indemnité chômage").get_data(as_text=True)
    text = text_of(page)
    assert "Aucun service ne contient tous vos mots\u00a0: ces services en contiennent une partie." in page
    assert "2 services trouvés" in text
    assert "indemnité de maternité en ligne" in text
    assert "Allocation chômage" in text


def test_partial_matches_are_announced_in_arabic(client: FlaskClient) -> None:
    page = client.get("/ar/services?q=منحة الأمومة البطالة").get_data(as_text=True)
    text = text_of(page)
    assert "لا توجد خدمة تتضمن كل الكلمات التي كتبتموها: هذه الخدمات تتضمن بعضها." in text
    assert "طلب منحة الأمومة عن بعد" in text
    assert "منحة البطالة" in text


def test_a_search_that_finds_every_word_says_nothing_more(client: FlaskClient) -> None:
    for address in ("/fr/services?q=maternité", "/ar/services?q=عطلة الأمومة"):
        page = client.get(address).get_data(as_text=True)
        assert "search-notice" not in page
        assert "service-list" in page
