"""search index: FTS5 on SQLite, weighted tsvector and trigrams on PostgreSQL

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 22:00:00

"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute(
            "CREATE TABLE service_search ("
            " service_id integer NOT NULL REFERENCES service (id) ON DELETE CASCADE,"
            " locale varchar(16) NOT NULL, title text NOT NULL, summary text NOT NULL, body text NOT NULL,"
            " document tsvector NOT NULL, PRIMARY KEY (service_id, locale))"
        )
        op.execute("CREATE INDEX ix_service_search_document ON service_search USING gin (document)")
        op.execute(
            "CREATE INDEX ix_service_search_trigram ON service_search "
            "USING gin ((title || ' ' || summary) gin_trgm_ops)"
        )
    else:
        op.execute(
            "CREATE VIRTUAL TABLE service_search USING fts5("
            "title, summary, body, service_id UNINDEXED, locale UNINDEXED, tokenize = 'unicode61')"
        )


def downgrade() -> None:
    op.execute("DROP TABLE service_search")
