"""search heading: each index row's title and summary indexed apart (the first services a search ranks when many
match), and on SQLite the index rows numbered after their service

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-30 20:00:00

SQLite: a second FTS5 table holds the title and the summary; the rowid of a row of either table is its service's id
times 16 plus its number among the service's rows, so that a search reads the service of a row without reading
the row's text, and the rows of a service are deleted by a range of rowids. PostgreSQL: a narrow table holds the
title's vector and the weighted vector of the title and the summary, each with a GIN index.
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

ROWS_PER_SERVICE = 16  # as portal.search.index.ROWS_PER_SERVICE


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE TABLE service_search_heading ("
            " service_id integer NOT NULL REFERENCES service (id) ON DELETE CASCADE,"
            " locale varchar(16) NOT NULL, title tsvector NOT NULL, heading tsvector NOT NULL,"
            " PRIMARY KEY (service_id, locale))"
        )
        op.execute(
            "INSERT INTO service_search_heading (service_id, locale, title, heading) "
            "SELECT service_id, locale, to_tsvector('simple', title), "
            "setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', summary), 'B') "
            "FROM service_search"
        )
        op.execute("CREATE INDEX ix_service_search_heading_title ON service_search_heading USING gin (title)")
        op.execute("CREATE INDEX ix_service_search_heading_heading ON service_search_heading USING gin (heading)")
        return
    op.execute("CREATE VIRTUAL TABLE service_search_heading USING fts5(title, summary, tokenize = 'unicode61')")
    _renumber()


def _renumber() -> None:
    """Write the SQLite index's rows again with their new rowids, and their headings."""
    bind = op.get_bind()
    rows = bind.execute(
        sa.text("SELECT service_id, locale, title, summary, body FROM service_search ORDER BY service_id, locale")
    ).all()
    numbered = []
    for index, (service_id, locale, title, summary, body) in enumerate(rows):
        number = 0 if index == 0 or rows[index - 1][0] != service_id else numbered[-1]["rowid"] % ROWS_PER_SERVICE + 1
        numbered.append({"rowid": service_id * ROWS_PER_SERVICE + number, "service_id": service_id, "locale": locale,
                         "title": title, "summary": summary, "body": body})  # fmt: skip
    op.execute("DELETE FROM service_search")
    if not numbered:
        return
    bind.execute(
        sa.text(
            "INSERT INTO service_search (rowid, title, summary, body, service_id, locale) "
            "VALUES (:rowid, :title, :summary, :body, :service_id, :locale)"
        ),
        numbered,
    )
    bind.execute(
        sa.text("INSERT INTO service_search_heading (rowid, title, summary) VALUES (:rowid, :title, :summary)"),
        numbered,
    )


def downgrade() -> None:
    # SQLite's rows keep their rowids: the previous revision reads a row's service from its column.
    op.execute("DROP TABLE service_search_heading")
