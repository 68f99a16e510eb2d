"""Memory: each gunicorn worker's resident memory with 100,000 services, after a warm-up and after a mix of reads.

A SQLite database gets the real bodies and their services (``prepare_database``, as ``make run``), then synthetic
services in both languages: their rows, texts, audiences and life events, channels, and search index rows made by
the platform's own indexing. gunicorn then serves it as ``bench.http`` starts it (production settings, the page
cache on), and a mix of reads goes through it from a few connections: home pages, browsing with filters, distinct
searches, service pages, the pages of bodies and life events, the API (lists, services, bodies, vocabularies); then,
one at a time, the pages that read every service: the open-data exports (CSV, JSON-LD, sitemap, Atom feed), after
``flask opendata write`` has written their files as a worker's job would (its time and peak memory printed), and
the transparency page.

Printed: the database's build time and size; each kind of read's count, answers other than 200 and median time;
then VmRSS (resident), VmHWM (its peak) and Pss (the process's share of pages shared with others, from
smaps_rollup) of the master and of each worker, after the warm-up, after the mix and after the exports (a worker
gunicorn replaced shows with a new pid). With ``--trace``, each worker
traces its allocations (``bench.trace_hooks``) and the lines holding the most memory at its exit are printed. It
asserts nothing.

Usage: ``.venv/bin/python -m bench.memory [--services 100000] [--requests 2000] [--workers 2] [--connections 6]
[--database PATH (kept, and reused when it exists)] [--trace] [--no-exports]``
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from sqlalchemy import insert, select
from sqlalchemy.orm import selectinload

from bench.http import start
from bench.search import ARABIC, FRENCH, vocabulary
from portal import create_app
from portal.catalogue.indexing import reindex
from portal.catalogue.models import Body, Channel, Service, ServiceText, Term, service_channel, service_term
from portal.cli import GOVERNMENT_PROGRAMME
from portal.dashboard.models import Programme
from portal.extensions import db
from portal.registry.vocabulary import AUDIENCES, LIFE_EVENTS
from tests.apps import prepare_database

BATCH = 2000
SEED = 11
STATUSES = ["live"] * 6 + ["pilot", "planned", "in_development"]
# (size of each text field in words); documents and steps are lists of such texts.
TEXT_WORDS = {"title": 5, "summary": 18, "audience": 12, "eligibility": 40, "cost": 4, "processing_time": 3,
              "legal_basis": 10}  # fmt: skip
LIST_WORDS = {"documents": (3, 5), "steps": (4, 12)}
# Read after the mix, one at a time: the pages that read every service (the open-data exports, and the transparency
# page's list of the programme's missing services). gunicorn kills a worker whose answer takes over 30 s.
EVERY_SERVICE = ["/open-data/services.csv", "/open-data/services.jsonld", "/sitemap.xml", "/fr/feed.atom",
                 "/fr/transparency/"]  # fmt: skip
# How often each kind of read comes in the mix.
WEIGHTS = {"home": 4, "browse": 20, "search": 30, "service": 25, "body": 3, "life event": 3, "api list": 8,
           "api service": 4, "api other": 2}  # fmt: skip


class Words:
    """The made-up vocabulary of the synthetic services (``bench.search``'s), Zipf-weighted, in each language."""

    def __init__(self, seed: int = SEED) -> None:
        chance = random.Random(seed)
        self.words = {locale: vocabulary(locale, sector, chance) for locale, sector in (("ar", ARABIC), ("fr", FRENCH))}
        self.weights = {
            locale: list(itertools.accumulate(1 / (rank + 1) for rank in range(len(words))))
            for locale, words in self.words.items()
        }

    def text(self, chance: random.Random, locale: str, size: int) -> str:
        return " ".join(chance.choices(self.words[locale], cum_weights=self.weights[locale], k=size))


def fill(count: int, words: Words, seed: int = SEED) -> None:
    """``count`` synthetic services with their rows in every table the public pages read, indexed by the platform."""
    chance = random.Random(seed)
    bodies = list(db.session.scalars(select(Body.id)))
    channels: dict[int, list[int]] = defaultdict(list)
    for channel_id, body_id in db.session.execute(select(Channel.id, Channel.body_id)):
        channels[body_id].append(channel_id)
    terms: dict[str, list[int]] = defaultdict(list)
    for term_id, name in db.session.execute(select(Term.id, Term.vocabulary)):
        terms[name].append(term_id)
    for start_at in range(0, count, BATCH):
        numbers = range(start_at, min(count, start_at + BATCH))
        ids = _services(chance, numbers, bodies, terms["domain"])
        db.session.execute(insert(ServiceText), [_text(chance, words, service_id, locale)
                                                 for service_id in ids for locale in words.words])  # fmt: skip
        memberships = [{"service_id": service_id, "term_id": term_id} for service_id in ids
                       for term_id in {*chance.sample(terms["audience"], chance.randint(1, 3)),
                                       *chance.sample(terms["life_event"], chance.randint(0, 2))}]  # fmt: skip
        db.session.execute(insert(service_term), memberships)
        links = [{"service_id": service_id, "channel_id": channel_id} for service_id, body_id in ids.items()
                 for channel_id in chance.sample(channels[body_id], min(len(channels[body_id]), 2))]  # fmt: skip
        if links:
            db.session.execute(insert(service_channel), links)
        reindex(_loaded(list(ids)))
        db.session.commit()
        db.session.expunge_all()


def _services(chance: random.Random, numbers: range, bodies: list[int], domains: list[int]) -> dict[int, int]:
    """Insert the services numbered ``numbers``; their ids and bodies."""
    first, now = datetime(2024, 1, 1, tzinfo=UTC), datetime.now(UTC)
    span = (now - first).total_seconds()
    rows = []
    for number in numbers:
        changed = first + timedelta(seconds=chance.uniform(0, span))
        rows.append({"slug": f"synthetic-{number}", "body_id": chance.choice(bodies),
                     "domain_id": chance.choice(domains), "maturity": chance.randint(1, 5),
                     "status": chance.choice(STATUSES), "hosted": False, "from_plugin": False, "created_at": first,
                     "updated_at": changed, "published_at": first})  # fmt: skip
    db.session.execute(insert(Service), rows)
    slugs = [row["slug"] for row in rows]
    return dict(db.session.execute(select(Service.id, Service.body_id).where(Service.slug.in_(slugs))).all())


def _text(chance: random.Random, words: Words, service_id: int, locale: str) -> dict[str, Any]:
    row: dict[str, Any] = {"service_id": service_id, "locale": locale}
    row.update({name: words.text(chance, locale, size) for name, size in TEXT_WORDS.items()})
    row.update({name: [words.text(chance, locale, size) for _ in range(items)]
                for name, (items, size) in LIST_WORDS.items()})  # fmt: skip
    return row


def _loaded(ids: list[int]) -> list[Service]:
    query = select(Service).where(Service.id.in_(ids)).options(
        selectinload(Service.texts), selectinload(Service.terms), selectinload(Service.channels),
        selectinload(Service.body), selectinload(Service.domain),
    )  # fmt: skip
    return list(db.session.scalars(query))


def build(path: Path, count: int, words: Words) -> float:
    """The database at ``path``: migrated, synced, and ``count`` synthetic services; the seconds it took."""
    started = time.perf_counter()
    app = create_app({"TESTING": True, "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"})
    prepare_database(app)
    with app.app_context():
        fill(count, words)
        db.session.add(Programme(**GOVERNMENT_PROGRAMME))  # the transparency page's, as ``make run`` creates it
        db.session.commit()
        db.engine.dispose()
    return time.perf_counter() - started


def mix(count: int, services: int, words: Words, bodies: list[str], seed: int = SEED + 1) -> list[tuple[str, str]]:
    """``count`` reads (kind, path) in a random order."""
    chance = random.Random(seed)
    kinds = chance.choices(list(WEIGHTS), weights=list(WEIGHTS.values()), k=count)
    return [(kind, _path(chance, kind, services, words, bodies)) for kind in kinds]


def _path(chance: random.Random, kind: str, services: int, words: Words, bodies: list[str]) -> str:
    locale = chance.choice(["ar", "fr"])
    slug = f"synthetic-{chance.randrange(services)}"
    if kind == "home":
        return f"/{locale}/"
    if kind == "browse":
        return f"/{locale}/services?{urlencode(_filters(chance, bodies), doseq=True)}"
    if kind == "search":
        return f"/{locale}/services?{urlencode({'q': words.text(chance, locale, chance.randint(1, 2))})}"
    if kind == "service":
        return f"/{locale}/services/{slug}"
    if kind == "body":
        return f"/{locale}/bodies/{chance.choice(bodies)}"
    if kind == "life event":
        return f"/{locale}/life-events/{chance.choice(list(LIFE_EVENTS))}"
    if kind == "api list":
        query = {**_filters(chance, bodies), "per_page": 20}
        if chance.random() < 0.4:
            query["q"] = words.text(chance, locale, 1)
        return f"/api/v1/services?{urlencode(query, doseq=True)}"
    if kind == "api service":
        return f"/api/v1/services/{quote(slug)}"
    return chance.choice(["/api/v1/bodies", "/api/v1/vocabularies"])


def _filters(chance: random.Random, bodies: list[str]) -> dict[str, Any]:
    filters: dict[str, Any] = {"page": chance.choice([1, 1, 1, 2, 3, 50])}
    if chance.random() < 0.6:
        filters["audience"] = chance.choice(list(AUDIENCES))
    if chance.random() < 0.4:
        filters["body"] = chance.choice(bodies)
    if chance.random() < 0.3:
        filters["maturity"] = chance.sample([1, 2, 3, 4, 5], chance.randint(1, 2))
    return filters


class Reads:
    """The answers to the mix: by kind, the statuses and the times."""

    def __init__(self) -> None:
        self.statuses: dict[str, list[int]] = defaultdict(list)
        self.times: dict[str, list[float]] = defaultdict(list)
        self.lock = threading.Lock()

    def record(self, kind: str, status: int, seconds: float) -> None:
        with self.lock:
            self.statuses[kind].append(status)
            self.times[kind].append(seconds)

    def report(self) -> None:
        print(f"{'read':<26}{'count':>7}{'p50 ms':>9}{'max ms':>9}  answers other than 200 (0: no answer)")
        for kind, statuses in self.statuses.items():
            times = self.times[kind]
            others = Counter(status for status in statuses if status != 200)
            print(f"{kind:<26}{len(statuses):>7}{statistics.median(times) * 1000:>9.0f}{max(times) * 1000:>9.0f}  "
                  + ", ".join(f"{status} x {count}" for status, count in sorted(others.items())))  # fmt: skip


def read_all(port: int, reads: list[tuple[str, str]], connections: int) -> Reads:
    """Every read, from ``connections`` threads, each on its own connection to 127.0.0.1."""
    answers, queue, lock = Reads(), iter(reads), threading.Lock()

    def reader() -> None:
        while True:
            with lock:
                kind, path = next(queue, ("", ""))
            if not kind:
                return
            answers.record(kind, *_get(port, path))

    threads = [threading.Thread(target=reader) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def _get(port: int, path: str) -> tuple[int, float]:
    """One GET on its own connection (gunicorn's sync workers close each one); 0: the connection failed."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        status = response.status
    except (OSError, http.client.HTTPException):
        status = 0
    finally:
        connection.close()
    return status, time.perf_counter() - started


def memory(pid: int) -> dict[str, float]:
    """VmRSS and VmHWM from /proc/<pid>/status, Pss from /proc/<pid>/smaps_rollup, in MiB."""
    figures = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            figures[name] = int(value.split()[0]) / 1024
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            figures["Pss"] = int(line.split()[1]) / 1024
    return figures


def workers_of(master: int) -> list[int]:
    """The processes whose parent is ``master`` (read from /proc/<pid>/stat)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError):
                continue
            if parent == master:
                found.append(int(entry.name))
    return sorted(found)


def print_memory(moment: str, master: int) -> None:
    for role, pid in [("master", master), *(("worker", pid) for pid in workers_of(master))]:
        figures = memory(pid)
        print(f"{moment:<15}{role:<8}{pid:>8}{figures['VmRSS']:>10.1f}{figures['VmHWM']:>10.1f}{figures['Pss']:>10.1f}")


def write_open_data(environment: dict[str, str]) -> None:
    """The open-data files written as a worker's job writes them (``flask opendata write``): its time and peak."""
    command = [str(Path(sys.executable).with_name("flask")), "--app", "wsgi", "opendata", "write"]
    started = time.perf_counter()
    subprocess.run(command, env=environment, check=True, capture_output=True)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the one child that has ended: the writer
    print(f"open-data files written by `flask opendata write` in {time.perf_counter() - started:.1f} s, "
          f"peak resident {peak:.0f} MiB")  # fmt: skip


@contextmanager
def database(path: str | None) -> Iterator[Path]:
    if path:
        yield Path(path).resolve()
        return
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder) / "memory.db"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--services", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=6)
    parser.add_argument("--database", help="a file kept after the run, and reused (not rebuilt) when it exists")
    parser.add_argument("--trace", action="store_true", help="trace each worker's allocations (slower)")
    parser.add_argument("--no-exports", action="store_true", help="leave out the pages that read every service")
    arguments = parser.parse_args()
    words = Words()
    with database(arguments.database) as path, tempfile.TemporaryDirectory() as traces:
        if path.exists():
            print(f"database {path} reused ({path.stat().st_size / 2**20:.0f} MiB)")
        else:
            seconds = build(path, arguments.services, words)
            print(f"database: {arguments.services} synthetic services built in {seconds:.0f} s, "
                  f"{path.stat().st_size / 2**20:.0f} MiB")  # fmt: skip
        serve(arguments, path, words, Path(traces))


