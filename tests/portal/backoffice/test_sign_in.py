"""Sign-in: one error for every failure, throttling, the second factor, recovery codes, password change."""

from __future__ import annotations

import hashlib
import json
import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pyotp
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import delete, func, select
from werkzeug.test import TestResponse

from portal.backoffice.auth import issue_recovery_codes
from portal.extensions import db
from portal.staff.models import AuditEvent, RecoveryCode, User
from tests.conftest import AppFactory
from tests.portal.backoffice.helpers import (
    PASSWORD,
    authenticator,
    create_user,
    post_sign_in,
    session_data,
    sign_in,
    token,
)

ERROR = "L&#39;adresse électronique ou le mot de passe n&#39;est pas le bon."


def test_one_message_for_a_wrong_email_or_a_wrong_password(app: Flask) -> None:
    user = create_user(app, "editor")
    client = app.test_client()
    unknown, wrong = post_sign_in(client, "nobody@demo.example.dz", PASSWORD), post_sign_in(client, user.email, "nope")
    assert unknown.status_code == wrong.status_code == 401
    assert ERROR in unknown.get_data(as_text=True).replace("'", "&#39;")
    assert ERROR in wrong.get_data(as_text=True).replace("'", "&#39;")
    with app.app_context():
        failures = db.session.scalars(select(AuditEvent.target).where(AuditEvent.action == "sign_in.failed")).all()
    assert sorted(failures) == ["editor@demo.example.dz", "nobody@demo.example.dz"]


def test_a_deactivated_account_cannot_sign_in(app: Flask) -> None:
    user = create_user(app, "editor")
    with app.app_context():
        stored = db.session.get(User, user.id)
        assert stored is not None
        stored.active = False
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
    code = authenticator(user).now()
    assert client.post("/fr/backoffice/two-factor", data={"csrf_token": token(client), "code": code}).status_code == 302
    assert client.get("/fr/backoffice/").status_code == 200


def test_first_sign_in_enrols_the_second_factor_and_gives_recovery_codes(app: Flask) -> None:
    user = create_user(app, "body_admin", two_factor=False)
    client = app.test_client()
    assert post_sign_in(client, user.email, PASSWORD).headers["Location"] == "/fr/backoffice/two-factor/setup"
    page = client.get("/fr/backoffice/two-factor/setup").get_data(as_text=True)
    offered = re.search(r'<code dir="ltr" class="totp-secret">([A-Z2-7]+)</code>', page)
    assert offered is not None
    secret = offered.group(1)
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


def test_the_secret_offered_at_enrolment_never_travels_in_the_cookie(app: Flask) -> None:
    user = create_user(app, "publisher", two_factor=False)
    client = app.test_client()
    post_sign_in(client, user.email, PASSWORD)
    page = client.get("/fr/backoffice/two-factor/setup").get_data(as_text=True)
    offered = re.search(r'class="totp-secret">([A-Z2-7]+)<', page)
    assert offered is not None
    secret = offered.group(1)
    cookie = client.get_cookie("session")
    assert cookie is not None
    readable = json.dumps(session_data(app, cookie.value))
    assert secret not in readable
    assert secret in client.get("/fr/backoffice/two-factor/setup").get_data(as_text=True)  # the same, on reload


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


TWO_FACTOR = "/fr/backoffice/two-factor"


def at_second_factor(app: Flask, user: User) -> FlaskClient:
    """A browser that gave the right password and is asked for the second factor."""
    client = app.test_client()
    assert post_sign_in(client, user.email, PASSWORD).headers["Location"] == TWO_FACTOR
    return client


def send_code(client: FlaskClient, code: str, address: str = "127.0.0.1") -> TestResponse:
    data = {"csrf_token": token(client, TWO_FACTOR), "code": code}
    return client.post(TWO_FACTOR, data=data, environ_base={"REMOTE_ADDR": address})


def test_a_totp_code_is_accepted_only_once(app: Flask) -> None:
    user = create_user(app, "publisher")
    code = authenticator(user).now()
    assert send_code(at_second_factor(app, user), code).status_code == 302
    replayed = at_second_factor(app, user)  # someone who saw the code typed, and knows the password
    assert send_code(replayed, code).status_code == 200
    assert replayed.get("/fr/backoffice/").headers["Location"].startswith("/fr/backoffice/sign-in")


def recovery_codes_of(app: Flask, user: User) -> list[str]:
    with app.app_context():
        stored = db.session.get(User, user.id)
        assert stored is not None
        codes = issue_recovery_codes(stored)
        db.session.commit()
        return codes


