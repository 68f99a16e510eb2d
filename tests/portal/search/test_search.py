"""Search on the real catalogue: each spelling variant finds its service, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select

from portal.catalogue.models import Service
from portal.extensions import db
from portal.search.finder import Found, find
from portal.search.index import IndexRow, replace_rows
from portal.search.normalise import normalise_text
from portal.search.query import parse_query
from portal.search.ranking import ranked_ids

MATERNITY = "maternity-benefit"
ABROAD = "voluntary-affiliation"
LIFE = "life-certificate"
MINHA = "unemployment-benefit"
COMPLAINTS = "labour-inspection-report"

VARIANTS = [
    ("أمومة", MATERNITY),
    ("امومه", MATERNITY),
    ("الأمومة", MATERNITY),
    ("الامومة", MATERNITY),
    ("للأمومة", MATERNITY),  # a proclitic on the article
    ("عطلة الأمومة", MATERNITY),  # the text has "لعطلة الأمومة" and "بعطلة الأمومة" only
    ("لعطلة الأمومة", MATERNITY),
    ("بعطلة الامومة", MATERNITY),
    ("وبالعطلة", "demo-leave"),  # و + ب + the article
    ("فالعطلة", "demo-leave"),
    ("أُمُومَة", MATERNITY),
    ("منحة الأمومة", MATERNITY),
    ("منحه امومة", MATERNITY),
    ("ولادة", MATERNITY),  # synonym
    ("الانتساب الإرادي", ABROAD),
    ("الإنتساب الارادى", ABROAD),
    ("انتساب ارادي", ABROAD),
    ("٣٥١", ABROAD),  # decree 22-351, typed with Arabic-Indic digits
    ("شهادة الحياة", LIFE),
    ("شهاده الحياه", LIFE),
    ("معاش", LIFE),  # synonym of تقاعد
    ("منحة البطالة", MINHA),
    ("منحه بطاله", MINHA),
    ("الشكـــاوى", COMPLAINTS),
    ("وكالة التشغيل", "job-seeker-enrolment"),  # the body's name
    ("APE", MINHA),  # the body's acronym
    ("maternité", MATERNITY),
    ("maternite", MATERNITY),
    ("MATERNITÉ", MATERNITY),
    ("matern", MATERNITY),  # the word being typed
    ("indemnité de maternité", MATERNITY),
    ("accouchement", MATERNITY),  # synonym
    ("affiliation volontaire", ABROAD),
    ("Affiliation Volontaire étranger", ABROAD),
    ("certificat de vie", LIFE),
    ("pension", LIFE),  # synonym of retraite
    ("allocation chômage", MINHA),
    ("allocation chomage", MINHA),
    ("réclamations", COMPLAINTS),
    ("plainte", COMPLAINTS),  # synonym
    ("télédéclaration", "employer-declaration"),
    ("teledeclaration", "employer-declaration"),
    ("conventions collectives", "collective-agreement-filing"),
    ("demandeur d'emploi", "job-seeker-enrolment"),
    ("DEMO maternité", MATERNITY),
]


def search(app: Flask, text: str) -> list[str]:
    """Slugs of what the pages show for ``text``, best first."""
    return slugs(app, found(app, text).ids)


def found(app: Flask, text: str) -> Found:
    with app.app_context():
        return find(db.session, text)


def slugs(app: Flask, ids: list[int]) -> list[str]:
    with app.app_context():
        by_id = dict(db.session.execute(select(Service.id, Service.slug).where(Service.id.in_(ids))).all())
        return [by_id[service_id] for service_id in ids]


def every_word(app: Flask, text: str) -> list[str]:
    with app.app_context():
        return slugs(app, ranked_ids(db.session, parse_query(text)))


def test_every_variant_finds_its_service(search_app: Flask) -> None:
    missed = [(typed, slug) for typed, slug in VARIANTS if slug not in search(search_app, typed)]
    assert missed == []


def test_the_title_weighs_more_than_the_summary(search_app: Flask) -> None:
    # "maternité" is in the maternity claim's title, and only in the summary of the affiliation abroad.
    results = search(search_app, "maternité")
    assert results.index(MATERNITY) < results.index(ABROAD)


def test_every_word_must_match_before_partial_matches_come(search_app: Flask) -> None:
    assert every_word(search_app, "maternité chômage") == []
    assert search(search_app, "maternité") == every_word(search_app, "maternité")
    assert not found(search_app, "maternité").partial


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        # "indemnité" is only in the maternity claim, "chômage" only in the allowance: no service has both.
        ("indemnité chômage", {MATERNITY, MINHA}),
        ("منحة الأمومة البطالة", {MATERNITY, MINHA}),
    ],
)
def test_when_no_service_has_every_word_those_with_some_come_ranked(
    search_app: Flask, typed: str, expected: set[str]
) -> None:
    assert every_word(search_app, typed) == []
    result = found(search_app, typed)
    assert result.partial
    assert expected <= set(slugs(search_app, result.ids))


def test_partial_matches_with_more_words_rank_first(search_app: Flask) -> None:
    # The maternity claim has "demande", "indemnité" and "maternité"; the allowance only "demande".
    results = search(search_app, "demande indemnité maternité chômage")
    assert results.index(MATERNITY) < results.index(MINHA)


@pytest.mark.parametrize(
    ("typed", "corrected", "slug"),
    [
        ("maternitee", {"maternitee": "maternite"}, MATERNITY),
        ("indemnité maternitée", {"maternitee": "maternite"}, MATERNITY),
        ("تقاعود", {"تقاعود": "تقاعد"}, ABROAD),
        ("شهادة الحيات", {"حيات": "حياه"}, LIFE),
        ("télédéclaraton", {"teledeclaraton": "teledeclaration"}, "employer-declaration"),
    ],
)
def test_near_spellings_are_corrected_to_a_word_of_the_index(
    search_app: Flask, typed: str, corrected: dict[str, str], slug: str
) -> None:
    assert every_word(search_app, typed) == []
    result = found(search_app, typed)
    assert result.corrected == corrected
    assert not result.partial
    assert slug in slugs(search_app, result.ids)


def test_a_word_the_index_has_is_never_corrected(search_app: Flask) -> None:
    assert found(search_app, "matern").corrected == {}  # the word being typed
    assert found(search_app, "zzzqqq") == Found([], parse_query("zzzqqq"))


WHOLE = "بطاقة وثيقة فرع لجنة كفالة بلدية"


def test_words_beginning_with_a_proclitics_letters_stay_whole(search_app: Flask) -> None:
    """Even where the rest is a word of the index ("طاقة", "جنة", "لدية"), and "لعطلة" next to them is split."""
    with search_app.app_context():
        first, second = db.session.scalars(select(Service.id).order_by(Service.id).limit(2))
        rows = [
            IndexRow(first, "ar", normalise_text(WHOLE), "", normalise_text("لعطلة")),
            IndexRow(second, "ar", normalise_text("الطاقة الجنة لديه"), "", ""),
        ]
        replace_rows(db.session, [first, second], rows)
        stored = db.session.execute(
            db.text("SELECT title, body FROM service_search WHERE service_id = :id"), {"id": first}
        )
        assert tuple(stored.one()) == (normalise_text(WHOLE), "عطله")
        assert slugs(search_app, find(db.session, "بطاقة").ids) == slugs(search_app, [first])
        assert first not in find(db.session, "طاقة").ids
        assert first not in find(db.session, "جنة").ids
        db.session.rollback()


def test_an_edit_is_searchable_after_reindexing(app: Flask) -> None:
    with app.app_context():
        service = db.session.scalar(select(Service).where(Service.slug == MINHA))
        assert service is not None
        service.texts["fr"].summary += " Démarche dite « prime d'attente »."
        db.session.commit()
    assert MINHA not in search(app, "attente")
    result = app.test_cli_runner().invoke(args=["search", "reindex"])
    assert result.output == "services indexed: 12\n"
    assert MINHA in search(app, "attente")


def test_a_word_the_index_holds_only_behind_a_proclitic_is_found(search_app: Flask) -> None:
    """No text has "إجازة" alone for its rest to be known: the query looks for the forms the index holds."""
    with search_app.app_context():
        first = db.session.scalars(select(Service.id).order_by(Service.id)).first()
        assert first is not None
        body = normalise_text("طلب التعويض لإجازة التكوين وبإجازة المرض")
        replace_rows(db.session, [first], [IndexRow(first, "ar", "", "", body)])
        assert "لاجازه" in body.split()  # kept whole: "اجازه" is no word of the index
        assert find(db.session, "إجازة التكوين").ids == [first]
        assert find(db.session, "الإجازة").ids == [first]
        assert find(db.session, "جازة").ids == []  # not a word with "ل" or "ب" before it
        db.session.rollback()


def test_the_vocabulary_follows_the_index_rows(search_app: Flask) -> None:
    query = db.text("SELECT term, frequency FROM search_term WHERE term IN ('zorglub', 'zorglab')")
    with search_app.app_context():
        first = db.session.scalars(select(Service.id).order_by(Service.id)).first()
        assert first is not None
        for _ in range(2):  # indexing the same text again changes nothing
            replace_rows(db.session, [first], [IndexRow(first, "fr", "zorglub", "", "zorglub")])
            assert dict(db.session.execute(query).all()) == {"zorglub": 1}
        assert find(db.session, "zorglib").corrected == {"zorglib": "zorglub"}
        replace_rows(db.session, [first], [IndexRow(first, "fr", "zorglab", "", "")])
        assert dict(db.session.execute(query).all()) == {"zorglab": 1}
        assert db.session.scalar(db.text("SELECT count(*) FROM search_deletion WHERE term = 'zorglub'")) == 0
        assert find(db.session, "zorglib").corrected == {"zorglib": "zorglab"}
        db.session.rollback()


def test_the_facets_are_counted_in_one_statement_on_either_database(search_app: Flask) -> None:
    data = search_app.test_client().get("/api/v1/services?audience=employer&body=pilote").get_json()
    assert data["total"] == 2
    assert data["facets"]["body"]["mintest"] == 2  # counted under every other filter: another body can be added
    assert data["facets"]["audience"]["employer"] == 2
    assert sum(data["facets"]["maturity"].values()) == 2 and all(key.isdigit() for key in data["facets"]["maturity"])
