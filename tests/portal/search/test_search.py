"""Search on the real catalogue: each spelling variant finds its service, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select

from portal.catalogue.models import Service
from portal.extensions import db
from portal.search.index import ranked_ids
from portal.search.query import parse_query
from tests.conftest import AppFactory

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
    with app.app_context():
        ids = ranked_ids(db.session, parse_query(text))
        slugs = dict(db.session.execute(select(Service.id, Service.slug).where(Service.id.in_(ids))).all())
        return [slugs[service_id] for service_id in ids]


@pytest.fixture(params=["sqlite", "postgresql"])
def search_app(request: pytest.FixtureRequest, make_app: AppFactory) -> Flask:
    if request.param == "sqlite":
        return make_app()
    return make_app(SQLALCHEMY_DATABASE_URI=request.getfixturevalue("postgres_url"))


def test_every_variant_finds_its_service(search_app: Flask) -> None:
    missed = [(typed, slug) for typed, slug in VARIANTS if slug not in search(search_app, typed)]
    assert missed == []


def test_the_title_weighs_more_than_the_summary(search_app: Flask) -> None:
    # "maternité" is in the maternity claim's title, and only in the summary of the affiliation abroad.
    results = search(search_app, "maternité")
    assert results.index(MATERNITY) < results.index(ABROAD)


def test_every_word_must_match(search_app: Flask) -> None:
    assert search(search_app, "maternité chômage") == []


def test_nothing_found_for_a_word_no_service_has(make_app: AppFactory) -> None:
    assert search(make_app(), "zzzqqq") == []


def test_near_spellings_are_found_on_postgresql_by_trigrams(make_app: AppFactory, postgres_url: str) -> None:
    app = make_app(SQLALCHEMY_DATABASE_URI=postgres_url)
    assert MATERNITY in search(app, "maternitee")


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
