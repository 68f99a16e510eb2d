"""Sessions end where they must: a copied cookie stops working after a sign-out, a password, role change or
deactivation; every session ends when idle or too old; a role that needs the second factor is checked for it."""

from __future__ import annotations

import pyotp
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.backoffice.auth import issue_recovery_codes
from portal.catalogue.models import ServiceDraft
from portal.extensions import db
from portal.staff.models import AuditEvent, User
from portal.staff.sessions import SEEN_AT, SIGNED_IN_AT
from tests.conftest import AppFactory
from tests.portal.accounts.helpers import create_account
from tests.portal.backoffice.helpers import (
    PASSWORD,
    create_user,
    editor_form,
    post_sign_in,
    service_id,
    sign_in,
    token,
    totp_code,
)

HOME = "/fr/backoffice/"


def copy_of(app: Flask, client: FlaskClient) -> FlaskClient:
    """Another browser replaying this client's session cookie, as a thief who copied it would."""
    cookie = client.get_cookie("session")
    assert cookie is not None
    thief = app.test_client()
    thief.set_cookie("session", cookie.value)
    assert thief.get(HOME).status_code == 200  # the copy works, until the session is ended
    return thief


def sent_to_sign_in(client: FlaskClient, path: str = HOME) -> bool:
    response = client.get(path)
    return response.status_code == 302 and response.headers["Location"].startswith("/fr/backoffice/sign-in")


def signed_in_editor(app: Flask) -> tuple[User, FlaskClient]:
    user = create_user(app, "editor")
    client = app.test_client()
    sign_in(client, user)
    return user, client


def test_signing_out_ends_a_copied_session(app: Flask) -> None:
    _user, client = signed_in_editor(app)
    thief = copy_of(app, client)
    client.post("/fr/backoffice/sign-out", data={"csrf_token": token(client, HOME)})
    assert sent_to_sign_in(thief)


def test_a_password_change_ends_the_other_sessions_and_keeps_this_one(app: Flask) -> None:
    _user, client = signed_in_editor(app)
    thief = copy_of(app, client)
    new = "a brand new long password"
    form = {"csrf_token": token(client, "/fr/backoffice/password"), "current": PASSWORD, "new": new, "again": new}
    assert client.post("/fr/backoffice/password", data=form).status_code == 302
    assert sent_to_sign_in(thief)
    assert client.get(HOME).status_code == 200


def admin_of_the_fund(app: Flask) -> FlaskClient:
    admin = app.test_client()
    sign_in(admin, create_user(app, "body_admin", "demo"))
    return admin


def test_a_role_change_ends_the_sessions_of_the_changed_user(app: Flask) -> None:
    user, client = signed_in_editor(app)
    thief = copy_of(app, client)
    admin = admin_of_the_fund(app)
    admin.post(f"/fr/backoffice/users/{user.id}/role", data={"csrf_token": token(admin, HOME), "role": "agent"})
    assert sent_to_sign_in(client) and sent_to_sign_in(thief)


def test_a_deactivation_ends_the_sessions_of_the_deactivated_user(app: Flask) -> None:
    user, client = signed_in_editor(app)
    thief = copy_of(app, client)
    admin = admin_of_the_fund(app)
    admin.post(f"/fr/backoffice/users/{user.id}/deactivate", data={"csrf_token": token(admin, HOME)})
    assert sent_to_sign_in(client) and sent_to_sign_in(thief)


def test_an_idle_session_ends(make_app: AppFactory) -> None:
    app = make_app(BACKOFFICE_IDLE_MINUTES=30)
    _user, client = signed_in_editor(app)
    with client.session_transaction() as session:
        session[SEEN_AT] -= 31 * 60  # half an hour without a request
    assert sent_to_sign_in(client)
    assert "Votre session a pris fin." in client.get("/fr/backoffice/sign-in").get_data(as_text=True)


def test_a_session_ends_after_its_lifetime_however_active(make_app: AppFactory) -> None:
    app = make_app(BACKOFFICE_MAX_HOURS=12)
    _user, client = signed_in_editor(app)
    with client.session_transaction() as session:
        session[SIGNED_IN_AT] -= 12 * 3600 + 60  # signed in twelve hours ago, seen a moment ago
    assert sent_to_sign_in(client)


def submitted_for_review(app: Flask, editor: FlaskClient) -> str:
    path = f"/fr/backoffice/services/{service_id(app, 'maternity-benefit')}"
    legal = {"ar-legal_basis": "القانون رقم 83-11.", "fr-legal_basis": "Loi n° 83-11."}
    assert editor.post(path, data=editor_form(editor, path, **legal)).status_code == 302
    assert editor.post(f"{path}/submit", data={"csrf_token": token(editor, path)}).status_code == 302
    return path


def in_review(app: Flask) -> bool:
    with app.app_context():
        return db.session.scalar(select(ServiceDraft.state)) == "in_review"


