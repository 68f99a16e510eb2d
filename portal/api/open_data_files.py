"""The open-data files (the catalogue as CSV and as CPSV-AP JSON-LD, the sitemap), written a batch of services at
a time and served as files.

Drawn in a request, they held every service in the worker's memory and, at 100,000 services, overran gunicorn's
30-second timeout (README, Benchmarks). ``write`` now puts a set of files in a folder named for the catalogue's
version (``stamp``), through a database session of its own and BATCH services at a time, and moves the folder in
place by one rename: a reader gets a whole set or the previous one, never a half-written file. A catalogue of up
to OPEN_DATA_INLINE_SERVICES services is written by the first request that finds its files out of date; a larger
one by a job (and by the hourly sweep), the last set being served meanwhile, its Last-Modified saying when it was
written.
"""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from portal.api.cpsv_ap import CPSV_CONTEXT, concept_schemes, organisation_node, service_node
from portal.api.sitemap_files import SitemapWriter
from portal.catalogue.browse import LISTED_STATUSES, is_public
from portal.catalogue.linked_data import service_url
from portal.catalogue.models import Body, Service
from portal.catalogue.queries import catalogue_version
from portal.downloads import neutralise
from portal.extensions import db
from portal.jobs import ledger, queue
from portal.registry import get_registry
from portal.registry.vocabulary import LIFE_EVENTS

BATCH = 500  # services loaded at once: a few megabytes of objects whatever the catalogue's size
KEEP = 2  # sets kept: the newest, and the one before that a download may still be reading
ABANDONED = 3600  # seconds after which a half-written set (its writer killed) is removed
JOB = "open-data"
CSV_FILE, JSON_LD_FILE = "services.csv", "services.jsonld"
RELATIONS = ("texts", "channels", "terms", "body", "domain")
STATIC_PAGES = ("catalogue.home", "catalogue.services", "transparency.transparency", "opendata.developers")


def open_data_file(name: str) -> Path | None:
    """The file ``name`` of the catalogue's current set: written now if the catalogue is small, else asked of a
    job, the previous set's file being given meanwhile; None when there is none yet (or no such file)."""
    key = stamp()
    ready: Path | None = folder() / key
    if ready is not None and not ready.is_dir():
        if (
            db.session.scalar(_listed(select(func.count(Service.id))))
            <= current_app.config["OPEN_DATA_INLINE_SERVICES"]
        ):
            ready = write(key)
        else:
            ledger.later(JOB, {}, key=f"{JOB}:{key}")
            db.session.commit()
            ready = latest_set()
    path = ready / name if ready is not None else None
    return path if path is not None and path.is_file() else None


def folder() -> Path:
    configured = current_app.config["OPEN_DATA_FOLDER"]
    return Path(configured) if configured else Path(current_app.instance_path) / "open-data"


def stamp() -> str:
    """Names a set of files for what they show: the catalogue's version, the enabled bodies and locales, the
    canonical address, the release and the sitemap's file size."""
    config = current_app.config
    parts = (config["RELEASE"], catalogue_version()[0], sorted(get_registry().bodies), config["LOCALES"],
             config["BASE_URL"], config["SITEMAP_URLS_PER_FILE"])  # fmt: skip
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:24]


def latest_set() -> Path | None:
    sets = _complete_sets()
    return sets[0] if sets else None


@ledger.handler(JOB, _l("Open-data files of the catalogue"))
def _write_job(payload: dict[str, Any]) -> None:
    refresh()


@queue.every(60, JOB)
def refresh() -> None:
    """Write the current set if it is not there yet (a job asked by a request, and the hourly sweep)."""
    key = stamp()
    if not (folder() / key).is_dir():
        write(key)


def write(key: str) -> Path:
    """Write the set of files ``key`` names (unless another writer put it in place first), keep the newest sets,
    and return its folder."""
    target = folder() / key
    partial = folder() / f".{key}.{uuid.uuid4().hex}"
    partial.mkdir(parents=True, mode=0o755)
    try:
        with Session(db.engine) as session:
            _write_set(session, partial)
        partial.rename(target)
    except OSError:
        if not target.is_dir():  # not another writer's set in place first: a real failure
            raise
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    _tidy()
    return target


