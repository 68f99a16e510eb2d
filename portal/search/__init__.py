"""Search: Arabic and French text normalisation, and the full-text index (SQLite FTS5 / PostgreSQL)."""
