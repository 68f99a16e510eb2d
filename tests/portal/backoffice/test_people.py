"""Accounts and the audit log, each body seeing only its own."""

from __future__ import annotations

import csv
import io

from flask import Flask
from sqlalchemy import select

from portal.backoffice.models import AuditEvent, User
from portal.extensions import db
from tests.portal.backoffice.helpers import PASSWORD, create_user, sign_in, token


def test_a_body_admin_creates_and_deactivates_users_of_its_body_only(app: Flask) -> None:
    admin = app.test_client()
    sign_in(admin, create_user(app, "body_admin", "cnas"))
    create_user(app, "editor", "cnr", email="editor@cnr.example.dz")
    listing = admin.get("/fr/backoffice/users").get_data(as_text=True)
    assert "editor@cnr.example.dz" not in listing
    page = admin.get("/fr/backoffice/users/new").get_data(as_text=True)
    assert 'value="ministry_admin"' not in page  # only the ministry makes ministry admins
    form = {"csrf_token": token(admin, "/fr/backoffice/users/new"), "name": "Karim", "email": "Karim@CNAS.example.dz",
            "role": "editor", "password": PASSWORD}  # fmt: skip
    assert admin.post("/fr/backoffice/users/new", data=form).status_code == 302
    with app.app_context():
        karim = db.session.scalar(select(User).where(User.email == "karim@cnas.example.dz"))
        assert karim is not None and karim.body.code == "cnas" and karim.role == "editor"
    form.update(email="other@cnas.example.dz", role="ministry_admin")
    refused = admin.post("/fr/backoffice/users/new", data=form)
    assert refused.status_code == 422 and "Choisissez un rôle." in refused.get_data(as_text=True)
    users_page = "/fr/backoffice/users"
    admin.post(
        f"/fr/backoffice/users/{karim.id}/role", data={"csrf_token": token(admin, users_page), "role": "publisher"}
    )
    admin.post(f"/fr/backoffice/users/{karim.id}/role", data={"csrf_token": token(admin, users_page),
                                                           "role": "ministry_admin"})  # fmt: skip
    admin.post(f"/fr/backoffice/users/{karim.id}/deactivate", data={"csrf_token": token(admin, users_page)})
    with app.app_context():
        stored = db.session.get(User, karim.id)
        assert stored is not None and stored.active is False and stored.role == "publisher"
        changes = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "user.role")).all()
        assert [(event.details["before"], event.details["after"]) for event in changes] == [("editor", "publisher")]


def test_audit_log_filters_exports_and_scope(app: Flask) -> None:
    create_user(app, "editor", "cnr", email="editor@cnr.example.dz")
    other = app.test_client()
    sign_in(other, User(email="editor@cnr.example.dz", role="editor"))  # a CNR sign-in, which CNAS must not see
    admin = app.test_client()
    sign_in(admin, create_user(app, "body_admin", "cnas"))
    page = admin.get("/fr/backoffice/audit?action=sign_in").get_data(as_text=True)
    assert "body_admin@cnas.example.dz" in page
    assert "editor@cnr.example.dz" not in page
    exported = admin.get("/fr/backoffice/audit.csv?action=sign_in").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(exported.removeprefix("\ufeff"))))
    assert [row["actor"] for row in rows] == ["body_admin@cnas.example.dz"]
    assert rows[0]["body"] == "cnas"
    ministry = app.test_client()
    sign_in(ministry, create_user(app, "ministry_admin", "mtess"))
    everything = ministry.get("/fr/backoffice/audit.csv?action=sign_in").get_data(as_text=True)
    assert "editor@cnr.example.dz" in everything and "body_admin@cnas.example.dz" in everything
