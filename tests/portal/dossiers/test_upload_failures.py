"""A file is kept on the disk only with the row that names it: a file whose row the database refused would be
named by nothing, so never purged (an applicant's document kept for ever)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from flask import Flask

from tests.apps import sqlite_file
from tests.portal.dossiers.helpers import HIRING_AID, form_key, pdf_bytes, send_hiring_aid


def test_a_file_whose_row_the_database_refuses_is_not_left_on_the_disk(portal_app: Flask, tmp_path: Path) -> None:
    client = portal_app.test_client()
    key = form_key(client, HIRING_AID.format(locale="fr"))
    database = sqlite_file(portal_app.config["SQLALCHEMY_DATABASE_URI"])
    assert database is not None
    with sqlite3.connect(database) as connection:  # the database refuses every new upload, as a full disk would
        connection.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON pending_upload BEGIN SELECT RAISE(ABORT, 'full'); END"
        )
    portal_app.config["PROPAGATE_EXCEPTIONS"] = False
    status, _page, _location = send_hiring_aid(client, key, {"statement": (pdf_bytes(), "declaration.pdf")})
    assert status == 500
    uploads = tmp_path / "uploads"
    assert [path for path in uploads.rglob("*") if path.is_file()] == []
