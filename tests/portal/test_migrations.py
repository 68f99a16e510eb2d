"""The Alembic migrations build the schema of the models, on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import hashlib

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask import Flask
from flask_migrate import downgrade, upgrade
from sqlalchemy import func, select, text

from portal import PROJECT_ROOT
from portal.catalogue.models import Body, Service, ServiceText
from portal.dossiers import references
from portal.dossiers.models import Dossier
from portal.extensions import db
from portal.provisioning import sync_from_plugins
from portal.registry import get_registry
from portal.search.finder import find
from portal.search.index import outside_models
from tests.conftest import AppFactory
from tests.portal.dossiers.helpers import create_dossier

MIGRATIONS = str(PROJECT_ROOT / "migrations")


def schema_differences(app: Flask) -> list[object]:
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": outside_models})
        return list(compare_metadata(context, db.metadata))


def test_migrations_match_the_models_on_sqlite(app: Flask) -> None:
    assert schema_differences(app) == []


def test_migrations_go_down_and_up_again(app: Flask) -> None:
    with app.app_context():
        downgrade(directory=MIGRATIONS, revision="base")
        upgrade(directory=MIGRATIONS)
        sync_from_plugins(get_registry())
        assert db.session.scalar(select(func.count()).select_from(Body)) == 3  # the test bodies


def test_migrations_and_sync_on_postgresql(make_app: AppFactory, postgres_url: str) -> None:
    app = make_app(SQLALCHEMY_DATABASE_URI=postgres_url)
    assert app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql+psycopg://")
    assert schema_differences(app) == []
    with app.app_context():
        assert db.engine.dialect.name == "postgresql"
        services = db.session.scalar(select(func.count()).select_from(Service))
        text = db.session.scalar(select(ServiceText).where(ServiceText.locale == "fr").limit(1))
        assert text is not None
        text.title = "Titre revu"
        text.edited_at = func.now()
        db.session.commit()
        report = sync_from_plugins(get_registry())
        assert report.services_created == []
        assert len(report.edits_kept) == 1
        assert db.session.scalar(select(func.count()).select_from(Service)) == services
        db.session.refresh(text)
        assert text.title == "Titre revu"
    page = app.test_client().get("/ar/").get_data(as_text=True)
    assert "الوكالة التجريبية للتشغيل" in page
    assert "خدمتان" in page  # the ministry's two services


def test_the_search_index_of_sqlite_is_numbered_after_its_services(app: Flask) -> None:
    """Revision 0017 writes the rows that 0016 numbered in the order they came again, each with its service's
    rowids, and fills the index of the headings: the catalogue is found as before."""
    with app.app_context():
        title, service_id = db.session.execute(
            select(ServiceText.title, ServiceText.service_id).where(ServiceText.locale == "fr").limit(1)
        ).one()
        downgrade(directory=MIGRATIONS, revision="0016")
        columns = "title, summary, body, service_id, locale"
        rows = db.session.execute(text(f"SELECT {columns} FROM service_search ORDER BY locale DESC")).all()
        db.session.execute(text("DELETE FROM service_search"))
        db.session.execute(
            text(f"INSERT INTO service_search ({columns}) VALUES (:title, :summary, :body, :service_id, :locale)"),
            [row._asdict() for row in rows],
        )
        db.session.commit()
        upgrade(directory=MIGRATIONS)
        numbered = db.session.execute(text("SELECT count(*) FROM service_search WHERE rowid / 16 = service_id"))
        assert numbered.scalar() == len(rows)
        assert db.session.scalar(text("SELECT count(*) FROM service_search_heading")) == len(rows)
        assert find(db.session, title).ids[0] == service_id


def test_tracking_digests_are_keyed_by_0029_and_an_older_one_when_its_code_is_given(app: Flask) -> None:
    derived_id, _ = create_dossier(app, "maternity-benefit", with_document=False)
    older_id, _ = create_dossier(app, "maternity-benefit", with_document=False)
    with app.app_context():
        derived, older = db.session.get_one(Dossier, derived_id), db.session.get_one(Dossier, older_id)
        code = references.tracking_code(derived.reference)
        derived.tracking_hash = references.tracking_hash(derived.reference, code)  # as a submission stores it
        older.tracking_hash = plain_digest(older.reference, "AAAAA-BBBBB")  # a random code of before issue 11
        db.session.commit()
        stored = {derived_id: derived.tracking_hash, older_id: older.tracking_hash}
        assert stored[derived_id] != plain_digest(derived.reference, code)  # a database copy alone checks no guess
        downgrade(directory=MIGRATIONS, revision="0026")
        assert digest_of(derived_id) == plain_digest(derived.reference, code)
        assert references.code_matches(derived.reference, code, digest_of(derived_id))  # a plain digest still matches
        upgrade(directory=MIGRATIONS)
        assert {derived_id: digest_of(derived_id), older_id: digest_of(older_id)} == stored
        assert references.code_matches(older.reference, "AAAAA-BBBBB", digest_of(older_id))
        assert not references.code_matches(derived.reference, "AAAAA-BBBBB", digest_of(derived_id))
        asked = app.test_client().get(f"/api/v1/dossiers/{older.reference}", headers={"X-Tracking-Code": "AAAAA-BBBBB"})
        assert asked.status_code == 200
        assert digest_of(older_id) == references.tracking_hash(older.reference, "AAAAA-BBBBB")  # made keyed on use


def plain_digest(reference: str, code: str) -> str:
    return hashlib.sha256(f"{reference}:{code.replace('-', '')}".encode()).hexdigest()


def digest_of(dossier_id: int) -> str:
    db.session.expire_all()
    return str(db.session.scalar(select(Dossier.tracking_hash).where(Dossier.id == dossier_id)))
