"""tracking codes' digests keyed with the platform's secret: the plain SHA-256 of each derived code made keyed

Revision ID: 0029
Revises: 0026
Create Date: 2026-12-01 12:00:00.000000

A copy of the database alone let anyone try the 31¹⁰ codes of a chosen dossier offline against its plain digest.
The digests of the codes derived from the reference (every code since issue 11) are rewritten as the keyed digest
``dossiers/references.py`` now stores; an older random code's digest, which cannot be recomputed, stays plain and
still matches. The formulas are written here as they were at this revision, not imported. Downgrading writes the
plain digests back.
"""

import hashlib
import hmac
import re
from collections.abc import Callable

import sqlalchemy as sa
from alembic import context, op
from flask import current_app

# revision identifiers, used by Alembic.
revision = "0029"
down_revision = "0026"
branch_labels = None
depends_on = None

ALPHABET, LENGTH = "ABCDEFGHJKMNPQRSTUVWXYZ23456789", 10
DOSSIER = sa.table("dossier", sa.column("id", sa.Integer), sa.column("reference", sa.String),
                   sa.column("tracking_hash", sa.String))  # fmt: skip


def _key(purpose: bytes) -> bytes:
    return hmac.new(current_app.config["SECRET_KEY"].encode(), purpose, hashlib.sha256).digest()


def _salted(reference: str) -> bytes:
    number = int.from_bytes(hmac.new(_key(b"tracking-code"), reference.encode(), hashlib.sha256).digest(), "big")
    letters = []
    for _ in range(LENGTH):
        number, index = divmod(number, len(ALPHABET))
        letters.append(ALPHABET[index])
    return f"{reference}:{re.sub(r'[^A-Z0-9]', '', ''.join(letters))}".encode()


def _plain(reference: str) -> str:
    return hashlib.sha256(_salted(reference)).hexdigest()


def _keyed(reference: str) -> str:
    return hmac.new(_key(b"tracking-digest"), _salted(reference), hashlib.sha256).hexdigest()


def _rewrite(old: Callable[[str], str], new: Callable[[str], str]) -> None:
    """Each dossier whose digest is ``old(reference)`` gets ``new(reference)``."""
    if context.is_offline_mode():  # no rows to read: the SQL script leaves the digests as they are
        return
    bind = op.get_bind()
    rows = bind.execute(sa.select(DOSSIER.c.id, DOSSIER.c.reference, DOSSIER.c.tracking_hash)).all()
    for row_id, reference, stored in rows:
        if stored == old(reference):
            bind.execute(DOSSIER.update().where(DOSSIER.c.id == row_id).values(tracking_hash=new(reference)))


def upgrade() -> None:
    _rewrite(_plain, _keyed)


def downgrade() -> None:
    _rewrite(_keyed, _plain)
