"""The audit log reads in the page's language: every action and kind of actor has a label; the codes stay stored."""

from __future__ import annotations

import csv
import io

import pytest
from flask import Flask
from flask_babel import force_locale
from sqlalchemy import select

from portal.extensions import db
from portal.staff import audit
from portal.staff.models import AuditEvent
from tests.portal.backoffice.helpers import create_user, editor_form, service_id, sign_in, token
from tests.portal.catalogue.test_workflow import signed_in


def sent_back_and_recorded_by_the_command_line(app: Flask) -> None:
    editor, publisher = signed_in(app, "editor"), signed_in(app, "publisher")
    path = f"/fr/backoffice/services/{service_id(app, 'employer-declaration')}"
    editor.post(path, data=editor_form(editor, path))
    editor.post(f"{path}/submit", data={"csrf_token": token(editor, path)})
    publisher.post(f"{path}/send-back", data={"csrf_token": token(publisher, path), "comment": "Précisez le délai."})
    with app.app_context():
        audit.record("user.create", "someone@demo.example.dz", email="cli", role="editor")
        db.session.commit()


@pytest.mark.parametrize(
    ("locale", "signed", "sent_back", "created", "by_cli"),
    [
        ("ar", "تسجيل الدخول", "إعادة إلى المحررين", "إنشاء حساب", "سطر الأوامر"),
        ("fr", "Connexion", "Renvoi aux rédacteurs", "Compte créé", "Ligne de commande"),
    ],
)
def test_the_audit_log_names_actions_and_actors_in_the_pages_language(
    app: Flask, locale: str, signed: str, sent_back: str, created: str, by_cli: str
) -> None:
    sent_back_and_recorded_by_the_command_line(app)
    admin = app.test_client()
    sign_in(admin, create_user(app, "ministry_admin", "mintest"))
    page = admin.get(f"/{locale}/backoffice/audit").get_data(as_text=True)
    for label in (signed, sent_back, created):
        assert f"<td>{label}</td>" in page
        assert f">{label}</option>" in page  # the filter offers the same labels
    assert f"<td>{by_cli}</td>" in page
    for code in ("sign_in", "service.send_back", "user.create"):
        assert f">{code}<" not in page  # no code is shown as such
    with app.app_context():  # the code is what is stored
        assert db.session.scalar(select(AuditEvent.id).where(AuditEvent.action == "service.send_back"))


def test_the_audit_csv_keeps_the_code_and_adds_its_label(app: Flask) -> None:
    sent_back_and_recorded_by_the_command_line(app)
    admin = app.test_client()
    sign_in(admin, create_user(app, "ministry_admin", "mintest"))
    rows = list(csv.DictReader(io.StringIO(admin.get("/ar/backoffice/audit.csv").get_data(as_text=True))))
    sent = next(row for row in rows if row["action"] == "service.send_back")
    assert sent["action_label"] == "إعادة إلى المحررين"


def test_an_action_without_a_label_shows_its_code_and_a_plugin_is_named(app: Flask) -> None:
    with app.test_request_context("/fr/"), force_locale("fr"):
        assert audit.action_label("something.new") == "something.new"
        assert audit.actor_label("plugin:anem") == "Module ANEM (synchronisation)"
        assert audit.actor_label("agent@demo.example.dz") == "agent@demo.example.dz"