def _write_set(session: Session, partial: Path) -> None:
    locales: list[str] = current_app.config["LOCALES"]
    ids = list(session.scalars(_listed(select(Service.id)).order_by(Service.updated_at.desc(), Service.slug)))
    body_ids = _listed(select(Service.body_id)).distinct().scalar_subquery()
    bodies = session.scalars(select(Body).where(Body.id.in_(body_ids)).order_by(Body.id))
    with ExitStack() as files:
        table = csv.writer(files.enter_context(_text_file(partial / CSV_FILE, "\ufeff")))
        table.writerow(_csv_header(locales))
        graph = files.enter_context(GraphWriter(partial / JSON_LD_FILE))
        sitemap = files.enter_context(SitemapWriter(partial, current_app.config["SITEMAP_URLS_PER_FILE"], locales))
        _sitemap_pages(sitemap)
        for body in bodies:
            graph.add(organisation_node(body, locales))
        for service in _in_batches(session, ids):
            table.writerow([neutralise(cell) for cell in _csv_row(service, locales)])
            graph.add(service_node(service, locales))
            sitemap.add("catalogue.service", {"slug": service.slug}, service.updated_at.date().isoformat())
        for node in concept_schemes(locales):
            graph.add(node)


class GraphWriter:
    """A JSON-LD document ``{"@context": ..., "@graph": [...]}`` written one node at a time."""

    def __init__(self, path: Path) -> None:
        self.path, self.count = path, 0

    def __enter__(self) -> GraphWriter:
        self.out = _text_file(self.path)
        self.out.write('{"@context": ' + json.dumps(CPSV_CONTEXT) + ',\n "@graph": [')
        return self

    def add(self, node: dict[str, Any]) -> None:
        self.out.write(("," if self.count else "") + "\n  " + json.dumps(node, ensure_ascii=False))
        self.count += 1

    def __exit__(self, *error: object) -> None:
        self.out.write("\n ]\n}\n")
        self.out.close()


def _text_file(path: Path, start: str = "") -> IO[str]:
    out = path.open("w", encoding="utf-8", newline="")
    out.write(start)
    return out


def _listed(query: Select[Any]) -> Select[Any]:
    """``query`` limited to the listed services of the enabled bodies."""
    return query.join(Body, Body.id == Service.body_id).where(
        Body.code.in_(list(get_registry().bodies)), Service.status.in_(LISTED_STATUSES), is_public()
    )


def _in_batches(session: Session, ids: list[int]) -> Iterator[Service]:
    """The services of ``ids`` in that order, BATCH at a time with what the files need, each batch let go after."""
    options = [selectinload(getattr(Service, name)) for name in RELATIONS]
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        found = {
            service.id: service
            for service in session.scalars(select(Service).where(Service.id.in_(chunk)).options(*options))
        }
        yield from (found[number] for number in chunk if number in found)
        session.expunge_all()


def _sitemap_pages(sitemap: SitemapWriter) -> None:
    for endpoint in STATIC_PAGES:
        sitemap.add(endpoint, {}, None)
    for code in get_registry().bodies:
        sitemap.add("catalogue.body", {"code": code}, None)
    for code in LIFE_EVENTS:
        sitemap.add("catalogue.life_event", {"code": code}, None)


def _csv_header(locales: list[str]) -> list[str]:
    per_locale = [f"{name}_{locale}" for locale in locales for name in ("title", "summary", "url")]
    return ["slug", "body", "domain", "status", "maturity", "hosted", "audiences", "life_events", "channels",
            "updated_at", *per_locale]  # fmt: skip


def _csv_row(service: Service, locales: list[str]) -> list[Any]:
    texts = [
        value
        for locale in locales
        for value in (service.texts[locale].title, service.texts[locale].summary, service_url(service, locale))
    ]
    return [
        service.slug, service.body.code, service.domain.code, service.status, service.maturity,
        "yes" if service.hosted else "no",
        " ".join(term.code for term in service.terms_of("audience")),
        " ".join(term.code for term in service.terms_of("life_event")),
        " ".join(f"{channel.kind}:{channel.url or channel.code}" for channel in service.channels),
        service.updated_at.isoformat(), *texts,
    ]  # fmt: skip


def _complete_sets() -> list[Path]:
    """The sets of files written, newest first."""
    if not folder().is_dir():
        return []
    sets = [path for path in folder().iterdir() if path.is_dir() and not path.name.startswith(".")]
    return sorted(sets, key=lambda path: path.stat().st_mtime, reverse=True)


def _tidy() -> None:
    """Keep the KEEP newest sets, and remove the half-written sets of writers that died."""
    for old in _complete_sets()[KEEP:]:
        shutil.rmtree(old, ignore_errors=True)
    for partial in folder().glob(".*"):
        if partial.is_dir() and partial.stat().st_mtime < time.time() - ABANDONED:
            shutil.rmtree(partial, ignore_errors=True)
