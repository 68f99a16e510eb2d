"""Sign-in: one error for every failure, throttling, the second factor, recovery codes, password change."""

from __future__ import annotations

import re

import pyotp
from flask import Flask
from sqlalchemy import select

from portal.backoffice.models import AuditEvent, User
from portal.extensions import db
from tests.conftest import AppFactory
from tests.portal.backoffice.helpers import PASSWORD, create_user, sign_in, token

ERROR = "L&#39;adresse électronique ou le mot de passe n&#39;est pas le bon."


def post_sign_in(client, email: str, password: str):  # type: ignore[no-untyped-def]
    return client.post(
        "/fr/backoffice/sign-in", data={"csrf_token": token(client), "email": email, "password": password}
    )


def test_one_message_for_a_wrong_email_or_a_wrong_password(app: Flask) -> None:
    user = create_user(app, "editor")
    client = app.test_client()
    unknown, wrong = post_sign_in(client, "nobody@cnas.example.dz", PASSWORD), post_sign_in(client, user.email, "nope")
    assert unknown.status_code == wrong.status_code == 401
    assert ERROR in unknown.get_data(as_text=True).replace("'", "&#39;")
    assert ERROR in wrong.get_data(as_text=True).replace("'", "&#39;")
    with app.app_context():
        failures = db.session.scalars(select(AuditEvent.target).where(AuditEvent.action == "sign_in.failed")).all()
    assert sorted(failures) == ["editor@cnas.example.dz", "nobody@cnas.example.dz"]


def test_a_deactivated_account_cannot_sign_in(app: Flask) -> None:
    user = create_user(app, "editor")
    with app.app_context():
        db.session.get(User, user.id).active = False  # type: ignore[union-attr]
        db.session.commit()
    assert post_sign_in(app.test_client(), user.email, PASSWORD).status_code == 401


def test_sign_in_is_throttled_per_account(app: Flask) -> None:
    user = create_user(app, "editor")
    client = app.test_client()
    statuses = [post_sign_in(client, user.email, "wrong").status_code for _ in range(6)]
    assert statuses == [401] * 5 + [429]
    blocked = post_sign_in(client, user.email, PASSWORD)
    assert blocked.status_code == 429  # even the right password waits
    assert "Trop de requêtes" in blocked.get_data(as_text=True)


def test_publishers_need_the_second_factor(app: Flask) -> None:
    user = create_user(app, "publisher")
    client = app.test_client()
    response = post_sign_in(client, user.email, PASSWORD)
    assert response.headers["Location"] == "/fr/backoffice/two-factor"
    assert client.get("/fr/backoffice/").headers["Location"].startswith("/fr/backoffice/sign-in")  # not yet in
    wrong = client.post("/fr/backoffice/two-factor", data={"csrf_token": token(client), "code": "000000"})
    assert "Ce code n&#39;est pas le bon." in wrong.get_data(as_text=True).replace("'", "&#39;")
    code = pyotp.TOTP(user.totp_secret).now()
    assert client.post("/fr/backoffice/two-factor", data={"csrf_token": token(client), "code": code}).status_code == 302
    assert client.get("/fr/backoffice/").status_code == 200


def test_first_sign_in_enrols_the_second_factor_and_gives_recovery_codes(app: Flask) -> None:
    user = create_user(app, "body_admin", two_factor=False)
    client = app.test_client()
    assert post_sign_in(client, user.email, PASSWORD).headers["Location"] == "/fr/backoffice/two-factor/setup"
    page = client.get("/fr/backoffice/two-factor/setup").get_data(as_text=True)
    secret = re.search(r'<code dir="ltr" class="totp-secret">([A-Z2-7]+)</code>', page).group(1)  # type: ignore[union-attr]
    assert "<svg" in page
    setup = "/fr/backoffice/two-factor/setup"
    done = client.post(setup, data={"csrf_token": token(client, setup), "code": pyotp.TOTP(secret).now()})
    codes = re.findall(r"<li><code>([0-9a-f-]+)</code></li>", done.get_data(as_text=True))
    assert len(codes) == 10
    client.post("/fr/backoffice/sign-out", data={"csrf_token": token(client, "/fr/backoffice/")})
    # A recovery code works once, in place of the phone.
    for attempt, expected in ((codes[0], 302), (codes[0], 200)):
        other = app.test_client()
        post_sign_in(other, user.email, PASSWORD)
        response = other.post("/fr/backoffice/two-factor", data={"csrf_token": token(other), "code": attempt})
        assert response.status_code == expected


def test_password_change(app: Flask) -> None:
    user = create_user(app, "editor")
    client = app.test_client()
    sign_in(client, user)
    form = {
        "csrf_token": token(client, "/fr/backoffice/password"),
        "current": PASSWORD,
        "new": "short",
        "again": "short",
    }
    assert client.post("/fr/backoffice/password", data=form).status_code == 422
    form.update(new="a brand new long password", again="a brand new long password")
    assert client.post("/fr/backoffice/password", data=form).status_code == 302
    assert post_sign_in(app.test_client(), user.email, "a brand new long password").status_code == 302


def test_session_cookie_flags(make_app: AppFactory) -> None:
    app = make_app(SESSION_COOKIE_SECURE=True)
    user = create_user(app, "editor")
    client = app.test_client()
    response = client.post("/fr/backoffice/sign-in", data={"csrf_token": token(client), "email": user.email,
                                                          "password": PASSWORD})  # fmt: skip
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" in cookie
