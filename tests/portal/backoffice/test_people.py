"""Accounts and the audit log, each body seeing only its own."""

from __future__ import annotations

import csv
import io

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.test import TestResponse

from portal.extensions import db
from portal.staff.models import AuditEvent, User
from tests.portal.backoffice.helpers import PASSWORD, create_user, sign_in, token


def test_a_body_admin_creates_and_deactivates_users_of_its_body_only(app: Flask) -> None:
    admin = app.test_client()
    sign_in(admin, create_user(app, "body_admin", "demo"))
    create_user(app, "editor", "pilote", email="editor@pilote.example.dz")
    listing = admin.get("/fr/backoffice/users").get_data(as_text=True)
    assert "editor@pilote.example.dz" not in listing
    page = admin.get("/fr/backoffice/users/new").get_data(as_text=True)
    assert 'value="ministry_admin"' not in page  # only the ministry makes ministry admins
    form = {"csrf_token": token(admin, "/fr/backoffice/users/new"), "name": "Karim", "email": "Karim@DEMO.example.dz",
            "role": "editor", "password": PASSWORD}  # fmt: skip
    assert admin.post("/fr/backoffice/users/new", data=form).status_code == 302
    with app.app_context():
        karim = db.session.scalar(select(User).where(User.email == "karim@demo.example.dz"))
        assert karim is not None and karim.body.code == "demo" and karim.role == "editor"
    form.update(email="other@demo.example.dz", role="ministry_admin")
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
    create_user(app, "editor", "pilote", email="editor@pilote.example.dz")
    other = app.test_client()
    sign_in(other, User(email="editor@pilote.example.dz", role="editor"))  # the agency's, which the fund must not see
    admin = app.test_client()
    sign_in(admin, create_user(app, "body_admin", "demo"))
    page = admin.get("/fr/backoffice/audit?action=sign_in").get_data(as_text=True)
    assert "body_admin@demo.example.dz" in page
    assert "editor@pilote.example.dz" not in page
    exported = admin.get("/fr/backoffice/audit.csv?action=sign_in").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(exported.removeprefix("\ufeff"))))
    assert [row["actor"] for row in rows] == ["body_admin@demo.example.dz"]
    assert rows[0]["body"] == "demo"
    ministry = app.test_client()
    sign_in(ministry, create_user(app, "ministry_admin", "mintest"))
    everything = ministry.get("/fr/backoffice/audit.csv?action=sign_in").get_data(as_text=True)
    assert "editor@pilote.example.dz" in everything and "body_admin@demo.example.dz" in everything


def post_as(client: FlaskClient, path: str, **data: str) -> TestResponse:
    return client.post(path, data={"csrf_token": token(client, "/fr/backoffice/users"), **data})


def test_body_admin_cannot_demote_ministry_admin(app: Flask) -> None:
    minister = create_user(app, "ministry_admin", "mintest")
    admin = app.test_client()
    sign_in(admin, create_user(app, "body_admin", "mintest"))  # an administrator of the ministry's own body
    refused = post_as(admin, f"/fr/backoffice/users/{minister.id}/role", role="editor")
    assert refused.status_code == 403
    with app.app_context():
        kept = db.session.get(User, minister.id)
        assert kept is not None
        assert kept.role == "ministry_admin"


def test_body_admin_cannot_leave_the_platform_without_an_active_ministry_admin(app: Flask) -> None:
    minister = create_user(app, "ministry_admin", "mintest")  # the only one
    admin = app.test_client()
    sign_in(admin, create_user(app, "body_admin", "mintest"))
    assert post_as(admin, f"/fr/backoffice/users/{minister.id}/deactivate").status_code == 403
    with app.app_context():
        kept = db.session.get(User, minister.id)
        assert kept is not None
        assert kept.active is True


def test_body_admin_cannot_change_a_peer(app: Flask) -> None:
    peer = create_user(app, "body_admin", "demo", email="peer@demo.example.dz")
    admin = app.test_client()
    sign_in(admin, create_user(app, "body_admin", "demo"))
    assert post_as(admin, f"/fr/backoffice/users/{peer.id}/role", role="editor").status_code == 403
    assert post_as(admin, f"/fr/backoffice/users/{peer.id}/deactivate").status_code == 403
    with app.app_context():
        stored = db.session.get(User, peer.id)
        assert stored is not None and (stored.role, stored.active) == ("body_admin", True)


def test_users_page_offers_changes_only_for_lower_roles(app: Flask) -> None:
    minister = create_user(app, "ministry_admin", "mintest")
    editor = create_user(app, "editor", "mintest")
    admin = app.test_client()
    me = create_user(app, "body_admin", "mintest")
    sign_in(admin, me)
    page = admin.get("/fr/backoffice/users").get_data(as_text=True)
    assert f"/users/{editor.id}/role" in page and f"/users/{editor.id}/deactivate" in page
    for above_or_equal in (minister, me):
        assert f"/users/{above_or_equal.id}/" not in page
    assert 'value="ministry_admin"' not in page  # a role above one's own is never offered