def test_editor_promoted_to_publisher_cannot_publish_from_the_same_session(app: Flask) -> None:
    user, editor = signed_in_editor(app)  # no second factor: editors need none
    path = submitted_for_review(app, editor)
    admin = admin_of_the_fund(app)
    admin.post(f"/fr/backoffice/users/{user.id}/role", data={"csrf_token": token(admin, HOME), "role": "publisher"})
    refused = editor.post(f"{path}/publish", data={"csrf_token": token(editor)})
    assert refused.status_code == 302 and refused.headers["Location"].startswith("/fr/backoffice/sign-in")
    assert in_review(app)


def promote_in_database(app: Flask, user: User, secret: str | None) -> User:
    """A role changed outside the pages (an operator, or a role newly made to need the second factor), with an
    authenticator app enrolled when ``secret`` is given."""
    with app.app_context():
        stored = db.session.get(User, user.id)
        assert stored is not None
        stored.role, stored.totp_secret = "publisher", secret
        if secret:
            issue_recovery_codes(stored)
        db.session.commit()
        db.session.refresh(stored)
        db.session.expunge(stored)
        return stored


def test_a_session_without_the_second_factor_must_pass_it_before_acting_for_a_role_that_needs_it(
    app: Flask,
) -> None:
    user, editor = signed_in_editor(app)
    path = submitted_for_review(app, editor)
    publisher = promote_in_database(app, user, pyotp.random_base32())
    refused = editor.post(f"{path}/publish", data={"csrf_token": token(editor)})
    assert refused.status_code == 302 and refused.headers["Location"] == "/fr/backoffice/two-factor"
    assert in_review(app)
    asked = editor.get(path)
    assert asked.headers["Location"] == "/fr/backoffice/two-factor"
    second = "/fr/backoffice/two-factor"
    passed = editor.post(second, data={"csrf_token": token(editor, second), "code": totp_code(editor, publisher)})
    assert passed.headers["Location"] == path  # back to the page that asked for it
    assert editor.post(f"{path}/publish", data={"csrf_token": token(editor, path)}).status_code == 302
    assert not in_review(app)


def test_a_session_without_the_second_factor_and_no_authenticator_is_sent_to_enrol(app: Flask) -> None:
    user, editor = signed_in_editor(app)
    promote_in_database(app, user, None)
    assert editor.get(HOME).headers["Location"] == "/fr/backoffice/two-factor/setup"
    assert "<svg" in editor.get("/fr/backoffice/two-factor/setup").get_data(as_text=True)


def test_a_session_that_owes_the_second_factor_signs_out_and_ends_its_copies(app: Flask) -> None:
    user, editor = signed_in_editor(app)
    thief = copy_of(app, editor)
    promote_in_database(app, user, pyotp.random_base32())
    second = "/fr/backoffice/two-factor"
    assert editor.get(HOME).headers["Location"] == second
    page = editor.get(second).get_data(as_text=True)
    assert "Se déconnecter" in page  # the menu's button, which used to lead back to this page
    out = editor.post("/fr/backoffice/sign-out", data={"csrf_token": token(editor, second)})
    assert out.status_code == 302 and out.headers["Location"].startswith("/fr/backoffice/sign-in")
    assert sent_to_sign_in(editor) and sent_to_sign_in(thief)
    with app.app_context():
        assert db.session.scalar(select(AuditEvent.target).where(AuditEvent.action == "sign_out")) == user.email


def test_a_sign_in_left_at_its_second_step_is_cancelled(app: Flask) -> None:
    user = create_user(app, "publisher")
    client = app.test_client()
    assert post_sign_in(client, user.email, PASSWORD).headers["Location"] == "/fr/backoffice/two-factor"
    for locale, words in (("fr", "Annuler la connexion"), ("ar", "إلغاء تسجيل الدخول")):
        assert words in client.get(f"/{locale}/backoffice/two-factor").get_data(as_text=True)
    cancelled = client.post("/fr/backoffice/sign-out", data={"csrf_token": token(client, "/fr/backoffice/two-factor")})
    assert cancelled.headers["Location"].startswith("/fr/backoffice/sign-in")
    assert sent_to_sign_in(client, "/fr/backoffice/two-factor")  # nothing of the sign-in is left to finish
    refused = client.post("/fr/backoffice/sign-out", data={})  # no CSRF token: refused as every form is
    assert refused.status_code == 400


def test_a_staff_sign_out_leaves_a_citizens_account_in_the_same_browser_signed_in(app: Flask) -> None:
    client = app.test_client()
    create_account(app, client, "citoyen.et.agent@example.dz", csrf=True)
    sign_in(client, create_user(app, "editor"))
    assert client.get(HOME).status_code == 200 and client.get("/fr/my/").status_code == 200
    client.post("/fr/backoffice/sign-out", data={"csrf_token": token(client, HOME)})
    assert sent_to_sign_in(client)
    assert client.get("/fr/my/").status_code == 200  # the citizen's part of the session stays
