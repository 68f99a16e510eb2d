"""When the words of a search are held by more index rows than a search reads at a time (portal.search.ranking), on
SQLite and PostgreSQL: the headings come first, the list says it is not complete, and so do the page and the API.
The bounds are made small here so that the test catalogue crosses them."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select

from portal.catalogue.browse import LISTED_STATUSES, is_public
from portal.catalogue.models import Service
from portal.extensions import db
from portal.search import ranking
from portal.search.finder import find
from portal.search.index import IndexRow, replace_rows
from tests.portal.catalogue.test_pages import text_of
from tests.portal.search.test_search import slugs

TITLED, SUMMARISED, MENTIONED = range(3)


def index_zorglub(app: Flask) -> list[list[str]]:
    """Seven listed services hold "zorglub": three in their title, one in its summary, three in the rest of their
    text; the last of each also holds "zorglab". Returns their slugs by where the word is."""
    with app.app_context():
        listed = select(Service.id).where(is_public(), Service.status.in_(LISTED_STATUSES))
        ids = list(db.session.scalars(listed.order_by(Service.id).limit(7)))
        rows = []
        for number, service_id in enumerate(ids):
            where = TITLED if number < 3 else SUMMARISED if number == 3 else MENTIONED
            also = " zorglab" if number in (2, 3, 6) else ""
            parts = ["service", "demarche", "pieces a fournir"]
            parts[where] = f"zorglub {parts[where]}{also}"
            rows.append(IndexRow(service_id, "fr", *parts))
        replace_rows(db.session, ids, rows)
        db.session.commit()
        found = slugs(app, ids)
    return [found[:3], found[3:4], found[4:]]


def found(app: Flask, typed: str) -> tuple[list[str], bool]:
    with app.app_context():
        result = find(db.session, typed)
    return slugs(app, result.ids), result.complete


def test_a_word_held_by_few_rows_is_ranked_whole_titles_first(search_app: Flask) -> None:
    titled, summarised, mentioned = index_zorglub(search_app)
    listed, complete = found(search_app, "zorglub")
    assert complete
    assert set(listed[:3]) == set(titled) and listed[3:4] == summarised and set(listed[4:]) == set(mentioned)


def test_when_the_titles_fill_a_first_page_they_are_the_list(
    search_app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    titled, _summarised, _mentioned = index_zorglub(search_app)
    monkeypatch.setattr(ranking, "CANDIDATES", 4)
    monkeypatch.setattr(ranking, "ENOUGH", 3)
    listed, complete = found(search_app, "zorglub")
    assert (set(listed), complete) == (set(titled), False)


def test_when_the_titles_do_not_the_summaries_follow(search_app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    titled, summarised, _mentioned = index_zorglub(search_app)
    monkeypatch.setattr(ranking, "CANDIDATES", 4)
    monkeypatch.setattr(ranking, "ENOUGH", 4)
    listed, complete = found(search_app, "zorglub")
    assert (set(listed[:3]), listed[3:], complete) == (set(titled), summarised, False)


def test_when_the_headings_do_not_the_first_rows_of_the_index_follow(
    search_app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    titled, summarised, mentioned = index_zorglub(search_app)
    monkeypatch.setattr(ranking, "CANDIDATES", 6)
    monkeypatch.setattr(ranking, "ENOUGH", 20)
    listed, complete = found(search_app, "zorglub")
    # The headings ranked, then the services of the index's first six rows that are not among them, by service.
    assert (set(listed[:3]), listed[3:4], complete) == (set(titled), summarised, False)
    assert len(listed[4:]) == 2 and set(listed[4:]) < set(mentioned)


def test_words_held_by_many_rows_but_seldom_together_are_ranked_whole(
    search_app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    titled, summarised, mentioned = index_zorglub(search_app)
    monkeypatch.setattr(ranking, "CANDIDATES", 6)  # "zorglub" and "zorglab" are in 7 + 3 rows, together in 3
    listed, complete = found(search_app, "zorglub zorglab")
    assert (listed, complete) == ([titled[2], summarised[0], mentioned[2]], True)


def test_the_page_and_the_api_say_the_list_is_not_complete(search_app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    index_zorglub(search_app)
    monkeypatch.setattr(ranking, "CANDIDATES", 4)
    monkeypatch.setattr(ranking, "ENOUGH", 3)
    client = search_app.test_client()
    french = text_of(client.get("/fr/services?q=zorglub").get_data(as_text=True))
    assert "Au moins 3 services trouvés" in french
    assert "ils ne sont pas tous listés : ceux dont le titre ou le résumé les contient viennent en premier" in french
    arabic = text_of(client.get("/ar/services?q=zorglub").get_data(as_text=True))
    assert "تم العثور على 3 خدمات على الأقل" in arabic
    assert "ولا تظهر كلها في القائمة" in arabic
    data = client.get("/api/v1/services?q=zorglub").get_json()
    assert (data["total"], data["complete"], len(data["items"])) == (3, False, 3)


def test_a_complete_list_says_nothing_more(search_app: Flask) -> None:
    index_zorglub(search_app)
    client = search_app.test_client()
    french = text_of(client.get("/fr/services?q=zorglub").get_data(as_text=True))
    assert "7 services trouvés" in french and "Au moins" not in french and "pas tous listés" not in french
    data = client.get("/api/v1/services?q=zorglub").get_json()
    assert (data["total"], data["complete"]) == (7, True)
