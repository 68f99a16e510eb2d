"""Search latency: p50 and p95 of the search function on synthetic bilingual catalogues of several sizes.

Each size gets a fresh database, migrated, with N services written in Arabic and French from a list of
the sector's words, indexed as the platform indexes them; then a fixed set of Arabic and French queries
(whole words, prefixes, spelling variants) runs through ``find``, the function the pages and the API call;
then a second set that needs more than one query: near spellings to correct, and words no service has all of
(the partial matches). Besides the times: how many services a search lists, how often the list is complete (when the
words are held by more rows than a search reads, it is not: ``portal.search.ranking``), and how much of the first
page (20 services) is the first page of the search with no bound, which ranks every matching row.

Usage: ``.venv/bin/python -m bench.search [--sizes 1000 10000 100000] [--rounds 5] [--database-url URL |
--postgresql]``; ``--postgresql`` starts a throwaway PostgreSQL server of Debian's binaries (``tests/pg_server.py``).
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path

from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from portal import PROJECT_ROOT, create_app
from portal.config import database_uri
from portal.extensions import db
from portal.search import ranking
from portal.search.finder import Found, find
from portal.search.index import IndexRow, replace_rows
from portal.search.normalise import normalise_text
from tests.pg_server import throwaway_server

ARABIC = ("التعويض الأمومة التقاعد المعاش الانتساب الإرادي الاشتراكات التصريح السنوي الأجور البطالة المنحة "
          "الشكاوى الاقتراحات المستخدم العامل الأجير غير الأجراء الجالية بالخارج شهادة الحياة الحساب الفردي "
          "العطل المدفوعة الطلب عن بعد الوثائق الملف المتابعة الصندوق الوكالة التشغيل الضمان "
          "الاجتماعي").split()  # fmt: skip
FRENCH = ("indemnité maternité retraite pension affiliation volontaire cotisations déclaration annuelle salaires "
          "chômage allocation réclamation suggestion employeur travailleur salarié non-salarié étranger certificat "
          "vie compte individuel congés payés demande ligne pièces dossier suivi caisse agence emploi sécurité "
          "sociale").split()  # fmt: skip
QUERIES = ["أمومة", "الأمومة", "تقاعد", "معاش", "انتساب ارادي", "منحة البطالة", "شهاده", "كناس", "التصريح السنوي",
           "الاشتر", "maternité", "maternite", "retraite", "allocation chômage", "déclaration annuelle", "cotis",
           "certificat de vie", "affiliation volontaire étranger", "réclamations", "pension"]  # fmt: skip
FALLBACKS = ["maternitee", "تقاعود", "retraitee", "الاشتراكاث", "indemnité chômage", "شهادة البطالة",
             "certificat chômage pension", "لعطلة الأمومة"]  # fmt: skip
BATCH = 2000
PAGE = 20


VOCABULARY = 4000  # words per language, drawn with Zipf weights as in real text
SYLLABLES = {
    "ar": "با تي سو ري كا مو نو لي دا فو جي حا را سي طو".split(),
    "fr": "ba te so ri ca mo nu li da fo ge ha ra si tu".split(),
}


def vocabulary(locale: str, sector: list[str], chance: random.Random) -> list[str]:
    """Made-up words, with the sector's words spread log-uniformly from rank 20 (in about one service in
    five) to rank 3000 (rare), so that the queries below range from common to rare words."""
    made_up = {"".join(chance.choices(SYLLABLES[locale], k=chance.randint(2, 4))) for _ in range(VOCABULARY * 2)}
    words = sorted(made_up - set(sector))[: VOCABULARY - len(sector)]
    chance.shuffle(words)
    shuffled = chance.sample(sector, len(sector))
    for index, word in enumerate(shuffled):
        words.insert(round(20 * 150 ** (index / (len(shuffled) - 1))), word)
    return words


def synthetic_rows(count: int, seed: int = 7) -> list[IndexRow]:
    chance = random.Random(seed)
    rows = []
    for locale, sector in (("ar", ARABIC), ("fr", FRENCH)):
        words = vocabulary(locale, sector, chance)
        weights = [1 / (rank + 1) for rank in range(len(words))]
        for service_id in range(1, count + 1):
            title, summary, body = (" ".join(chance.choices(words, weights, k=size)) for size in (5, 18, 80))
            rows.append(IndexRow(service_id, locale, *(normalise_text(part) for part in (title, summary, body))))
    return sorted(rows, key=lambda row: row.service_id)  # each service's rows together, as replace_rows takes them


def prepare(uri: str, count: int) -> None:
    """Migrate an empty database and fill its search index (the services' own rows are not needed)."""
    db.session.execute(text("PRAGMA foreign_keys=OFF")) if uri.startswith("sqlite") else None
    upgrade(directory=str(PROJECT_ROOT / "migrations"))
    if not uri.startswith("sqlite"):
        for table in ("service_search", "service_search_heading"):
            db.session.execute(text(f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {table}_service_id_fkey"))
    rows = synthetic_rows(count)
    for start in range(0, len(rows), BATCH):
        replace_rows(db.session, [], rows[start : start + BATCH])
    db.session.commit()
    if not uri.startswith("sqlite"):
        # As autovacuum would after so many rows: statistics for the planner, and the GIN indexes' pending lists
        # (the rows not yet merged into the index, which every search reads whole) emptied.
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))


@dataclass(frozen=True)
class Searches:
    """The times of some searches, what they found, and how much of each first page is the unbounded search's."""

    times: list[float]
    found: list[Found]
    first_pages: list[float]

    def __add__(self, other: Searches) -> Searches:
        return Searches(self.times + other.times, self.found + other.found, self.first_pages + other.first_pages)

    def line(self) -> str:
        times = sorted(self.times)
        p50, p95 = statistics.median(times), times[int(0.95 * (len(times) - 1))]
        listed = statistics.mean(len(one.ids) for one in self.found)
        complete = statistics.mean(one.complete for one in self.found)
        first_page = statistics.mean(self.first_pages) if self.first_pages else 1.0
        return f"{p50:>9.2f}{p95:>9.2f}{listed:>8.0f}{complete:>10.0%}{first_page:>10.0%}"


def measure(rounds: int, queries: list[str]) -> Searches:
    times, found = [], []
    for _ in range(rounds):
        for query in queries:
            started = time.perf_counter()
            found.append(find(db.session, query))
            times.append((time.perf_counter() - started) * 1000)
    first_pages = []
    for query, bounded in zip(queries, found, strict=False):
        every = unbounded_find(query).ids[:PAGE]
        if every:
            first_pages.append(len(set(every) & set(bounded.ids[:PAGE])) / len(every))
    return Searches(times, found, first_pages)


def unbounded_find(query: str) -> Found:
    """The search as it ranked before its bound: every matching row (what the first pages are compared with)."""
    bound = ranking.CANDIDATES
    ranking.CANDIDATES = 10**9
    try:
        return find(db.session, query)
    finally:
        ranking.CANDIDATES = bound


@contextmanager
def postgresql_server() -> Iterator[str]:
    with throwaway_server() as url:
        if url is None:
            raise SystemExit("no PostgreSQL server binaries here (Debian's postgresql package)")
        yield database_uri(url)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--database-url", help="an empty PostgreSQL database; default a new SQLite file per size")
    parser.add_argument("--postgresql", action="store_true", help="a throwaway PostgreSQL server's database")
    arguments = parser.parse_args()
    heading = f"{'services':>9}{'p50 ms':>9}{'p95 ms':>9}{'listed':>8}{'complete':>10}{'1st page':>10}"
    print(f"{heading}  database, queries ({len(QUERIES)} found at once, {len(FALLBACKS)} fallbacks; "
          f"x {arguments.rounds})")  # fmt: skip
    with postgresql_server() if arguments.postgresql else nullcontext(arguments.database_url) as server:
        for size in arguments.sizes:
            found_at_once, fallbacks, name = run(server, size, arguments.rounds)
            for kind, searches in (("found at once", found_at_once), ("fallbacks", fallbacks),
                                   ("all", found_at_once + fallbacks)):  # fmt: skip
                print(f"{size:>9}{searches.line()}  {name}, {kind}")


def run(server: str | None, size: int, rounds: int) -> tuple[Searches, Searches, str]:
    """Both sets of queries on a new database of ``size`` services."""
    with tempfile.TemporaryDirectory() as folder:
        uri = server or f"sqlite:///{Path(folder) / 'search.db'}"
        app = create_app({"TESTING": True, "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": uri})
        with app.app_context():
            prepare(uri, size)
            found_at_once, fallbacks = measure(rounds, QUERIES), measure(rounds, FALLBACKS)
            name = db.engine.dialect.name
            if server:
                db.session.commit()
                downgrade(directory=str(PROJECT_ROOT / "migrations"), revision="base")
            db.engine.dispose()  # a throwaway server stops next: no connection of ours may hold it
    return found_at_once, fallbacks, name


if __name__ == "__main__":
    main()