def serve(arguments: argparse.Namespace, path: Path, words: Words, traces: Path) -> None:
    environment = {**os.environ, "PORTAL_ENV": "production", "PORTAL_SECRET_KEY": "bench-" + "x" * 40,
                   "DATABASE_URL": f"sqlite:///{path}", "BENCH_TRACE_FOLDER": str(traces)}  # fmt: skip
    # Traced, a worker is several times slower: gunicorn's 30 s before it kills one would cut short its trace.
    # A slow answer (browsing at 100,000 services on a busy machine) must not get a worker killed and replaced by a
    # fresh one, whose memory would then be measured instead: gunicorn's timeout is raised (memory, not speed, here).
    options = ["--timeout", "300"] + (
        ["--config", "python:bench.trace_hooks", "--timeout", "900"] if arguments.trace else []
    )
    master, port = start("wsgi:app", arguments.workers, environment, options)
    app = create_app({"TESTING": True, "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"})
    with app.app_context():
        bodies = list(db.session.scalars(select(Body.code)))
    try:
        print(f"{'':<15}{'process':<8}{'pid':>8}{'VmRSS MiB':>10}{'VmHWM':>10}{'Pss':>10}")
        warm_up = [(kind, _path(random.Random(index), kind, arguments.services, words, bodies))
                   for index, kind in enumerate(list(WEIGHTS) * 4)]  # fmt: skip
        read_all(port, warm_up, arguments.workers)
        print_memory("warmed up", master.pid)
        reads = read_all(port, mix(arguments.requests, arguments.services, words, bodies), arguments.connections)
        print_memory("after the mix", master.pid)
        if not arguments.no_exports:
            write_open_data(environment)
        heavy = read_all(port, [] if arguments.no_exports else [(path, path) for path in EVERY_SERVICE], 1)
        if not arguments.no_exports:
            print_memory("after exports", master.pid)
    finally:
        master.terminate()
        master.wait(timeout=60)
    reads.report()
    if heavy.statuses:
        heavy.report()
    for trace in sorted(traces.glob("worker-*.txt")):
        print(trace.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
