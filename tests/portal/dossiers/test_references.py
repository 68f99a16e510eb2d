"""References: the check character catches a mistyped character, and numbers never repeat, even when many
applications arrive at the same moment, on SQLite and on PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from flask import Flask
from sqlalchemy import select

from portal.catalogue.models import Body
from portal.dossiers.references import (
    ALPHABET,
    REFERENCE,
    format_reference,
    is_valid_reference,
    next_number,
    normalise_reference,
)
from portal.extensions import db
from tests.conftest import AppFactory

SAMPLES = [format_reference(acronym, year, number) for acronym, year, number in
           [("DEMO", 2026, 123), ("MINTEST", 2026, 1), ("APE", 2027, 999_999), ("DEMO", 2026, 40_017)]]  # fmt: skip


def test_a_reference_reads_body_year_number_and_check_character() -> None:
    assert REFERENCE.match(SAMPLES[0])
    assert SAMPLES[0].startswith("DEMO-2026-000123-")
    assert all(is_valid_reference(reference) for reference in SAMPLES)
    assert is_valid_reference(SAMPLES[0].lower().replace("-", " - "))  # as a person may type it


@pytest.mark.parametrize("reference", SAMPLES)
def test_every_single_character_error_is_detected(reference: str) -> None:
    wrong = []
    for position, character in enumerate(reference):
        if character == "-":
            continue
        for replacement in ALPHABET:
            if replacement != character:
                typed = reference[:position] + replacement + reference[position + 1 :]
                if REFERENCE.match(typed) and is_valid_reference(typed):
                    wrong.append(typed)
    assert wrong == []


@pytest.mark.parametrize("reference", SAMPLES)
def test_swapping_two_neighbours_is_detected(reference: str) -> None:
    plain = reference.replace("-", "")
    prefix = len(reference.split("-")[0])
    for position in range(len(plain) - 1):
        if plain[position] == plain[position + 1]:
            continue
        swapped = plain[:position] + plain[position + 1] + plain[position] + plain[position + 2 :]
        typed = f"{swapped[:prefix]}-{swapped[prefix : prefix + 4]}-{swapped[prefix + 4 : -1]}-{swapped[-1]}"
        assert not is_valid_reference(typed), typed


def test_normalising_keeps_what_a_person_meant() -> None:
    assert normalise_reference(" demo–2026–000123–k ") == "DEMO-2026-000123-K"


def _numbers_from_threads(app: Flask, threads: int, each: int) -> list[int]:
    with app.app_context():
        body_id = db.session.scalar(select(Body.id).where(Body.code == "pilote"))
    assert body_id is not None
    found: list[int] = []
    errors: list[BaseException] = []
    start = threading.Barrier(threads)

    def work() -> None:
        try:
            with app.app_context():
                start.wait()
                for _ in range(each):
                    found.append(next_number(body_id, 2026))
                    db.session.commit()
        except BaseException as error:  # reported below, with the numbers
            errors.append(error)

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert errors == []
    return found


def _check_concurrent_numbering(make: Callable[[], Flask]) -> None:
    app = make()
    numbers = _numbers_from_threads(app, threads=8, each=25)
    assert sorted(numbers) == list(range(1, 201))  # 200 numbers, none twice, none skipped


def test_numbers_are_unique_under_concurrent_submissions_on_sqlite(make_app: AppFactory) -> None:
    _check_concurrent_numbering(make_app)


@pytest.mark.postgres
def test_numbers_are_unique_under_concurrent_submissions_on_postgresql(make_app: AppFactory, postgres_url: str) -> None:
    _check_concurrent_numbering(lambda: make_app(SQLALCHEMY_DATABASE_URI=postgres_url))
