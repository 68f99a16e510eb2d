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
    """Each dossier whose digest is ``old(reference)`` gets ``new(reference)``, a thousand rows a query (by id)."""
    bind, last = op.get_bind(), 0
    while True:
        rows = bind.execute(sa.select(DOSSIER.c.id, DOSSIER.c.reference, DOSSIER.c.tracking_hash)
                            .where(DOSSIER.c.id > last).order_by(DOSSIER.c.id).limit(1000)).all()  # fmt: skip
        if not rows:
            return
        last = rows[-1][0]
        changed = [{"row": row_id, "digest": new(reference)} for row_id, reference, stored in rows
                   if stored == old(reference)]  # fmt: skip
        if changed:
            bind.execute(DOSSIER.update().where(DOSSIER.c.id == sa.bindparam("row"))
                         .values(tracking_hash=sa.bindparam("digest")), changed)  # fmt: skip


def upgrade() -> None:
    if context.is_offline_mode():  # no rows to read in a SQL script: the plain digests stay, and still match
        return
    _rewrite(_plain, _keyed)


def downgrade() -> None:
    if context.is_offline_mode():
        raise RuntimeError("0029's downgrade reads the dossiers to write their plain digests back: run it online")
    _rewrite(_keyed, _plain)
