"""Search latency: p50 and p95 of the search function on synthetic bilingual catalogues of several sizes.

Each size gets a fresh database, migrated, with N services written in Arabic and French from a list of
the sector's words, indexed as the platform indexes them; then a fixed set of Arabic and French queries
(whole words, prefixes, spelling variants) runs through ``find``, the function the pages and the API call;
then a second set that needs more than one query: near spellings to correct, and words no service has all of
(the partial matches).

Usage: ``.venv/bin/python -m bench.search [--sizes 1000 10000 100000] [--database-url URL]``
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from portal import PROJECT_ROOT, create_app
from portal.extensions import db
from portal.search.finder import find
from portal.search.index import IndexRow, replace_rows
from portal.search.normalise import normalise_text

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
    return rows


def prepare(uri: str, count: int) -> None:
    """Migrate an empty database and fill its search index (the services' own rows are not needed)."""
    db.session.execute(text("PRAGMA foreign_keys=OFF")) if uri.startswith("sqlite") else None
    upgrade(directory=str(PROJECT_ROOT / "migrations"))
    if not uri.startswith("sqlite"):
        db.session.execute(text("ALTER TABLE service_search DROP CONSTRAINT IF EXISTS service_search_service_id_fkey"))
    rows = synthetic_rows(count)
    for start in range(0, len(rows), BATCH):
        replace_rows(db.session, [], rows[start : start + BATCH])
    db.session.commit()
    if not uri.startswith("sqlite"):
        db.session.execute(text("ANALYZE service_search"))  # as autovacuum would, before the planner chooses
        db.session.commit()


def measure(rounds: int, queries: list[str]) -> tuple[float, float, float]:
    samples = []
    found = 0
    for _ in range(rounds):
        for query in queries:
            started = time.perf_counter()
            found += len(find(db.session, query).ids)
            samples.append((time.perf_counter() - started) * 1000)
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))], found / len(ordered)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--database-url", help="an empty PostgreSQL database; default a new SQLite file per size")
    arguments = parser.parse_args()
    heading = f"{'services':>9}{'p50 ms':>9}{'p95 ms':>9}{'hits/query':>12}"
    print(
        f"{heading}  database, queries ({len(QUERIES)} found at once, {len(FALLBACKS)} fallbacks; x {arguments.rounds})"
    )
    for size in arguments.sizes:
        with tempfile.TemporaryDirectory() as folder:
            uri = arguments.database_url or f"sqlite:///{Path(folder) / 'search.db'}"
            app = create_app({"TESTING": True, "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": uri})
            with app.app_context():
                prepare(uri, size)
                figures = {kind: measure(arguments.rounds, queries) for kind, queries in
                           (("found at once", QUERIES), ("fallbacks", FALLBACKS))}  # fmt: skip
                name = db.engine.dialect.name
                if arguments.database_url:
                    db.session.commit()
                    downgrade(directory=str(PROJECT_ROOT / "migrations"), revision="base")
            for kind, (p50, p95, hits) in figures.items():
                print(f"{size:>9}{p50:>9.2f}{p95:>9.2f}{hits:>12.0f}  {name}, {kind}")


if __name__ == "__main__":
    main()
