"""search words: the dictionary of indexed words that near spellings are corrected to (PostgreSQL)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 22:40:00

"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_service_search_trigram")
        op.execute("CREATE TABLE search_word (word text PRIMARY KEY)")
        op.execute("CREATE INDEX ix_search_word_trigram ON search_word USING gin (word gin_trgm_ops)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TABLE search_word")
        op.execute(
            "CREATE INDEX ix_service_search_trigram ON service_search "
            "USING gin ((title || ' ' || summary) gin_trgm_ops)"
        )
