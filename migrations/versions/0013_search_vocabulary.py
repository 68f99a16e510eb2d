"""search vocabulary: every indexed word with its frequency and its one-letter deletions, on both databases
(the spelling corrector and the Arabic proclitics use it); it replaces PostgreSQL's trigram dictionary

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30 13:40:00

The vocabulary is filled here from the index as it is; ``flask search reindex`` (or the next sync) also strips
the proclitics from the stored rows.
"""

from collections import Counter

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    # Byte order on PostgreSQL too, so that a range of terms is a prefix whatever the cluster's collation.
    term = sa.Text(collation="C") if postgresql else sa.Text()
    op.create_table(
        "search_term",
        sa.Column("term", term, primary_key=True),
        sa.Column("frequency", sa.Integer(), nullable=False),
    )
    op.create_table(
        "search_deletion",
        sa.Column("deletion", term, primary_key=True),
        sa.Column("term", term, primary_key=True),
    )
    op.create_index("ix_search_deletion_term", "search_deletion", ["term"])
    _fill()
    if postgresql:
        op.execute("DROP TABLE search_word")


def _fill() -> None:
    counts: Counter[str] = Counter()
    for row in op.get_bind().execute(sa.text("SELECT title, summary, body FROM service_search")):
        counts.update(set(" ".join(row).split()))
    if not counts:
        return
    op.get_bind().execute(
        sa.text("INSERT INTO search_term (term, frequency) VALUES (:term, :frequency)"),
        [{"term": word, "frequency": frequency} for word, frequency in counts.items()],
    )
    deletions = [
        {"deletion": key, "term": word}
        for word in counts
        if len(word) >= 3 and not word.isdigit()
        for key in {word} | {word[:at] + word[at + 1 :] for at in range(len(word))}
    ]
    if deletions:
        op.get_bind().execute(
            sa.text("INSERT INTO search_deletion (deletion, term) VALUES (:deletion, :term)"), deletions
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE TABLE search_word (word text PRIMARY KEY)")
        op.execute("CREATE INDEX ix_search_word_trigram ON search_word USING gin (word gin_trgm_ops)")
        op.execute("INSERT INTO search_word (word) SELECT term FROM search_term")
    op.drop_table("search_deletion")
    op.drop_table("search_term")
