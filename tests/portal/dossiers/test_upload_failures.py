"""A file is kept on the disk only with the row that names it: a file whose row the database refused would be
named by nothing, so never purged (an applicant's document kept for ever)."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

from flask import Flask

from tests.apps import sqlite_file
from tests.portal.dossiers.helpers import form_key, pdf_bytes
from tests.portal.dossiers.test_uploads import ANSWERS, APPLY


def test_a_file_whose_row_the_database_refuses_is_not_left_on_the_disk(portal_app: Flask, tmp_path: Path) -> None:
    client = portal_app.test_client()
    key = form_key(client, APPLY)
    database = sqlite_file(portal_app.config["SQLALCHEMY_DATABASE_URI"])
    assert database is not None
    with sqlite3.connect(database) as connection:  # the database refuses every new upload, as a full disk would
        connection.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON pending_upload BEGIN SELECT RAISE(ABORT, 'full'); END"
        )
    portal_app.config["PROPAGATE_EXCEPTIONS"] = False
    data = {**ANSWERS, "key": key, "step": "2", "action": "submit", "document-statement": (io.BytesIO(pdf_bytes()),
            "declaration.pdf")}  # fmt: skip
    response = client.post(APPLY, data=data, content_type="multipart/form-data")
    assert response.status_code == 500
    uploads = tmp_path / "uploads"
    assert [path for path in uploads.rglob("*") if path.is_file()] == []
