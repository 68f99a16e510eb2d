"""The annual declaration simulation with a list of 10,000 workers (target: under 2 seconds).

Two figures: the computation alone (the list read and checked line by line, the contributions computed), and
the whole step as the employer waits for it: the form posted with the list through the app (validation,
computation, the page with the estimate rendered), on a fresh SQLite database.

Usage: ``.venv/bin/python -m bench.simulation [--lines 10000] [--rounds 5]``
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from portal import create_app
from services.cacobatph.declaration import compute_declaration, parse_wage_list
from tests.apps import prepare_database
from tests.services.rulebooks import BOOK

HEADER = "Numéro de sécurité sociale;Nom et prénom;Mois travaillés;Salaire annuel soumis à cotisation (DA)"
NAMES = ["Benali Ahmed", "Saidi Omar", "Kaci Nadia", "Hadj Karim", "Amrani Lynda", "Belkacem Yacine"]


def wage_list(count: int, seed: int = 7) -> str:
    chance = random.Random(seed)
    lines = [f"{150000000000 + number};{chance.choice(NAMES)};{chance.randint(1, 12)};"
             f"{chance.randint(240_000, 3_000_000)},{chance.randint(0, 99):02d}"
             for number in range(count)]  # fmt: skip
    return "\n".join([HEADER, *lines])


def timed(action, rounds: int) -> list[float]:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lines", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    arguments = parser.parse_args()
    text = wage_list(arguments.lines)

    def compute() -> None:
        lines, errors = parse_wage_list(text)
        assert not errors and len(lines) == arguments.lines
        compute_declaration(lines, 2026, BOOK)

    computation = timed(compute, arguments.rounds)
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"TESTING": True, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False,
                          "SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(folder) / 'simulation.db'}"})  # fmt: skip
        prepare_database(app)
        client = app.test_client()
        form = {"key": "0" * 32, "step": "0", "employer_number": "16-0042-77", "year": "2026", "wages": text}

        def post() -> None:
            response = client.post("/fr/services/annual-declaration-simulation/apply", data=form)
            assert response.status_code == 200 and "Total des cotisations dues" in response.get_data(as_text=True)

        page = timed(post, arguments.rounds)
    print(f"{arguments.lines} lines ({len(text.encode()) // 1024} kB), {arguments.rounds} rounds")
    print(f"computation:         p50 {statistics.median(computation):7.1f} ms   max {max(computation):7.1f} ms")
    print(f"simulation step:     p50 {statistics.median(page):7.1f} ms   max {max(page):7.1f} ms")


if __name__ == "__main__":
    main()