def test_recovery_codes_are_stored_as_digests_and_found_by_them(app: Flask) -> None:
    user = create_user(app, "publisher")
    codes = recovery_codes_of(app, user)
    with app.app_context():
        stored = set(db.session.scalars(select(RecoveryCode.code_digest).where(RecoveryCode.user_id == user.id)))
    assert stored == {hashlib.sha256(code.replace("-", "").encode()).hexdigest() for code in codes}
    client = at_second_factor(app, user)
    assert send_code(client, "0123-4567-89ab").status_code == 200  # one indexed look-up, no slow hash to try
    assert send_code(client, codes[3].upper().replace("-", " ")).status_code == 302  # as typed from paper


def test_second_factor_attempts_are_limited_per_account(app: Flask) -> None:
    user = create_user(app, "publisher")
    client = at_second_factor(app, user)
    statuses = [send_code(client, "000000", address=f"192.0.2.{n}").status_code for n in range(6)]
    assert statuses == [200] * 5 + [429]  # each attempt from another address: the account is what counts
    assert send_code(client, authenticator(user).now(), address="192.0.2.99").status_code == 429


def test_a_user_without_recovery_codes_gets_new_ones_at_the_next_sign_in(app: Flask) -> None:
    user = create_user(app, "publisher")
    with app.app_context():
        db.session.execute(delete(RecoveryCode))  # as the upgrade to digests left every account
        db.session.commit()
    page = send_code(at_second_factor(app, user), authenticator(user).now()).get_data(as_text=True)
    assert len(re.findall(r"<li><code>([0-9a-f-]+)</code></li>", page)) == 10


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_a_recovery_code_sent_three_times_at_once_signs_in_once(
    make_app: AppFactory, request: pytest.FixtureRequest, database: str
) -> None:
    """Three browsers send the same recovery code at the same moment (SQLite: a file database, several threads)."""
    override = {"SQLALCHEMY_DATABASE_URI": request.getfixturevalue("postgres_url")} if database == "postgresql" else {}
    app = make_app(**override)
    user = create_user(app, "publisher")
    code = recovery_codes_of(app, user)[0]
    browsers = [at_second_factor(app, user) for _ in range(3)]
    forms = [{"csrf_token": token(browser, TWO_FACTOR), "code": code} for browser in browsers]
    start = threading.Barrier(len(browsers))

    def send(browser: FlaskClient, form: dict[str, str]) -> int:
        start.wait()
        return browser.post(TWO_FACTOR, data=form).status_code

    with ThreadPoolExecutor(len(browsers)) as pool:
        statuses = sorted(pool.map(send, browsers, forms))
    assert statuses == [200, 200, 302]
    with app.app_context():
        sign_ins = db.session.scalar(select(func.count()).where(AuditEvent.action == "sign_in"))
    assert sign_ins == 1


@pytest.mark.parametrize("target", ["/\\evil.example", "/\t/evil.example", "//evil.example", "/%5Cevil.example",
                                    "https://evil.example/", "/%09/evil.example"])  # fmt: skip
def test_sign_in_never_sends_the_user_to_another_site(app: Flask, target: str) -> None:
    user = create_user(app, "editor")
    client = app.test_client()
    page = f"/fr/backoffice/sign-in?next={target.replace('%', '%25')}"
    answer = client.post(page, data={"csrf_token": token(client, page), "email": user.email, "password": PASSWORD})
    assert answer.status_code == 302 and answer.headers["Location"] == "/fr/backoffice/"


def test_sign_in_goes_back_to_the_page_that_asked_for_it(app: Flask) -> None:
    user = create_user(app, "editor")
    client = app.test_client()
    page = "/fr/backoffice/sign-in?next=/fr/backoffice/audit"
    answer = client.post(page, data={"csrf_token": token(client, page), "email": user.email, "password": PASSWORD})
    assert answer.headers["Location"] == "/fr/backoffice/audit"


def test_password_change_attempts_are_limited_per_account(app: Flask) -> None:
    user = create_user(app, "editor")
    client = app.test_client()
    sign_in(client, user)
    form = {"csrf_token": token(client, "/fr/backoffice/password"), "current": "not my password",
            "new": "another long password", "again": "another long password"}  # fmt: skip
    statuses = [client.post("/fr/backoffice/password", data=form).status_code for _attempt in range(6)]
    assert statuses == [422] * 5 + [429]
