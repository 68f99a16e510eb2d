"""Dashboard server time with 10,000 services and 100,000 status changes (target: under 100 ms).

A fresh SQLite database gets the seven bodies, then synthetic services spread over the bodies and domains
with ten status changes each over two years; the figures are computed as the dashboard computes them,
and the dashboard page is rendered through the app, signed in as an analyst.

Usage: ``.venv/bin/python -m bench.dashboard [--services 10000] [--changes-per-service 10] [--rounds 10]
[--postgresql]``; with ``--postgresql``, the same on a throwaway PostgreSQL server of Debian's binaries.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select

from portal import create_app
from portal.catalogue.models import Body, Service, ServiceText, Term
from portal.cli import GOVERNMENT_PROGRAMME
from portal.config import database_uri
from portal.dashboard.figures import compute
from portal.dashboard.models import Programme, StatusChange, rebuild_live_periods
from portal.extensions import db
from portal.registry import get_registry
from tests.apps import prepare_database
from tests.pg_server import throwaway_server
from tests.portal.backoffice.helpers import create_user, sign_in

STATUSES = ["planned", "in_development", "pilot", "live", "live", "retired", "live"]


def fill(count: int, changes: int, seed: int = 3) -> None:
    chance = random.Random(seed)
    bodies = list(db.session.scalars(select(Body.id)))
    domains = list(db.session.scalars(select(Term.id).where(Term.vocabulary == "domain")))
    now, first = datetime.now(UTC), datetime(2025, 1, 1, tzinfo=UTC)
    services = [{"slug": f"synthetic-{number}", "body_id": chance.choice(bodies), "domain_id": chance.choice(domains),
                 "maturity": chance.randint(1, 5), "status": "live", "hosted": False, "from_plugin": False,
                 "created_at": first, "updated_at": now, "published_at": first} for number in range(count)]  # fmt: skip
    db.session.execute(insert(Service), services)
    ids = list(db.session.scalars(select(Service.id).where(Service.slug.like("synthetic-%"))))
    texts: list[dict[str, object]]
    texts = [{"service_id": service_id, "locale": locale, "title": f"خدمة {service_id}" if locale == "ar"
              else f"Service {service_id}", "summary": "…", "audience": "", "eligibility": "", "documents": [],
              "steps": [], "cost": "", "processing_time": "", "legal_basis": ""}
             for service_id in ids for locale in ("ar", "fr")]  # fmt: skip
    db.session.execute(insert(ServiceText), texts)
    span = (now - first).total_seconds()
    history = []
    for service_id in ids:
        moments = sorted(first + timedelta(seconds=chance.uniform(0, span)) for _ in range(changes))
        history += [{"service_id": service_id, "status": chance.choice(STATUSES), "changed_at": moment,
                     "author": "bench", "source": "import"} for moment in moments]  # fmt: skip
    db.session.execute(insert(StatusChange), history)
    db.session.add(Programme(**GOVERNMENT_PROGRAMME))
    rebuild_live_periods()
    db.session.commit()


@contextmanager
def database(postgresql: bool) -> Iterator[str]:
    """A new, empty database: an SQLite file in a temporary folder, or a throwaway PostgreSQL server's."""
    if not postgresql:
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{Path(folder) / 'dashboard.db'}"
        return
    with throwaway_server() as url:
        if url is None:
            raise SystemExit("no PostgreSQL server binaries here (Debian's postgresql package)")
        yield database_uri(url)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--changes-per-service", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--postgresql", action="store_true")
    arguments = parser.parse_args()
    with database(arguments.postgresql) as uri:
        app = create_app({"TESTING": True, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False,
                          "SQLALCHEMY_DATABASE_URI": uri})  # fmt: skip
        prepare_database(app)
        with app.app_context():
            fill(arguments.services, arguments.changes_per_service)
            programme = db.session.scalar(select(Programme))
            assert programme is not None, "the demo programme (flask programmes demo) is missing"
            samples = []
            for _ in range(arguments.rounds):
                started = time.perf_counter()
                compute(programme, list(get_registry().bodies), date.today())
                samples.append((time.perf_counter() - started) * 1000)
                db.session.expunge_all()
        client = app.test_client()
        sign_in(client, create_user(app, "analyst", "mtess"))
        pages = []
        for _ in range(arguments.rounds):
            started = time.perf_counter()
            assert client.get("/fr/backoffice/dashboard").status_code == 200
            pages.append((time.perf_counter() - started) * 1000)
        with app.app_context():
            db.engine.dispose()  # the server stops next: no connection of ours may hold it
    total = arguments.services * arguments.changes_per_service
    engine = "PostgreSQL" if arguments.postgresql else "SQLite"
    print(f"{arguments.services} services, {total} status changes, {engine}, {arguments.rounds} rounds")
    print(f"figures computed:   p50 {statistics.median(samples):7.1f} ms   max {max(samples):7.1f} ms")
    print(f"dashboard page:     p50 {statistics.median(pages):7.1f} ms   max {max(pages):7.1f} ms")


if __name__ == "__main__":
    main()
