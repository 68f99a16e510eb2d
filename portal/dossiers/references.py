"""Dossier references (CNAS-2026-000123-K) and the applicant's private tracking code.

The check character is ISO 7064 MOD 37,36 over the reference's letters and digits: it detects every
single-character error and every swap of two neighbours. Numbers are allocated per body and year by one
UPDATE of a counter row, so two submissions at the same moment never get the same number.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from typing import Any

from flask import current_app
from sqlalchemy import update
from sqlalchemy.dialects import postgresql, sqlite

from portal.dossiers.models import Dossier, DossierSequence
from portal.extensions import db

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
REFERENCE = re.compile(r"^([A-Z0-9]+)-(\d{4})-(\d{6,})-([0-9A-Z])$")
# The tracking code avoids characters that read alike (0/O, 1/I/L).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10


def check_character(text: str) -> str:
    """ISO 7064 MOD 37,36 (hybrid system) over ``text``'s characters of 0-9 and A-Z."""
    modulus, product = 36, 36
    for character in text:
        total = (product + ALPHABET.index(character)) % modulus or modulus
        product = (total * 2) % (modulus + 1)
    return ALPHABET[(modulus + 1 - product) % modulus]


def prefix_of(acronym: str) -> str:
    return "".join(character for character in acronym.upper() if character in ALPHABET)


def format_reference(acronym: str, year: int, number: int) -> str:
    prefix = prefix_of(acronym)
    core = f"{prefix}{year}{number:06d}"
    return f"{prefix}-{year}-{number:06d}-{check_character(core)}"


def normalise_reference(text: str) -> str:
    """As typed by a person: spaces dropped, case folded, dashes of any kind accepted."""
    cleaned = re.sub(r"\s+", "", text).upper()
    return re.sub(r"[‐-―−_]", "-", cleaned)


def is_valid_reference(text: str) -> bool:
    match = REFERENCE.match(normalise_reference(text))
    if match is None:
        return False
    prefix, year, number, check = match.groups()
    return check_character(f"{prefix}{year}{number}") == check


def next_number(body_id: int, year: int) -> int:
    """The next number of this body and year, in the caller's transaction (rolled back with it)."""
    increment = (
        update(DossierSequence)
        .where(DossierSequence.body_id == body_id, DossierSequence.year == year)
        .values(last=DossierSequence.last + 1)
        .returning(DossierSequence.last)
    )
    number: Any = db.session.scalar(increment)
    if number is None:  # the year's first dossier of this body: make the counter, whoever makes it first
        dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
        db.session.execute(
            dialect.insert(DossierSequence).values(body_id=body_id, year=year, last=0).on_conflict_do_nothing()
        )
        number = db.session.scalar(increment)
    return int(number)


def _key(purpose: bytes) -> bytes:
    return hmac.new(current_app.config["SECRET_KEY"].encode(), purpose, hashlib.sha256).digest()


def tracking_code(reference: str) -> str:
    """The private tracking code of a dossier, derived from its reference with the platform's secret: nothing
    stored holds it (only its keyed digest), so no member of staff can read it, yet the email that carries it can
    be written when it is sent, and a replayed application gets the same code back."""
    number = int.from_bytes(hmac.new(_key(b"tracking-code"), reference.encode(), hashlib.sha256).digest(), "big")
    letters = []
    for _ in range(CODE_LENGTH):
        number, index = divmod(number, len(CODE_ALPHABET))
        letters.append(CODE_ALPHABET[index])
    return f"{''.join(letters[:5])}-{''.join(letters[5:])}"


def tracking_hash(reference: str, code: str) -> str:
    """The stored digest of a dossier's code: keyed with the platform's secret, so that a copy of the database
    alone cannot be used to try the 31¹⁰ (about 2⁵⁰) codes of a chosen dossier offline; the reference salts it."""
    return hmac.new(_key(b"tracking-digest"), _salted(reference, code), hashlib.sha256).hexdigest()


def code_matches(reference: str, code: str, stored: str) -> bool:
    """Whether ``code`` is the dossier's. A digest stored before the keyed one (a plain SHA-256; migration 0029
    made those of derived codes keyed) still matches."""
    return _keyed_matches(reference, code, stored) | _plain_matches(reference, code, stored)


def code_is_right(dossier: Dossier, code: str) -> bool:
    """Whether ``code`` is this dossier's; a plain digest it matches (an older random code's, which only its holder
    can give) is made keyed there and then, and committed at once: call it before the request changes anything
    else."""
    if _keyed_matches(dossier.reference, code, dossier.tracking_hash):
        return True
    if not _plain_matches(dossier.reference, code, dossier.tracking_hash):
        return False
    dossier.tracking_hash = tracking_hash(dossier.reference, code)
    db.session.commit()
    return True


def _keyed_matches(reference: str, code: str, stored: str) -> bool:
    return hmac.compare_digest(tracking_hash(reference, code), stored)


def _plain_matches(reference: str, code: str, stored: str) -> bool:
    return hmac.compare_digest(hashlib.sha256(_salted(reference, code)).hexdigest(), stored)


def _salted(reference: str, code: str) -> bytes:
    return f"{reference}:{re.sub(r'[^A-Z0-9]', '', code.upper())}".encode()
