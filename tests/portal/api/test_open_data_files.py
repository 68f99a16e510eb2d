"""The open-data files are written in batches and served as files: a large catalogue's by a job (the last set
served meanwhile), a long sitemap split under an index, a reader never given a half-written set."""

from __future__ import annotations

import csv
import io
import os
import time
from datetime import timedelta
from xml.etree import ElementTree as ET

import pytest
from flask import Flask
from sqlalchemy import select

from portal.api import open_data_files
from portal.catalogue.models import Service
from portal.catalogue.queries import LISTED_STATUSES
from portal.database import utcnow
from portal.extensions import db
from tests.conftest import AppFactory

SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def listed(app: Flask) -> list[str]:
    """The listed services' slugs, changed last first."""
    with app.app_context():
        query = select(Service.slug).where(Service.status.in_(LISTED_STATUSES))
        return list(db.session.scalars(query.order_by(Service.updated_at.desc(), Service.slug)))


def slugs_in_csv(text: str) -> list[str]:
    return [row["slug"] for row in csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))]


def retitle(app: Flask, slug: str, title: str) -> None:
    with app.app_context():
        service = db.session.scalars(select(Service).where(Service.slug == slug)).one()
        service.texts["fr"].title = title
        service.updated_at = utcnow() + timedelta(seconds=1)
        db.session.commit()


def sweep(app: Flask) -> str:
    return str(app.test_cli_runner().invoke(args=["jobs", "sweep"]).output)


def test_services_come_in_batches_in_the_order_of_their_last_change(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(open_data_files, "BATCH", 2)  # several batches, and one left over
    text = app.test_client().get("/open-data/services.csv").get_data(as_text=True)
    assert slugs_in_csv(text) == listed(app)
    assert len(listed(app)) % 2 == 1


def test_a_large_catalogue_is_written_by_a_job_and_the_last_files_are_served_meanwhile(make_app: AppFactory) -> None:
    app = make_app(OPEN_DATA_INLINE_SERVICES=0)
    client = app.test_client()
    waiting = client.get("/open-data/services.csv", headers={"Accept-Language": "ar"})
    assert waiting.status_code == 503 and waiting.headers["Retry-After"] == "60"
    assert "ملفات البيانات المفتوحة قيد الإعداد" in waiting.get_data(as_text=True)
    assert "ran: 1" in sweep(app)
    first = client.get("/open-data/services.csv").get_data(as_text=True)
    slug = listed(app)[-1]
    assert "Titre changé" not in first

    retitle(app, slug, "Titre changé")
    assert client.get("/open-data/services.csv").get_data(as_text=True) == first  # the last set, until the job
    assert "ran: 1" in sweep(app)
    now = client.get("/open-data/services.csv").get_data(as_text=True)
    assert "Titre changé" in now and slugs_in_csv(now)[0] == slug


def test_the_sitemap_is_split_under_an_index_beyond_its_addresses_per_file(make_app: AppFactory) -> None:
    app = make_app(SITEMAP_URLS_PER_FILE=10)
    client = app.test_client()
    index = ET.fromstring(client.get("/sitemap.xml").get_data())
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    parts = [element.text or "" for element in index.findall("s:sitemap/s:loc", SITEMAP)]
    locations: list[str] = []
    for number, address in enumerate(parts, start=1):
        assert address == f"http://localhost/sitemap-{number}.xml"
        part = ET.fromstring(client.get(address.removeprefix("http://localhost")).get_data())
        found = [element.text or "" for element in part.findall("s:url/s:loc", SITEMAP)]
        assert 0 < len(found) <= 10
        locations += found
    expected = {f"http://localhost/{locale}/services/{slug}" for slug in listed(app) for locale in ("ar", "fr")}
    assert expected <= set(locations) and len(locations) == len(set(locations))
    assert client.get(f"/sitemap-{len(parts) + 1}.xml").status_code == 404


def test_the_files_answer_a_conditional_request_and_say_when_they_were_written(app: Flask) -> None:
    client = app.test_client()
    first = client.get("/open-data/services.jsonld")
    assert first.headers["Last-Modified"] and first.headers["Cache-Control"].startswith("public")
    again = client.get("/open-data/services.jsonld", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


def test_two_writers_of_one_set_leave_one_and_only_the_newest_sets_are_kept(app: Flask) -> None:
    with app.app_context():
        key = open_data_files.stamp()
        first, second = open_data_files.write(key), open_data_files.write(key)
        assert first == second and (first / "services.csv").is_file()
        for age, name in ((100, "older"), (200, "oldest")):
            (open_data_files.folder() / name).mkdir()
            os.utime(open_data_files.folder() / name, (time.time() - age, time.time() - age))
        open_data_files.write(key)
        kept = sorted(path.name for path in open_data_files.folder().iterdir())
        assert kept == sorted([key, "older"])
